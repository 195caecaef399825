import { describe, expect, it } from 'vitest';
import { cPermitApplicationSchema } from './c-permit-application.ts';

const application = {
  applicationNumber: 'A26-000001',
  permitYear: 2026,
  booking: { number: 'B26-000001', exitCheckpointId: 'dostyk-avto', entryCheckpointName: 'Алашанькоу', plannedCrossingDate: '2026-11-22' },
  owner: { binIin: '123456789012', name: '«Қазақ Көлік» ЖШС', address: 'Алматы қ.', contacts: '+7 727 000 00 00' },
  drivers: [{ iin: '900101300123', fullName: 'Әбенов Ғалым', address: 'Алматы қ.', contacts: '+7 701 000 00 00' }],
  vehicle: { model: 'DAF XF', plate: '123ABC02', loadCapacityKg: 20_000, seats: 2 },
  trailer: null,
  countries: ['CN'],
  goods: { name: 'Бидай', weightKg: 20_000, loadingPlace: 'Алматы', unloadingPlace: 'Үрімші' },
  personalDataConsent: true,
  signature: { data: 'MIIB…', signedAt: '2026-11-18T09:00:00+05:00' },
};

describe('the C-permit application (seed 000 Annex 1)', () => {
  it('Annex 1 items 1-10 parse, with several drivers allowed (item 4)', () => {
    expect(cPermitApplicationSchema.parse(application).drivers[0]!.fullName).toBe('Әбенов Ғалым');
  });
  it('Annex 1 item 9, Rules §10: no consent to personal data, no application', () => {
    const r = cPermitApplicationSchema.safeParse({ ...application, personalDataConsent: false });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/consent/);
  });
});
