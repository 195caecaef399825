/**
 * 200 simulated desks, each on its own 5-second timer, running the desk's sync round against one centre
 * over real HTTP: push 1 new crossing, then pull crossings, blank events, alerts and permits from the
 * desk's own checkpoints. Beside it, in the same run: GET /health at the same rate under the same load,
 * and one desk syncing alone. Target: p99 of a round ≤ 200 ms.
 * Uses BENCH_DATABASE_URL or TEST_DATABASE_URL (a fresh schema, dropped after); PGlite otherwise.
 * Measured seconds: opts.seconds, else SHEKARA_BENCH_DESK_SECONDS, else 60 (after a 5 s warm-up).
 *
 * Clients and server share this process (and its event loop), so figures include client-side JSON work.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { formatHlc } from '../../shared/ids/hlc.ts';
import { CHECKPOINT_IDS, type CheckpointId } from '../../shared/reference/checkpoints.ts';
import { SYNC_PREFIX, type CollectionName, type PullResponse } from '../../shared/sync/replication.ts';
import { buildServer } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { registerDevice } from '../../server/sync/devices.ts';
import { deskCrossing, rowsOf } from '../../server/testing/fixtures.ts';

const PERIOD_MS = 5_000;
const WARMUP_MS = 5_000;
const PERMITS = 5_000;
const ALONE_ROUNDS = 20;
/** The desk's pull batch sizes (renderer/sync/replicate.ts), so pages split where the desk's would. */
const PULL_LIMIT: Record<CollectionName, number> = { permits: 2000, crossings: 500, blankEvents: 500, shifts: 500, alerts: 500, documents: 2000, feeRates: 500, journal: 500, users: 500, audit: 500 };
const PULLED: CollectionName[] = ['crossings', 'blankEvents', 'shifts', 'alerts', 'permits'];
const TARGET_P99_MS = 200;

type Desk = {
  name: string;
  token: string;
  checkpointId: CheckpointId;
  /** Its own keep-alive connection, as a real desk holds one: 200 desks reuse 200 sockets, never exhaust ports. */
  agent: http.Agent;
  seq: Record<CollectionName, number>;
  /** The crossings seq this desk started from, to check it pulled everything after. */
  startCrossingSeq: number;
  pulledCrossings: number;
  /** Crossings pushed by this desk not yet seen coming back in its own pulls. */
  unseen: Set<string>;
};

type Endpoint = { host: string; port: number };
/** The centre under test, and every crossing pushed to it in this run, in order. */
type Run = { to: Endpoint; pushed: string[] };
type Reply = { status: number; body: unknown };

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);
const sleep = (ms: number) => new Promise((res) => setTimeout(res, Math.max(0, ms)));

/** One HTTP exchange on the given agent; the body is parsed as JSON, as the desk's fetch().json() would. */
function call(agent: http.Agent, to: Endpoint, method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: http.OutgoingHttpHeaders = token ? { authorization: `Bearer ${token}` } : {};
  if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: to.host, port: to.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function registerDesks(db: Db, count: number): Promise<Desk[]> {
  const desks: Desk[] = [];
  for (let i = 0; i < count; i++) {
    const checkpointId = CHECKPOINT_IDS[i % CHECKPOINT_IDS.length]!;
    const name = `${checkpointId}-${Math.floor(i / CHECKPOINT_IDS.length) + 1}`;
    const token = `bench-desk-${i}-${randomBytes(12).toString('hex')}`;
    await registerDevice(db, token, { checkpointId, deskId: name });
    const seq = { permits: 0, crossings: 0, blankEvents: 0, shifts: 0, alerts: 0, documents: 0, feeRates: 0, journal: 0, users: 0, audit: 0 };
    desks.push({ name, token, checkpointId, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), seq, startCrossingSeq: 0, pulledCrossings: 0, unseen: new Set() });
  }
  return desks;
}

/**
 * A new crossing on the next demo permit. One permit in 20 was already used in the demo seed, so 5% of
 * pushes raise a permit-used-twice alert, and the alerts pull carries documents as it would live.
 */
