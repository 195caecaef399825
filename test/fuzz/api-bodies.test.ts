/**
 * 10,000 random bodies at the routes that take one: the desks' pushes, enrolment, device settings and
 * the administrator's imports. Whatever arrives, the server answers a JSON {error, message} 4xx (or 200
 * for a mutation that happens to stay valid), never a 500, and a refused body writes nothing: every
 * table is the same, row for row, before and after each route's batch.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_ENROL_PATH } from '../../shared/devices/enrolment.ts';
import { ENROL_PATH } from '../../shared/keys/certificate-json.ts';
import { encodeBase32 } from '../../shared/qr/base32.ts';
import { COLLECTION_NAMES, SYNC_PREFIX } from '../../shared/sync/replication.ts';
import { buildServer } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { demoRegistry } from '../../server/demo/demo-registry.ts';
import { demoFeeRateTables, demoPermit, seedDemo } from '../../server/demo/seed.ts';
import { DEVICE_SETTINGS_PATH } from '../../server/devices/device-settings-routes.ts';
import { isAppendOnly } from '../../server/sync/store.ts';
import { registerDevice } from '../../server/sync/devices.ts';
import { deskCrossing, rowsOf, TOKEN } from '../../server/testing/fixtures.ts';
import { TEST_DATABASES } from '../../server/testing/test-databases.ts';
import { journalEntryFixture } from '../fixtures/journal.ts';

const ADMIN = 'fuzz-admin-token-0123456789abcdef';
const TODAY = '2026-12-02';

type Target = { name: string; url: string; token: string | null; runs: number; valid: () => unknown };

/** A valid body with one thing changed: a value replaced, a key dropped or added, anywhere inside. */
function mutated(valid: () => unknown): fc.Arbitrary<unknown> {
  return fc.tuple(fc.nat(), fc.constantFrom('replace', 'drop', 'add', 'wrap', 'stringify'), fc.anything({ maxDepth: 2 }), fc.string({ maxLength: 12 })).map(([pick, how, value, key]) => {
    const body = valid();
    const holders: Record<string, unknown>[] = [];
    const walk = (v: unknown) => {
      if (v && typeof v === 'object') {
        holders.push(v as Record<string, unknown>);
        Object.values(v).forEach(walk);
      }
    };
    walk(body);
    const holder = holders[pick % holders.length]!;
    const keys = Object.keys(holder);
    const k = keys[pick % Math.max(1, keys.length)] ?? key;
    if (how === 'replace') holder[k] = value;
    else if (how === 'drop') delete holder[k];
    else if (how === 'add') holder[key === 'length' ? 'len' : key] = value;
    else if (how === 'wrap') holder[k] = [holder[k]];
    else holder[k] = JSON.stringify(holder[k] ?? null);
    return body;
  });
}

/** Bodies as sent: any JSON value, JSON text, broken text, and mutations of a valid body. */
function bodies(valid: () => unknown): fc.Arbitrary<string> {
  return fc.oneof(
    fc.anything().map((v) => JSON.stringify(v) ?? ''),
    fc.json(),
    fc.string({ maxLength: 200 }),
    mutated(valid).map((v) => JSON.stringify(v) ?? ''),
  );
}

/** Every table's rows, as one fingerprint per table. */
async function snapshot(db: Db): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ n: number; h: string | null }>(`SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM "${name}" t`);
    out[name] = `${row!.n}:${row!.h ?? ''}`;
  }
  return out;
}

