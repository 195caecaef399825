import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sampleCrossing, samplePermit } from '../../test/fixtures/permits.ts';
import { createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { alertSchema, type Alert } from '../../shared/documents/alert.ts';
import { toRxSchema } from '../../shared/sync/rx-schema.ts';
import { deskStorage, openDeskDatabase, type DeskDatabase } from './database.ts';
import { findCrossings, findPermit } from './lookup.ts';

// The RxDB schemas are derived from the shared zod schemas; this proves RxDB + Dexie accept them and
// that each scan kind is answered by its own index.
let db: DeskDatabase | null = null;
afterEach(async () => {
  await db?.remove();
  db = null;
});

describe('desk database', () => {
  it('stores permits and finds them by application, addendum and blank number', async () => {
    db = await openDeskDatabase(`t-${Math.random()}`);
    await db.permits.bulkInsert([
      samplePermit(),
      samplePermit({ id: 'A26-000002', applicationNumber: 'A26-000002', addendumNumber: 'D26-000002', blankNumber: '' }),
    ]);
    expect((await findPermit(db, { kind: 'application', value: 'A26-000002' }))?.id).toBe('A26-000002');
    expect((await findPermit(db, { kind: 'addendum', value: 'D26-000001' }))?.id).toBe('A26-000001');
    expect((await findPermit(db, { kind: 'blank', value: 'C0000002' }))?.id).toBe('A26-000001');
    expect(await findPermit(db, { kind: 'application', value: 'A26-999999' })).toBeNull();
  });

  it('keeps the Kazakh text of a permit intact and finds its crossings', async () => {
    db = await openDeskDatabase(`t-${Math.random()}`);
    await db.permits.insert(samplePermit());
    await db.crossings.insert(sampleCrossing());
    const p = await findPermit(db, { kind: 'application', value: 'A26-000001' });
    expect(p?.carrier.nameKk).toBe('«Қазақ Көлік Логистика» ЖШС');
    expect(await findCrossings(db, 'A26-000001')).toHaveLength(1);
    expect(await findCrossings(db, 'A26-000002')).toHaveLength(0);
  });

  it('opens a replica an older version made: alerts stored before issue 8 keep their fields', async () => {
    const name = `t-upgrade-${Math.random()}`;
    // The alerts collection as version 0 stored it, before the reasons of a disputed decision.
    const old = await createRxDatabase<{ alerts: RxCollection<Alert> }>({ name, storage: deskStorage(), multiInstance: false });
    const v0 = toRxSchema('alerts', alertSchema.omit({ reasons: true, reasonDetails: true, documentNumber: true }), { primaryKey: 'id', indexes: [] });
    await old.addCollections({ alerts: { schema: v0 as unknown as RxJsonSchema<Alert> } });
    const alert: Alert = { id: 'permit-used-twice:A26-000019:x', kind: 'permit-used-twice', subject: 'A26-000019', checkpointIds: ['dostyk-avto', 'kolzhat'], deskIds: ['a', 'b'], recordIds: ['r1', 'r2'], createdAt: 1 };
    await old.alerts.insert(alert);
    await old.close();
    db = await openDeskDatabase(name);
    expect((await db.alerts.findOne('permit-used-twice:A26-000019:x').exec())?.toJSON()).toEqual(alert);
  });

  // Without the version bump (alerts at version 1 with a new kind in its enum) RxDB refuses this replica (DB6).
  it('opens a replica made before the audit-chain-broken kind, and stores that kind after', async () => {
    const name = `t-upgrade-v1-${Math.random()}`;
    const old = await createRxDatabase<{ alerts: RxCollection<Alert> }>({ name, storage: deskStorage(), multiInstance: false });
    const v1 = toRxSchema('alerts', alertSchema.extend({ kind: z.enum(['permit-used-twice', 'blank-issued-twice', 'decision-disputed']) }), { primaryKey: 'id', indexes: [], version: 1 });
    await old.addCollections({ alerts: { schema: v1 as unknown as RxJsonSchema<Alert>, migrationStrategies: { 1: (d: Alert) => d } } });
    const alert: Alert = { id: 'decision-disputed:01KB0000000000000000000001', kind: 'decision-disputed', subject: '01KB0000000000000000000001', checkpointIds: ['kolzhat'], deskIds: ['kolzhat-1'], recordIds: ['01KB0000000000000000000001'], reasons: ['already-used'], createdAt: 1 };
    await old.alerts.insert(alert);
    await old.close();
    db = await openDeskDatabase(name);
    expect((await db.alerts.findOne(alert.id).exec())?.toJSON()).toEqual(alert);
    await db.alerts.insert({ ...alert, id: 'audit-chain-broken:x', kind: 'audit-chain-broken', subject: '3' });
    expect(await db.alerts.count().exec()).toBe(2);
  });
});