async function pushCrossing(run: Run, desk: Desk): Promise<void> {
  const permitId = `A26-${String((run.pushed.length % PERMITS) + 1).padStart(6, '0')}`;
  const nowMs = Date.now();
  const doc = deskCrossing({ permitId, documentNumber: permitId, checkpointId: desk.checkpointId, deskId: desk.name, hlc: formatHlc({ wallMs: nowMs, counter: 0, node: desk.name }) });
  run.pushed.push(doc.id);
  desk.unseen.add(doc.id);
  const res = await call(desk.agent, run.to, 'POST', `${SYNC_PREFIX}/crossings/push`, desk.token, rowsOf([doc]));
  if (res.status !== 200) throw new Error(`${desk.name}: push answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  if (!Array.isArray(res.body) || res.body.length > 0) throw new Error(`${desk.name}: push answered conflicts ${JSON.stringify(res.body).slice(0, 300)}`);
}

/** Follows the checkpoint until a page comes back empty or short, checking that it moves as it should. */
async function pullToEnd({ to }: Run, desk: Desk, collection: CollectionName): Promise<void> {
  const limit = PULL_LIMIT[collection];
  for (;;) {
    const res = await call(desk.agent, to, 'GET', `${SYNC_PREFIX}/${collection}/pull?seq=${desk.seq[collection]}&limit=${limit}`, desk.token);
    if (res.status !== 200) throw new Error(`${desk.name}: ${collection} pull answered ${res.status}`);
    const page = res.body as PullResponse<{ id: string }>;
    const next = page.checkpoint?.seq ?? desk.seq[collection];
    if (page.documents.length === 0) {
      if (next !== desk.seq[collection]) throw new Error(`${desk.name}: empty ${collection} page moved the checkpoint`);
      return;
    }
    if (!(next > desk.seq[collection])) throw new Error(`${desk.name}: ${collection} checkpoint did not advance`);
    desk.seq[collection] = next;
    if (collection === 'crossings') {
      desk.pulledCrossings += page.documents.length;
      for (const d of page.documents) desk.unseen.delete(d.id);
    }
    if (page.documents.length < limit) return;
  }
}

async function syncRound(run: Run, desk: Desk, push = true): Promise<void> {
  if (push) await pushCrossing(run, desk);
  for (const collection of PULLED) await pullToEnd(run, desk, collection);
}

async function health(agent: http.Agent, to: Endpoint): Promise<void> {
  const res = await call(agent, to, 'GET', '/health');
  if (res.status !== 200) throw new Error(`/health answered ${res.status}`);
}

/** A timer firing every PERIOD_MS from firstAt until stopAt; a tick that comes while the task still runs is skipped, as the desk would. */
async function onTimer(firstAt: number, stopAt: number, abort: { error: unknown }, task: (scheduledAt: number) => Promise<void>): Promise<number> {
  let skipped = 0;
  for (let at = firstAt; at < stopAt && abort.error === null; at += PERIOD_MS) {
    const wait = at - performance.now();
    if (wait < 0) {
      skipped++;
      continue;
    }
    await sleep(wait);
    if (abort.error !== null) break;
    await task(at).catch((err: unknown) => void (abort.error ??= err));
  }
  return skipped;
}

type Load = { rounds: number[]; health: number[]; timerLag: number[]; skipped: number };

/**
 * Every desk on its own timer with a random phase, and as many /health probers on their own timers:
 * the baseline is sampled at the same rate, through the same server, under the same load.
 */
async function runLoad(run: Run, desks: Desk[], healthAgent: http.Agent, seconds: number): Promise<Load> {
  const start = performance.now() + 100;
  const countFrom = start + WARMUP_MS;
  const stopAt = countFrom + seconds * 1000;
  const load: Load = { rounds: [], health: [], timerLag: [], skipped: 0 };
  const abort = { error: null as unknown };
  const timed = (into: number[], fn: () => Promise<void>) => async (at: number) => {
    const t = performance.now();
    await fn();
    if (at < countFrom) return;
    into.push(performance.now() - t);
    load.timerLag.push(t - at);
  };
  const timers = [
    ...desks.map((desk) => onTimer(start + Math.random() * PERIOD_MS, stopAt, abort, timed(load.rounds, () => syncRound(run, desk)))),
    ...desks.map(() => onTimer(start + Math.random() * PERIOD_MS, stopAt, abort, timed(load.health, () => health(healthAgent, run.to)))),
  ];
  for (const skipped of await Promise.all(timers)) load.skipped += skipped;
  if (abort.error !== null) throw abort.error;
  return load;
}

/** One desk syncing with nothing else running: a couple of unrecorded rounds to warm the JIT, then ALONE_ROUNDS. */
async function aloneRounds(run: Run, desk: Desk): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < ALONE_ROUNDS + 3; i++) {
    const t = performance.now();
    await syncRound(run, desk);
    if (i >= 3) times.push(performance.now() - t);
    await sleep(100);
  }
  return times;
}

/** Fails loudly unless the centre holds every pushed crossing and every desk pulled every crossing after its start. */
async function verify(db: Db, run: Run, desks: Desk[]): Promise<string> {
  // A last untimed pull, so each desk is level with the centre.
  await Promise.all(desks.map((desk) => syncRound(run, desk, false)));
  const { pushed } = run;
  if (new Set(pushed).size !== pushed.length) throw new Error('duplicate crossing ids were pushed');
  const [stored] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM crossings WHERE id = ANY($1::text[])', [pushed]);
  if (stored?.n !== pushed.length) throw new Error(`centre holds ${stored?.n} of the ${pushed.length} crossings pushed`);
  for (const desk of desks) {
    const [after] = await db.query<{ n: number; last: number }>('SELECT count(*)::int AS n, coalesce(max(seq), 0)::float8 AS last FROM crossings WHERE seq > $1', [desk.startCrossingSeq]);
    if (desk.pulledCrossings !== after?.n || desk.seq.crossings !== after.last) throw new Error(`${desk.name} pulled ${desk.pulledCrossings} crossings to seq ${desk.seq.crossings}; the centre has ${after?.n} to seq ${after?.last}`);
    if (desk.unseen.size > 0) throw new Error(`${desk.name} never pulled back ${desk.unseen.size} of its own crossings`);
  }
  return `verified: ${pushed.length} crossings pushed, all stored, no conflicts; every desk pulled every crossing written after it started`;
}

function report(database: string, desks: number, seconds: number, catchUpS: number, alone: number[], load: Load): string[] {
  const p99 = quantile(load.rounds, 0.99);
  const aloneMedian = quantile(alone, 0.5);
  const row = (name: string, xs: number[]) => `${name.padEnd(52)} median ${fmt(quantile(xs, 0.5))}   p95 ${fmt(quantile(xs, 0.95))}   p99 ${fmt(quantile(xs, 0.99))}`;
  return [
    `database: ${database}, ${PERMITS} demo permits; ${desks} desks over ${CHECKPOINT_IDS.length} checkpoints, a round every ${PERIOD_MS / 1000} s each; ${seconds} s measured after ${WARMUP_MS / 1000} s warm-up`,
    `initial catch-up of one desk (then copied to the others): ${catchUpS.toFixed(1)} s`,
    row(`one desk syncing alone, ${alone.length} rounds (baseline)`, alone),
    row(`GET /health under the load, ${load.health.length} probes (baseline)`, load.health),
    row(`${desks} desks: ${load.rounds.length} rounds (push 1, pull 4)`, load.rounds),
    `max round ${fmt(Math.max(...load.rounds)).trim()}; timer lag p99 ${fmt(quantile(load.timerLag, 0.99)).trim()}; ticks skipped (round still running) ${load.skipped}`,
    `ratio p99 / alone median: ${(p99 / aloneMedian).toFixed(1)}×`,
    `target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : 'NOT met'} (${fmt(p99).trim()})`,
  ];
}

export async function benchDesks(opts: { desks?: number; seconds?: number } = {}): Promise<string[]> {
  const count = opts.desks ?? 200;
  const seconds = opts.seconds ?? Number(process.env.SHEKARA_BENCH_DESK_SECONDS ?? 60);
  if (!(count >= 1 && seconds > 0)) throw new Error(`bad bench size: ${count} desks, ${seconds} s`);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const db: Db = url ? await openPostgres(url, { schema }) : await openPglite();
  const healthAgent = new http.Agent({ keepAlive: true });
  let desks: Desk[] = [];
  try {
    await migrate(db);
    await seedDemo(db, { permits: PERMITS });
    desks = await registerDesks(db, count);
    const app = buildServer({ db });
    try {
      const address = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
      const run: Run = { to: { host: address.hostname, port: Number(address.port) }, pushed: [] };
      // Desks in service have replicated long ago: one desk catches up for real, the others start where it stands.
      const first = desks[0]!;
      const t0 = performance.now();
      await syncRound(run, first, false);
      const catchUpS = (performance.now() - t0) / 1000;
      const alone = await aloneRounds(run, first);
      for (const desk of desks.slice(1)) {
        desk.seq = { ...first.seq };
        desk.startCrossingSeq = first.seq.crossings;
      }
      const load = await runLoad(run, desks, healthAgent, seconds);
      const verified = await verify(db, run, desks);
      return [...report(url ? 'PostgreSQL' : 'PGlite (set BENCH_DATABASE_URL for PostgreSQL)', count, seconds, catchUpS, alone, load), verified];
    } finally {
      // Agents first: their idle keep-alive sockets would otherwise hold close() open.
      for (const desk of desks) desk.agent.destroy();
      healthAgent.destroy();
      await app.close();
    }
  } finally {
    if (url) await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await db.close();
  }
}
