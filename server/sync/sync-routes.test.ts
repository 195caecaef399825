import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blankEventDocBase, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import { buildServer } from '../app.ts';
import type { Db } from '../db/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { auth, deskCrossing, pullAll, push, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';
import { registerDevice } from './devices.ts';

describe.each(TEST_DATABASES)('sync routes on $name', (database) => {
  let db: Db;
  let drop: () => Promise<void>;
  let app: FastifyInstance;

  // One database per suite (opening PGlite takes a second or two), emptied before each test.
  beforeAll(async () => {
    ({ db, drop } = await database.open());
  });
  afterAll(() => drop());
  beforeEach(async () => {
    await db.exec('TRUNCATE permits, crossings, blank_events, shifts, alerts, documents, fee_rates, journal, devices; UPDATE collection_seq SET last_seq = 0');
    await registerDevice(db, TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
    app = buildServer({ db });
  });
  afterEach(() => app.close());

  const crossingCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM crossings'))[0]!.n;

  it('answers /health without a token', async () => {
    const res = await app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, database: database.name });
  });

  it('refuses sync calls without a known device token', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-registered-token-xyz' }, { authorization: TOKEN }]) {
      for (const req of [
        { method: 'GET' as const, url: `${SYNC_PREFIX}/permits/pull?seq=0` },
        { method: 'POST' as const, url: `${SYNC_PREFIX}/crossings/push`, payload: [] },
        { method: 'GET' as const, url: `${SYNC_PREFIX}/crossings/stream` },
      ]) {
        const res = await app.inject({ ...req, headers });
        expect(res.statusCode, `${req.url} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.json()).toMatchObject({ error: 'unauthorized' });
      }
    }
  });

  it('answers 404 for an unknown collection and 400 for a bad query', async () => {
    expect((await app.inject({ url: `${SYNC_PREFIX}/officers/pull?seq=0`, headers: auth })).statusCode).toBe(404);
    for (const q of ['seq=-1', 'seq=abc', 'limit=0', 'limit=5001', 'seq=1.5']) {
      expect((await app.inject({ url: `${SYNC_PREFIX}/permits/pull?${q}`, headers: auth })).statusCode, q).toBe(400);
    }
  });

  it('pages permits by checkpoint, every document exactly once, and an empty page keeps the checkpoint', async () => {
    await seedDemo(db, { permits: 237, today: '2026-05-04' });
    const { docs, pages } = await pullAll(app, 'permits', 50);
    expect(pages).toBe(6);
    expect(docs).toHaveLength(237);
    expect(new Set(docs.map((d) => d.id)).size).toBe(237);
    expect(docs[0]).toMatchObject({ id: 'A26-000001', _deleted: false });
    const res = await app.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=237`, headers: auth });
    expect(res.json()).toEqual({ documents: [], checkpoint: { seq: 237 }, remaining: 0 });
    // Default limit when none is given.
    expect((await app.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=0`, headers: auth })).json().documents).toHaveLength(237);
  });

  it('stores a pushed crossing once: an identical retry is accepted, other content is a conflict with the master state', async () => {
    const doc = deskCrossing();
    const first = await push(app, [doc]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual([]);
    expect(await crossingCount()).toBe(1);

    // The retry carries a different receivedAt (the desk's own), which the centre ignores.
    const retry = await push(app, [{ ...doc, receivedAt: 5 }]);
    expect(retry.json()).toEqual([]);
    expect(await crossingCount()).toBe(1);

    const changed = await push(app, [{ ...doc, plate: '999ZZZ02' }]);
    expect(changed.statusCode).toBe(200);
    const [master] = changed.json() as Record<string, unknown>[];
    expect(master).toMatchObject({ ...doc, _deleted: false, receivedAt: expect.any(Number) });
    expect(master!.receivedAt).toBeGreaterThan(0);
    expect(await crossingCount()).toBe(1);

    const { docs } = await pullAll(app, 'crossings', 10);
    expect(docs).toEqual([master]);
  });

  it('refuses a batch with any invalid row and stores nothing from it', async () => {
    const good = deskCrossing();
    const cases: unknown[] = [
      [good, { ...deskCrossing(), id: 'not-a-ulid' }],
      [good, { ...deskCrossing(), _deleted: true }],
      [good, { ...deskCrossing(), checkpointId: 'khorgos' }],
      [good, { ...deskCrossing(), occurredAt: 'yesterday' }],
      // A desk records in its own name only.
      [good, { ...deskCrossing(), deskId: 'kolzhat-1', checkpointId: 'kolzhat' }],
      [good, { ...deskCrossing(), deskId: 'dostyk-avto-2' }],
    ];
    for (const docs of cases) {
      const res = await push(app, docs);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-push', issues: [expect.objectContaining({ row: 1 })] });
    }
    for (const body of [{}, [{ newDocumentState: null }], Array.from({ length: 1001 }, () => ({ assumedMasterState: null, newDocumentState: good }))]) {
      expect((await push(app, body)).statusCode).toBe(400);
    }
    expect(await crossingCount()).toBe(0);
    // The desk fixes the bad row and pushes the batch again: all of it is stored.
    expect((await push(app, [good, deskCrossing()])).json()).toEqual([]);
    expect(await crossingCount()).toBe(2);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await app.inject({ method: 'POST', url: `${SYNC_PREFIX}/crossings/push`, headers: { ...auth, 'content-type': 'application/json' }, payload: '[{"id":' });
    expect(res.statusCode).toBe(400);
  });

  it('keeps permits read-only at the desk', async () => {
    const res = await app.inject({ method: 'POST', url: `${SYNC_PREFIX}/permits/push`, headers: auth, payload: [] });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'read-only' });
  });

  it('gives every row of concurrent pushes exactly once, in strictly increasing seq', async () => {
    const batches = Array.from({ length: 6 }, () => Array.from({ length: 12 }, () => deskCrossing()));
    // The same rows pushed twice at once, as a desk that retries before the first answer arrives.
    const results = await Promise.all([...batches, batches[0]!, batches[3]!].map((b) => push(app, b)));
    for (const r of results) expect(r.json()).toEqual([]);
    expect(await crossingCount()).toBe(72);

    const seen: string[] = [];
    let seq = 0;
    for (;;) {
      const res = await app.inject({ url: `${SYNC_PREFIX}/crossings/pull?seq=${seq}&limit=1`, headers: auth });
      const body = res.json() as { documents: { id: string }[]; checkpoint: { seq: number } };
      if (body.documents.length === 0) break;
      expect(body.checkpoint.seq).toBeGreaterThan(seq);
      seq = body.checkpoint.seq;
      seen.push(body.documents[0]!.id);
    }
    expect(seen.sort()).toEqual(batches.flat().map((d) => d.id).sort());
  });

  it('lets another origin call with a bearer header (CORS)', async () => {
    const pre = await app.inject({ method: 'OPTIONS', url: `${SYNC_PREFIX}/crossings/push`, headers: { origin: 'http://127.0.0.1:5999', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(String(pre.headers['access-control-allow-headers'])).toContain('authorization');
    expect(String(pre.headers['access-control-allow-methods'])).toContain('POST');
    const denied = await app.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=0`, headers: { origin: 'null' } });
    expect(denied.headers['access-control-allow-origin']).toBe('*');
  });

  const blankEvent = (over: Partial<BlankEventDoc>): BlankEventDoc => ({
    ...blankEventDocBase({ id: ulid(), hlc: `${Date.now()}-00000-dostyk-avto-1`, by: 'Серікұлы А.', checkpointId: 'dostyk-avto', authorDeskId: 'dostyk-avto-1', occurredAt: new Date().toISOString() }),
    type: 'reserved',
    number: 'C0100001',
    deskId: 'dostyk-avto-1',
    applicationId: 'A26-000001',
    ...over,
  });
  const pushEvents = (docs: BlankEventDoc[]) => push(app, docs.map((d) => ({ ...d, _deleted: false })), 'blankEvents');

  it('hands each desk its blank stack, and takes the desk’s issuance events once', async () => {
    await seedDemo(db, { permits: 5, today: '2026-11-22' });
    const stock = (await pullAll(app, 'blankEvents', 100)).docs;
    // The seed stocks all five checkpoints; this desk gets only its own checkpoint's stock.
    expect(stock.filter((e) => e.type === 'received')).toEqual([expect.objectContaining({ checkpointId: 'dostyk-avto', rangeFrom: 100_001 })]);
    expect(stock.every((e) => e.checkpointId === 'dostyk-avto')).toBe(true);
    const [all] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM blank_events WHERE doc->>'type' = 'received'`);
    expect(all!.n).toBe(5);
    expect(stock.find((e) => e.type === 'handed-to-desk' && e.deskId === 'dostyk-avto-1')).toMatchObject({ rangeFrom: 100_001, rangeTo: 100_100 });
    const reserved = blankEvent({});
    const printed = blankEvent({ type: 'printed', applicationId: '' , deskId: '' });
    expect((await pushEvents([reserved, printed])).json()).toEqual([]);
    expect((await pushEvents([reserved])).json()).toEqual([]); // a retry
    expect((await pullAll(app, 'blankEvents', 100)).docs).toHaveLength(stock.length + 2);
  });

  it('refuses blank events a desk may not write, or in another desk’s name, and keeps none of the batch', async () => {
    const good = blankEvent({});
    for (const bad of [
      blankEvent({ type: 'received', number: '', rangeSeries: 'C', rangeFrom: 1, rangeTo: 9, deskId: '' }),
      blankEvent({ type: 'handed-to-desk', number: '', rangeSeries: 'C', rangeFrom: 1, rangeTo: 9 }),
      blankEvent({ authorDeskId: 'dostyk-avto-2' }),
      blankEvent({ type: 'spoiled', reason: ' ' }),
      blankEvent({ number: 'C12' }),
    ]) {
      const res = await pushEvents([good, bad]);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-push', issues: [expect.objectContaining({ row: 1 })] });
    }
    expect((await pullAll(app, 'blankEvents', 100)).docs).toHaveLength(0);
  });

  it('accepts an exact echo of another desk’s stored record (a reload cut a pull short), never a new one in its name', async () => {
    await seedDemo(db, { permits: 5, today: '2026-11-22' });
    const stock = (await pullAll(app, 'blankEvents', 100)).docs.find((e) => e.type === 'handed-to-desk')!;
    expect((await push(app, [stock], 'blankEvents')).json()).toEqual([]);
    const res = await pushEvents([blankEvent({ authorDeskId: 'dostyk-avto-2', deskId: 'dostyk-avto-2', number: 'C0100101' })]);
    expect(res.statusCode).toBe(400);
  });

  it('tells the desk how many documents remain beyond each full page, for its progress bar', async () => {
    await seedDemo(db, { permits: 250, today: '2026-11-22' });
    const first = (await app.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=0&limit=100`, headers: auth })).json() as { remaining: number; checkpoint: { seq: number } };
    expect(first.remaining).toBe(150);
    const last = (await app.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=${first.checkpoint.seq + 100}&limit=100`, headers: auth })).json() as { remaining: number; documents: unknown[] };
    expect(last).toMatchObject({ remaining: 0 });
    expect(last.documents).toHaveLength(50);
  });
});
