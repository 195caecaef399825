import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCrossing, samplePermit } from '../../test/fixtures/permits.ts';
import { openDeskDatabase, type DeskDatabase } from './database.ts';
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
});
