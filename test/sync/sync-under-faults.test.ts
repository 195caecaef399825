import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldLedger, TERMINAL_STATES } from '../../shared/blanks/ledger.ts';
import { blankEventDocBase, toBlankEvent, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { kzDate } from '../../shared/rules/local-date.ts';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openDeskDatabase, type DeskDatabase } from '../../renderer/db/database.ts';
import { readLedger } from '../../renderer/issue/desk-ledger.ts';
import { confirmHandover, findApplicationBlank, loseBlank, markPrinted, markPrintRequested, releaseBlank, reserveBlank, returnBlank, spoilBlank, type IssuanceContext } from '../../renderer/issue/issuance.ts';
import { createCentralClient } from '../../renderer/sync/central-client.ts';
import { startDeskReplication, type DeskReplication } from '../../renderer/sync/replicate.ts';
import { createSyncStatus } from '../../renderer/sync/sync-status.ts';
import { recordCrossing } from '../../renderer/verify/record-crossing.ts';
import { buildServer } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { registerDevice } from '../../server/sync/devices.ts';
import { insertAppendOnly } from '../../server/sync/store.ts';
import { startFaultProxy, type FaultMode, type FaultProxy } from '../support/fault-proxy.ts';

/**
 * Several desks at two checkpoints do random work (crossings, issuances, spoils, releases, returns,
 * losses) while a fault-injecting proxy drops, delays, resets, black-holes and duplicates their traffic,
 * the centre restarts and desks reload mid-push. After healing, every desk and the centre hold exactly
 * the union of all records, none lost and none twice, and the centre's ledger has no anomaly.
 * SHEKARA_SYNC_SCHEDULES sets how many random schedules run: 200 by default (about 2 minutes here), more
 * for a longer hunt.
 */
const SCHEDULES = Number(process.env.SHEKARA_SYNC_SCHEDULES ?? 200);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The desks' replicas live in RxDB's in-memory storage, which keeps a collection's documents across a
 * close and reopen in the same process, as IndexedDB keeps them across a page reload. The protocol is
 * what is under test here; the desk on real IndexedDB in Chromium is covered by the e2e tests, and
 * fake-indexeddb made each schedule slower than the last (its cursors walk the whole store).
 */
const deskStorage = getRxStorageMemory();

type Desk = { name: string; token: string; checkpointId: CheckpointId; deskId: string; db: DeskDatabase; replication: DeskReplication; ctx: IssuanceContext };

let db: Db;
let app: ReturnType<typeof buildServer>;
let serverPort: number;
let proxy: FaultProxy;
let permits: CPermit[];
const desks: Desk[] = [];
const DESKS = [
  { deskId: 'dostyk-avto-7', checkpointId: 'dostyk-avto' as const },
  { deskId: 'dostyk-avto-8', checkpointId: 'dostyk-avto' as const },
  { deskId: 'kolzhat-7', checkpointId: 'kolzhat' as const },
];

async function startServer(port = 0): Promise<void> {
  app = buildServer({ db });
  await app.listen({ port, host: '127.0.0.1' });
  serverPort = (app.server.address() as { port: number }).port;
}

async function openDesk(spec: { deskId: string; checkpointId: CheckpointId }, name: string, token: string): Promise<Desk> {
  const deskDb = await openDeskDatabase(name, deskStorage, { only: ['permits', 'crossings', 'blankEvents', 'shifts'] }); // three desks' collections must fit RxDB's limit of 13
  const status = createSyncStatus();
  const client = createCentralClient({ serverUrl: proxy.url, deviceToken: token, status, timeoutMs: 1_000 });
  const replication = startDeskReplication(deskDb, client, proxy.url, { retryMs: 50 });
  return { name, token, ...spec, db: deskDb, replication, ctx: { db: deskDb, checkpointId: spec.checkpointId, deskId: spec.deskId, officerName: 'Тест' } };
}

/** A page reload in the middle of whatever it was pushing: the replica stays, the replication restarts. */
async function reload(i: number): Promise<void> {
  const d = desks[i]!;
  await d.replication.stop();
  await d.db.close();
  desks[i] = await openDesk(d, d.name, d.token);
}

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await seedDemo(db, { permits: 40, today: kzDate(Date.now()) });
  permits = (await db.query<{ doc: CPermit }>('SELECT doc FROM permits ORDER BY seq')).map((r) => r.doc);
  await startServer();
  proxy = await startFaultProxy({ host: '127.0.0.1', get port() { return serverPort; } } as { host: string; port: number });
  for (const [i, spec] of DESKS.entries()) {
    const token = `sync-fault-token-${i}-0123456789abcdef`;
    await registerDevice(db, token, spec);
    desks.push(await openDesk(spec, `fault-desk-${i}-${Date.now()}`, token));
  }
}, 60_000);