const publicKey = encodeBase32(ed25519.getPublicKey(ed25519.utils.randomSecretKey()));
const pushTargets: Target[] = COLLECTION_NAMES.filter(isAppendOnly).map((c) => ({
  name: `push ${c}`,
  url: `${SYNC_PREFIX}/${c}/push`,
  token: TOKEN,
  runs: 0,
  // A crossing, or a journal entry, shaped as the desk sends it (under another collection: refused).
  valid: () => (c === 'journal' ? [{ assumedMasterState: null, newDocumentState: { ...journalEntryFixture(), id: `01KB${String(Math.random()).slice(2, 24).padEnd(22, '0')}`, receivedAt: 0, _deleted: false } }] : rowsOf([deskCrossing()])),
}));
const TARGETS: Target[] = [
  ...pushTargets.map((t) => ({ ...t, runs: Math.floor(4000 / pushTargets.length) })),
  { name: 'enrol with a code', url: DEVICE_ENROL_PATH, token: null, runs: 1000, valid: () => ({ code: 'ABCD-EFGH-JKMN', keyId: 'k1', publicKey }) },
  { name: 'enrol a desk key', url: ENROL_PATH, token: TOKEN, runs: 800, valid: () => ({ keyId: 'k1', publicKey: 'not-base32!' }) },
  { name: 'device settings', url: DEVICE_SETTINGS_PATH, token: TOKEN, runs: 800, valid: () => ({ settings: { revision: 1, documentPrinter: '', slipPrinter: null } }) },
  { name: 'import permits', url: '/admin/api/import/permits', token: ADMIN, runs: 800, valid: () => ({ format: 'json', mode: 'all', dryRun: false, text: JSON.stringify([{ ...demoPermit(990_001, TODAY), id: 'fz-1', applicationNumber: 'A26-99' }]) }) },
  { name: 'import documents', url: '/admin/api/documents', token: ADMIN, runs: 800, valid: () => ({ documents: demoRegistry(TODAY).slice(0, 1).map((d) => ({ id: `${d.id}-fz`, document: { ...d, number: 'FZ' } })) }) },
  { name: 'import fee rates', url: '/admin/api/fee-rates', token: ADMIN, runs: 800, valid: () => ({ tables: demoFeeRateTables(TODAY).map((t) => ({ ...t, id: `${t.id}-fz` })) }) },
  { name: 'allocate', url: '/admin/api/allocate', token: ADMIN, runs: 400, valid: () => ({ checkpointId: 'kolzhat', series: 'C', from: 100, to: 50, by: 'fuzz' }) },
  { name: 'import users', url: '/admin/api/users', token: ADMIN, runs: 400, valid: () => ({ users: [{ login: 'fz', name: 'Fuzz', roles: ['officer'], password: 'x' }] }) },
  { name: 'revoke', url: '/admin/api/devices/revoke', token: ADMIN, runs: 200, valid: () => ({ checkpointId: 'kolzhat', deskId: 'nobody-here' }) },
];

describe('random bodies at every route that takes one (PGlite)', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ db, drop } = await TEST_DATABASES[0]!.open());
    await registerDevice(db, TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
    await registerDevice(db, ADMIN, { checkpointId: 'centre', deskId: 'admin', role: 'admin' });
    await seedDemo(db, { permits: 20, today: TODAY });
    app = buildServer({ db, rateLimits: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('splits exactly 10,000 runs across the routes', () => {
    expect(TARGETS.reduce((n, t) => n + t.runs, 0)).toBe(10_000);
  });

  it.each(TARGETS)('$name: never a 500, always a JSON {error, message} refusal, nothing written by one', async (target) => {
    let before = await snapshot(db);
    await fc.assert(
      fc.asyncProperty(bodies(target.valid), async (body) => {
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) };
        const res = await app.inject({ method: 'POST', url: target.url, headers, payload: body });
        if (res.statusCode === 200) {
          // A mutation that stayed valid was taken: the tables move on from here.
          before = await snapshot(db);
          return;
        }
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, res.body).toBeLessThan(500);
        const answer = res.json() as { error?: unknown; message?: unknown };
        expect(typeof answer.error, res.body).toBe('string');
        expect(typeof answer.message, res.body).toBe('string');
        expect(res.body).not.toMatch(/\n\s+at |SELECT |INSERT /);
      }),
      { numRuns: target.runs, seed: Number(process.env.FUZZ_SEED ?? 20261202) },
    );
    expect(await snapshot(db)).toEqual(before);
  }, 120_000);
});
