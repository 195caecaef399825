import { describe, expect, it } from 'vitest';
import { cPermitSchema, type CPermit } from '../../shared/documents/c-permit.ts';
import { crossingSchema, type Crossing } from '../../shared/documents/crossing.ts';
import { feeRateTableSchema, rateTableOn, TRANSIT_GROUNDS, VEHICLE_CLASSES, type FeeRateTable } from '../../shared/documents/fee-rates.ts';
import { readRegistryDocument, registryDocumentSchema, type RegistryDocument } from '../../shared/documents/registry-document.ts';
import { CHECKPOINT_IDS } from '../../shared/reference/checkpoints.ts';
import { verifyCPermit } from '../../shared/rules/verdict.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';
import { demoRegistry } from './demo-registry.ts';
import { seedDemo } from './seed.ts';

const TODAY = '2026-05-04';
const NOON_KZ = Date.parse(`${TODAY}T12:00:00+05:00`);

describe.each(TEST_DATABASES)('demo seed on $name', (database) => {
  it('gives a centre without demo data no demo people: their password is public', async () => {
    const { db, drop } = await database.open();
    try {
      await seedDemo(db, { permits: 0, today: '2026-12-02' });
      expect(await db.query('SELECT id FROM users')).toEqual([]);
      await seedDemo(db, { permits: 3, today: '2026-12-02' });
      expect((await db.query<{ id: string }>('SELECT id FROM users ORDER BY id')).map((r) => r.id)).toEqual(['asqar', 'erlan', 'gulnar', 'maria']);
    } finally {
      await drop();
    }
  });

  it('is deterministic, valid, spread as documented, and runs only on an empty centre', async () => {
    const a = await database.open();
    const b = await database.open();
    try {
      expect(await seedDemo(a.db, { permits: 300, today: TODAY })).toBe(300);
      expect(await seedDemo(b.db, { permits: 300, today: TODAY })).toBe(300);
      expect(await seedDemo(a.db, { permits: 300, today: TODAY })).toBe(0);

      const dump = async (db: typeof a.db) => ({
        permits: await db.query<{ seq: number; doc: CPermit }>('SELECT seq::float8 AS seq, doc FROM permits ORDER BY seq'),
        crossings: await db.query<{ seq: number; doc: Crossing }>('SELECT seq::float8 AS seq, doc FROM crossings ORDER BY seq'),
        documents: await db.query<{ seq: number; doc: RegistryDocument }>('SELECT seq::float8 AS seq, doc FROM documents ORDER BY seq'),
        feeRates: await db.query<{ seq: number; doc: FeeRateTable }>('SELECT seq::float8 AS seq, doc FROM fee_rates ORDER BY seq'),
      });
      const da = await dump(a.db);
      expect(da).toEqual(await dump(b.db));
      expect(da.permits).toHaveLength(300);
      expect(da.permits.map((r) => r.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));

      const permits = da.permits.map((r) => cPermitSchema.parse(r.doc));
      const crossings = da.crossings.map((r) => crossingSchema.parse(r.doc));
      expect(permits[0]!.exitCheckpointId).toBe('dostyk-avto');
      expect(permits.map((p) => p.exitCheckpointId).slice(0, 5)).toEqual([...CHECKPOINT_IDS]);
      expect(permits.filter((p) => p.status === 'annulled').map((p) => p.id)).toEqual(['A26-000049', 'A26-000099', 'A26-000149', 'A26-000199', 'A26-000249', 'A26-000299']);
      expect(permits.filter((p) => p.validTo < TODAY).map((p) => p.id)).toEqual(['A26-000098', 'A26-000198', 'A26-000298']);
      expect(permits[1]!.blankNumber).toBe('C0000002');
      expect(permits[0]!.blankNumber).toBe('');
      expect(crossings.map((c) => c.permitId)).toEqual(permits.filter((_, i) => (i + 1) % 20 === 19).map((p) => p.id));
      // Kazakh letters beyond Russian ones appear in carrier names; Russian names use ТОО.
      expect(permits.some((p) => /[ӘҒҚҢӨҰҮҺІ]/.test(p.carrier.nameKk))).toBe(true);
      expect(permits.every((p) => p.carrier.nameRu.startsWith('ТОО «') && /^\d{12}$/.test(p.carrier.binIin))).toBe(true);
      expect(permits.every((p) => /^\d{3}[A-Z]{3}\d{2}$/.test(p.vehicle.plate))).toBe(true);

      const first = permits[0]!;
      expect(first.applicationNumber).toBe('A26-000001');
      expect(first.permitCardPlates).toContain(first.vehicle.plate);
      if (first.trailer) expect(first.permitCardPlates).toContain(first.trailer.plate);
      const verdict = verifyCPermit({ permit: first, crossings: [], checkpointId: 'dostyk-avto', direction: 'exit', presentedPlate: first.vehicle.plate, nowMs: NOON_KZ });
      expect(verdict).toMatchObject({ status: 'valid', isAllowed: true, reasons: [] });
      // And the demo's refusals are what they say they are.
      const used = permits[18]!;
      const usedVerdict = verifyCPermit({ permit: used, crossings: crossings.filter((c) => c.permitId === used.id), checkpointId: used.exitCheckpointId, direction: 'exit', nowMs: NOON_KZ });
      expect(usedVerdict.status).toBe('used');

      // The registry of other documents: every one a document the desk's rules can read, under its own kind.
      const registry = da.documents.map((r) => registryDocumentSchema.parse(r.doc));
      expect(registry.map((d) => d.id)).toEqual(demoRegistry(TODAY).map((d) => d.id));
      expect(registry.map((d) => d.number)).toEqual(expect.arrayContaining(['KZ000101', 'EP-2026-0001', 'NS-000451']));
      for (const d of registry) expect(readRegistryDocument(d), d.id).not.toBeNull();

      // One demo fee table, valid as the shared schema reads it, in force today, with a rate for every ground and vehicle class.
      const fees = da.feeRates.map((r) => feeRateTableSchema.strict().parse(r.doc));
      expect(fees.map((t) => [t.id, t.validFrom, t.validDays])).toEqual([['demo-transit-fees', '2026-01-01', 10]]);
      expect(fees[0]!.source).toMatch(/^DEMO/);
      expect(rateTableOn(fees, TODAY)?.id).toBe('demo-transit-fees');
      for (const ground of TRANSIT_GROUNDS) for (const vehicleClass of VEHICLE_CLASSES) expect(fees[0]!.rates.filter((r) => r.ground === ground && r.vehicleClass === vehicleClass), `${ground}/${vehicleClass}`).toHaveLength(1);
    } finally {
      await a.drop();
      await b.drop();
    }
  });
});