afterAll(async () => {
  for (const d of desks) {
    await d.replication.stop();
    await d.db.remove();
  }
  await proxy.close();
  await app.close();
  await db.close();
});

/** The centre hands each desk a fresh stack of three blanks for the schedule. */
async function handOutStacks(schedule: number): Promise<void> {
  const at = new Date().toISOString();
  const events: BlankEventDoc[] = [];
  DESKS.forEach((spec, i) => {
    const from = 5_000_000 + schedule * 10 + i * 3;
    const meta = (k: number) => blankEventDocBase({ id: `01SYNC${String(schedule * 100 + i * 10 + k).padStart(20, '0')}`, hlc: `${String(Date.now()).padStart(13, '0')}-0000${k}-centre`, by: 'centre', checkpointId: spec.checkpointId, authorDeskId: '', occurredAt: at });
    events.push({ ...meta(1), type: 'received', rangeSeries: 'C', rangeFrom: from, rangeTo: from + 2, receivedAt: Date.now() });
    events.push({ ...meta(2), type: 'handed-to-desk', rangeSeries: 'C', rangeFrom: from, rangeTo: from + 2, deskId: spec.deskId, receivedAt: Date.now() });
  });
  await db.transaction((tx) => insertAppendOnly(tx, 'blankEvents', events));
  for (const d of desks) d.replication.reSync();
}

const FAULTS: FaultMode[] = [{ kind: 'pass' }, { kind: 'delay', ms: 30 }, { kind: 'reset' }, { kind: 'blackhole' }, { kind: 'drop-response' }, { kind: 'duplicate' }];

async function randomWork(rnd: () => number, d: Desk): Promise<void> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const r = rnd();
  try {
    if (r < 0.35) {
      const permit = pick(permits);
      await recordCrossing(d.db, { permit, documentNumber: permit.applicationNumber, direction: rnd() < 0.7 ? 'exit' : 'entry', checkpointId: d.checkpointId, deskId: d.deskId, officerName: 'Тест', plate: permit.vehicle.plate });
      return;
    }
    const permit = pick(permits);
    const ledger = await readLedger(d.db);
    const open = findApplicationBlank(ledger, d.deskId, permit.id);
    if (!open || open.state === 'spoiled' || open.state === 'returned') {
      const b = await reserveBlank(d.ctx, permit.id);
      await markPrintRequested(d.ctx, b.number);
      if (rnd() < 0.8) await markPrinted(d.ctx, b.number);
      return;
    }
    if (open.state === 'reserved') {
      if (!open.isPrinted && !open.isPrintPending) return void (await releaseBlank(d.ctx, open.number));
      if (!open.isPrinted) return void (await markPrinted(d.ctx, open.number));
      return void (await (rnd() < 0.7 ? confirmHandover(d.ctx, open.number) : spoilBlank(d.ctx, open.number, 'misprint')));
    }
    if (open.state === 'issued') await (rnd() < 0.5 ? returnBlank(d.ctx, open.number, 'did not leave') : loseBlank(d.ctx, open.number, 'lost'));
  } catch (err) {
    // A desk out of blanks, or a step the rules refuse: the desk writes nothing, as in the UI.
    if (!(err instanceof Error && /no-blanks|already-issued|not-reserved|not-issued|not-printed|already-printed/.test(err.message))) throw err;
  }
}

async function allDocs(d: Desk) {
  const crossings = (await d.db.crossings.find().exec()).map((x) => x.toJSON());
  const events = (await d.db.blankEvents.find().exec()).map((x) => x.toJSON() as BlankEventDoc);
  return { crossings, events };
}

/** The centre's blank events of one checkpoint: what each of its desks pulls. */
const eventsAt = (checkpointId: string) => db.query<{ doc: BlankEventDoc }>(`SELECT doc FROM blank_events WHERE doc->>'checkpointId' = $1`, [checkpointId]);

