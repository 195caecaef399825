import { describe, expect, it } from 'vitest';
import { samplePermit } from '../../test/fixtures/permits.ts';
import { ADDENDUM_ITEMS, cPermitAddendumSchema, toCPermitAddendum } from './c-permit-addendum.ts';

describe('the C-permit addendum (seed 000 Annex 3)', () => {
  it('Seed 000 Annex 3: has all thirteen items, in order', () => {
    expect(ADDENDUM_ITEMS).toHaveLength(13);
    expect(Object.keys(cPermitAddendumSchema.shape)).toEqual([...ADDENDUM_ITEMS]);
  });

  it('Seed 000 Annex 3 items 1-11: built from the replicated record', () => {
    const a = toCPermitAddendum(samplePermit());
    expect(a.carrierName.kk).toBe('«Қазақ Көлік Логистика» ЖШС');
    expect(a.vehicle).toMatchObject({ model: 'DAF XF', plate: '123 АВС 02', loadCapacityKg: 20000, seats: 2, trailer: { plate: '45 ВСА 02' } });
    expect(a.validity).toEqual({ from: '2026-11-20', to: '2026-12-20' });
    expect(a.checkpoints).toEqual({ exitCheckpointId: 'dostyk-avto', entry: 'Алашанькоу' });
  });

  it('Seed 000 Annex 3 item 12 is passed in; item 13 (Rules §13) is empty until a blank is allocated', () => {
    expect(toCPermitAddendum(samplePermit(), 'рефрижератор').other).toBe('рефрижератор');
    expect(toCPermitAddendum(samplePermit({ blankNumber: '' })).blankNumber).toBe('');
    expect(toCPermitAddendum(samplePermit()).blankNumber).toBe('C0000002');
  });
});
