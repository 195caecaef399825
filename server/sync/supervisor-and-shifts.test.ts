import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankEventDocBase, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { emptyShiftFields, type ShiftEventInput } from '../../shared/documents/shift.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import type { Db } from '../db/db.ts';
import { openTestServer, pullAll, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';

const STATION = 'supervisor-station-token-0123456789';
const KOLZHAT = 'kolzhat-desk-token-0123456789abcdef';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(TEST_DATABASES)('supervisor stations and shifts on $name', (database) => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(database, [
      [TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' }],
      [STATION, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-sup', role: 'supervisor' }],
      [KOLZHAT, { checkpointId: 'kolzhat', deskId: 'kolzhat-1' }],
    ]));
  });
  afterAll(() => close());

  const push = (token: string, collection: string, docs: object[]) =>
    app.inject({ method: 'POST', url: `${SYNC_PREFIX}/${collection}/push`, headers: bearer(token), payload: docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } })) });
  const rangeEvent = (author: string, over: Partial<BlankEventDoc>): BlankEventDoc => ({
    ...blankEventDocBase({ id: ulid(), hlc: `${Date.now()}-00000-${author}`, by: 'Ахметова Г.', checkpointId: 'dostyk-avto', authorDeskId: author, occurredAt: new Date().toISOString() }),
    type: 'received',
    rangeSeries: 'C',
    rangeFrom: 500_001,
    rangeTo: 500_050,
    ...over,
  });

  it('lets only a supervisor station confirm consignments and move stacks; nobody at a checkpoint allocates', async () => {
    const received = rangeEvent('dostyk-avto-sup', {});
    const handed = rangeEvent('dostyk-avto-sup', { type: 'handed-to-desk', rangeTo: 500_010, deskId: 'dostyk-avto-1' });
    const takenBack = rangeEvent('dostyk-avto-sup', { type: 'taken-back', rangeFrom: 500_009, rangeTo: 500_010, deskId: 'dostyk-avto-1' });
    // The same events in a desk's own name are refused, and so is the whole batch.
    for (const type of ['received', 'handed-to-desk', 'taken-back', 'transferred'] as const) {
      const res = await push(TOKEN, 'blankEvents', [rangeEvent('dostyk-avto-1', { type, deskId: 'dostyk-avto-1', toDeskId: 'dostyk-avto-2' })]);
      expect(res.statusCode).toBe(400);
      expect(res.json().issues[0].message).toBe(`a desk cannot record ${type}`);
    }
    const allocated = await push(STATION, 'blankEvents', [rangeEvent('dostyk-avto-sup', { type: 'allocated' })]);
    expect(allocated.json().issues[0].message).toBe('a supervisor station cannot record allocated');
    // A station records in its own name and at its own checkpoint only.
    expect((await push(STATION, 'blankEvents', [rangeEvent('dostyk-avto-1', {})])).statusCode).toBe(400);
    expect((await push(STATION, 'blankEvents', [{ ...rangeEvent('dostyk-avto-sup', {}), checkpointId: 'kolzhat' }])).statusCode).toBe(400);

    expect((await push(STATION, 'blankEvents', [received, handed, takenBack])).json()).toEqual([]);
    const atDesk = (await pullAll(app, 'blankEvents', 100)).docs.map((d) => d.id);
    expect(atDesk).toEqual([received.id, handed.id, takenBack.id]);
    expect((await pullAll(app, 'blankEvents', 100, bearer(KOLZHAT))).docs).toEqual([]);
  });

  const shift = (over: Partial<ShiftEventInput>): ShiftEventInput => {
    const id = ulid();
    return { ...emptyShiftFields(), id, shiftId: id, hlc: `${Date.now()}-00000-dostyk-avto-1`, type: 'opened', checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1', authorDeskId: 'dostyk-avto-1', by: 'Серікұлы А.', officerName: 'Серікұлы А.', occurredAt: new Date().toISOString(), ...over };
  };

  it('takes a desk’s own shift records once, refuses another desk’s, and serves them to the checkpoint’s desks only', async () => {
    const opened = shift({});
    const closed = shift({ type: 'closed', shiftId: opened.id, by: 'Ахметова Г.', countedUnused: [{ series: 'C', from: 500_003, to: 500_008 }], countedUnusedTotal: 6, differences: [{ number: 'C0500002', kind: 'missing', state: 'at-desk', reason: 'found under the printer' }] });
    expect((await push(TOKEN, 'shifts', [opened, closed])).json()).toEqual([]);
    expect((await push(TOKEN, 'shifts', [closed])).json()).toEqual([]); // a retry
    for (const bad of [
      shift({ deskId: 'dostyk-avto-2' }),
      shift({ type: 'closed', shiftId: opened.id, countedUnused: [{ series: 'C', from: 1, to: 5 }], countedUnusedTotal: 4 }),
      shift({ type: 'closed', shiftId: opened.id, differences: [{ number: 'C0500002', kind: 'missing', state: 'at-desk', reason: '  ' }] }),
      shift({ type: 'closed', shiftId: opened.id, overrides: ['unsynced'], overrideReason: '' }),
    ]) {
      const res = await push(TOKEN, 'shifts', [bad]);
      expect(res.statusCode).toBe(400);
    }
    expect((await pullAll(app, 'shifts', 1)).docs.map((d) => d.id)).toEqual([opened.id, closed.id]);
    expect((await pullAll(app, 'shifts', 1, bearer(STATION))).docs).toHaveLength(2);
    expect((await pullAll(app, 'shifts', 1, bearer(KOLZHAT))).docs).toHaveLength(0);
    const [stored] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM shifts');
    expect(stored!.n).toBe(2);
  });
});
