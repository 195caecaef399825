/**
 * Server ingest: crossings pushed through the real endpoint (validation, idempotency check, sequence,
 * alerts) into PostgreSQL, beside a plain batched INSERT of the same rows in the same run.
 * Target (issue 5): ≥ 5,000 records/s. Uses BENCH_DATABASE_URL or TEST_DATABASE_URL; PGlite otherwise.
 */
import { randomBytes } from 'node:crypto';
import { formatHlc } from '../../shared/ids/hlc.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import { buildServer } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { registerDevice } from '../../server/sync/devices.ts';

const TOKEN = 'bench-ingest-token-0123456789abcdef';

function crossings(n: number) {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    id: ulid(now + i),
    permitId: `A26-${String((i % 100_000) + 1).padStart(6, '0')}`,
    documentNumber: `A26-${String((i % 100_000) + 1).padStart(6, '0')}`,
    direction: 'exit' as const,
    checkpointId: 'dostyk-avto' as const,
    deskId: 'dostyk-avto-1',
    officerName: 'Bench',
    plate: '123ABC02',
    occurredAt: new Date(now + i).toISOString(),
    hlc: formatHlc({ wallMs: now + i, counter: 0, node: 'dostyk-avto-1' }),
    receivedAt: 0,
    _deleted: false,
  }));
}

export async function benchIngest(records = 20_000, batch = 1_000): Promise<string[]> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const db: Db = url ? await openPostgres(url, { schema }) : await openPglite();
  try {
    await migrate(db);
    await registerDevice(db, TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
    const app = buildServer({ db });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });

    // Baseline: the same rows with a plain batched INSERT, no checks.
    const plain = crossings(records);
    let t0 = performance.now();
    for (let i = 0; i < plain.length; i += batch) {
      const rows = plain.slice(i, i + batch);
      await db.query(`INSERT INTO crossings (id, seq, doc, received_at) SELECT d->>'id', 1000000000 + $2::bigint + ord, d, 0 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(d, ord)`, [JSON.stringify(rows), i]);
    }
    const plainS = (performance.now() - t0) / 1000;
    await db.exec('TRUNCATE crossings, alerts');

    const docs = crossings(records);
    t0 = performance.now();
    for (let i = 0; i < docs.length; i += batch) {
      const res = await fetch(`${base}/sync/v1/crossings/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(docs.slice(i, i + batch).map((d) => ({ assumedMasterState: null, newDocumentState: d }))),
      });
      if (!res.ok) throw new Error(`push answered ${res.status}: ${await res.text()}`);
    }
    const pushS = (performance.now() - t0) / 1000;
    await app.close();
    const rate = Math.round(records / pushS);
    return [
      `database: ${url ? 'PostgreSQL' : 'PGlite (set BENCH_DATABASE_URL for PostgreSQL)'}, ${records} crossings in batches of ${batch}`,
      `plain batched INSERT (baseline)          ${Math.round(records / plainS)} records/s`,
      `push endpoint (validate, dedupe, alerts) ${rate} records/s   ratio ${(plainS / pushS).toFixed(2)}×   target ≥ 5,000/s: ${rate >= 5000 ? 'met' : 'NOT met'}`,
    ];
  } finally {
    if (url) await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await db.close();
  }
}