/** Healed: nothing waits at any desk, every desk holds every crossing and its checkpoint's blank events. */
async function waitHealed(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [c] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM crossings');
    const e = new Map<string, number>();
    for (const cp of new Set(DESKS.map((d) => d.checkpointId))) e.set(cp, (await eventsAt(cp)).length);
    let ok = true;
    for (const d of desks) {
      const waiting = (await d.db.crossings.count({ selector: { receivedAt: 0 } }).exec()) + (await d.db.blankEvents.count({ selector: { receivedAt: 0 } }).exec());
      if (waiting > 0 || (await d.db.crossings.count().exec()) !== c!.n || (await d.db.blankEvents.count().exec()) !== e.get(d.checkpointId)) ok = false;
    }
    if (ok) return;
    if (Date.now() > deadline) {
      const report = await Promise.all(
        desks.map(async (d) => ({
          desk: d.deskId,
          waiting: (await d.db.crossings.count({ selector: { receivedAt: 0 } }).exec()) + (await d.db.blankEvents.count({ selector: { receivedAt: 0 } }).exec()),
          crossings: await d.db.crossings.count().exec(),
          events: await d.db.blankEvents.count().exec(),
          lastError: d.replication.lastError(),
        })),
      );
      throw new Error(`did not heal in time: centre ${c!.n} crossings, ${JSON.stringify([...e])} events; desks ${JSON.stringify(report)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`sync under injected faults (${SCHEDULES} random schedules)`, () => {
  it('every record made anywhere ends up exactly once at the centre and at every desk', async () => {
    const made = { crossings: new Set<string>(), events: new Set<string>() };
    for (let schedule = 0; schedule < SCHEDULES; schedule++) {
      const rnd = prng(schedule + 1);
      await handOutStacks(schedule);
      for (let step = 0; step < 6; step++) {
        proxy.setMode(FAULTS[Math.floor(rnd() * FAULTS.length)]!);
        if (rnd() < 0.2) proxy.dropAll();
        if (rnd() < 0.05) {
          await app.close();
          await startServer(serverPort); // the centre restarts on its address
        }
        if (rnd() < 0.1) await reload(Math.floor(rnd() * desks.length));
        await Promise.all(desks.map((d) => randomWork(rnd, d)));
      }
      proxy.setMode({ kind: 'pass' });
      proxy.dropAll(); // black-holed connections are given up, as a desk's timeout would
      for (const d of desks) d.replication.reSync();
      await waitHealed(30_000);
      for (const d of desks) {
        const { crossings, events } = await allDocs(d);
        for (const c of crossings) if (c.deskId === d.deskId) made.crossings.add(c.id);
        for (const e of events) if (e.authorDeskId === d.deskId) made.events.add(e.id);
      }
    }
    // The centre holds each desk record once (primary keys) and exactly those the desks made.
    const centreCrossings = await db.query<{ id: string }>(`SELECT id FROM crossings WHERE doc->>'deskId' = ANY($1::text[])`, [DESKS.map((d) => d.deskId)]);
    expect(new Set(centreCrossings.map((r) => r.id))).toEqual(made.crossings);
    const centreEvents = await db.query<{ doc: BlankEventDoc }>('SELECT doc FROM blank_events');
    expect(new Set(centreEvents.filter((r) => r.doc.authorDeskId !== '').map((r) => r.doc.id))).toEqual(made.events);
    for (const d of desks) {
      const { crossings, events } = await allDocs(d);
      expect(crossings.length).toBe(new Set(crossings.map((c) => c.id)).size);
      // Exactly its own checkpoint's blank events: nothing of another checkpoint's stock.
      expect(new Set(events.map((e) => e.id))).toEqual(new Set(centreEvents.filter((r) => r.doc.checkpointId === d.checkpointId).map((r) => r.doc.id)));
    }
    // Every blank number in one state, no step the ledger refused, the same state everywhere.
    const ledger = foldLedger(centreEvents.map((r) => toBlankEvent(r.doc)));
    expect(ledger.anomalies).toEqual([]);
    const states = [...ledger.blanks.values()].filter((b) => b.number >= 'C5000000');
    expect(states.length).toBe(SCHEDULES * DESKS.length * 3);
    // No number handed over twice, however often its events were retried or replayed.
    const issuedPerNumber = new Map<string, number>();
    for (const r of centreEvents) if (r.doc.type === 'issued') issuedPerNumber.set(r.doc.number, (issuedPerNumber.get(r.doc.number) ?? 0) + 1);
    expect([...issuedPerNumber.values()].every((n) => n === 1)).toBe(true);
    expect(states.every((b) => b.state === 'at-desk' || b.state === 'reserved' || b.state === 'issued' || TERMINAL_STATES.includes(b.state))).toBe(true);
    for (const d of desks) {
      const own = foldLedger(centreEvents.filter((r) => r.doc.checkpointId === d.checkpointId).map((r) => toBlankEvent(r.doc)));
      expect([...(await readLedger(d.db)).blanks.entries()]).toEqual([...own.blanks.entries()]);
    }
  }, 15 * 60_000);
});
