import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertSchema } from '../../shared/documents/alert.ts';
import { blankEventDocBase, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import type { Db } from '../db/db.ts';
import { auth, deskCrossing, openTestServer, pullAll, push, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';

const KOLZHAT = 'kolzhat-desk-token-0123456789abcdef';
const asKolzhat = { authorization: `Bearer ${KOLZHAT}` };
const BAKHTY = 'bakhty-desk-token-0123456789abcdefgh';
const asBakhty = { authorization: `Bearer ${BAKHTY}` };

describe.each(TEST_DATABASES)('alerts only the centre can raise, on $name', (database) => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(database, [[TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' }], [KOLZHAT, { checkpointId: 'kolzhat', deskId: 'kolzhat-1' }], [BAKHTY, { checkpointId: 'bakhty', deskId: 'bakhty-1' }]]));
  });
  afterAll(() => close());

  it('Seed 000 Rules §2(6), §13: one permit let out at two checkpoints during an outage becomes one alert for both', async () => {
    const here = deskCrossing({ permitId: 'A26-000031' });
    const there = { ...deskCrossing({ permitId: 'A26-000031' }), checkpointId: 'kolzhat' as const, deskId: 'kolzhat-1' };
    expect((await push(app, [here])).json()).toEqual([]);
    const res = await app.inject({ method: 'POST', url: `${SYNC_PREFIX}/crossings/push`, headers: asKolzhat, payload: [{ assumedMasterState: null, newDocumentState: there }] });
    expect(res.json()).toEqual([]);
    await app.inject({ method: 'POST', url: `${SYNC_PREFIX}/crossings/push`, headers: asKolzhat, payload: [{ assumedMasterState: null, newDocumentState: there }] }); // a retry: no second alert
    const alerts = (await pullAll(app, 'alerts', 10)).docs.map(({ _deleted, ...a }) => alertSchema.parse(a));
    expect(alerts).toEqual([expect.objectContaining({ kind: 'permit-used-twice', subject: 'A26-000031', checkpointIds: ['dostyk-avto', 'kolzhat'], recordIds: [here.id, there.id].sort() })]);
    expect((await app.inject({ method: 'POST', url: `${SYNC_PREFIX}/alerts/push`, headers: auth, payload: [] })).statusCode).toBe(403);
  });

  it('Seed 000 Rules §13: one blank number handed over twice becomes an alert', async () => {
    const issued = (hlc: number): BlankEventDoc => ({
      ...blankEventDocBase({ id: ulid(), hlc: `${hlc}-00000-dostyk-avto-1`, by: 'A', checkpointId: 'dostyk-avto', authorDeskId: 'dostyk-avto-1', occurredAt: new Date().toISOString() }),
      type: 'issued',
      number: 'C0109999',
      applicationId: 'A26-000041',
    });
    await push(app, [{ ...issued(1_800_000_000_000), _deleted: false }, { ...issued(1_800_000_000_001), _deleted: false }], 'blankEvents');
    const alerts = (await pullAll(app, 'alerts', 10)).docs;
    expect(alerts.filter((a) => a.kind === 'blank-issued-twice')).toEqual([expect.objectContaining({ subject: 'C0109999', checkpointIds: ['dostyk-avto'] })]);
  });

  it('each alert reaches only the checkpoints it concerns, in pages that skip nothing', async () => {
    const kinds = async (headers: Record<string, string>, limit: number) => (await pullAll(app, 'alerts', limit, headers)).docs.map((a) => `${String(a.kind)}:${String(a.subject)}`).sort();
    expect(await kinds(auth, 1)).toEqual(['blank-issued-twice:C0109999', 'permit-used-twice:A26-000031']);
    expect(await kinds(asKolzhat, 1)).toEqual(['permit-used-twice:A26-000031']);
    expect(await kinds(asBakhty, 1)).toEqual([]);
  });
});
