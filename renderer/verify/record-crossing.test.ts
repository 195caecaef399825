import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { crossingSchema } from '../../shared/documents/crossing.ts';
import { samplePermit } from '../../test/fixtures/permits.ts';
import { openDeskDatabase, type DeskDatabase } from '../db/database.ts';
import { recordCrossing, type RecordCrossingInput } from './record-crossing.ts';

let db: DeskDatabase | null = null;
afterEach(async () => {
  await db?.remove();
  db = null;
});

const input = (over: Partial<RecordCrossingInput> = {}): RecordCrossingInput => ({
  permit: samplePermit(),
  documentNumber: 'A26-000001',
  direction: 'exit',
  checkpointId: 'dostyk-avto',
  deskId: 'dostyk-avto-1',
  officerName: '  Серікұлы А. ',
  plate: '123ABC02',
  nowMs: Date.parse('2026-11-22T05:00:00Z'),
  ...over,
});

describe('recordCrossing', () => {
  it('writes one schema-valid crossing, not yet received by the centre', async () => {
    db = await openDeskDatabase(`t-${Math.random()}`);
    const c = await recordCrossing(db, input());
    expect(crossingSchema.parse(c)).toEqual(c);
    expect(c).toMatchObject({ permitId: 'A26-000001', officerName: 'Серікұлы А.', receivedAt: 0, occurredAt: '2026-11-22T05:00:00.000Z' });
    expect(await db.crossings.count().exec()).toBe(1);
  });

  it('gives increasing clock stamps even when the wall clock goes back', async () => {
    db = await openDeskDatabase(`t-${Math.random()}`);
    const a = await recordCrossing(db, input({ nowMs: 2_000_000_000_000 }));
    const b = await recordCrossing(db, input({ nowMs: 1_999_999_999_000 }));
    expect(b.hlc > a.hlc).toBe(true);
  });

  it('writes nothing when the officer is missing', async () => {
    db = await openDeskDatabase(`t-${Math.random()}`);
    await expect(recordCrossing(db, input({ officerName: '   ' }))).rejects.toThrow();
    expect(await db.crossings.count().exec()).toBe(0);
  });
});
