import type { Alert } from '../../shared/documents/alert.ts';
import type { Crossing, CrossingInput } from '../../shared/documents/crossing.ts';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import type { FeeRateTable } from '../../shared/documents/fee-rates.ts';
import type { RegistryDocument } from '../../shared/documents/registry-document.ts';
import type { User } from '../../shared/users/user.ts';
import { COLLECTIONS, type CollectionName, type Replicated } from '../../shared/sync/replication.ts';
import type { Db, Queryable } from '../db/db.ts';

/** Takes `count` numbers of a collection's write sequence; the row lock holds until the transaction ends. */
export async function takeSeq(tx: Queryable, collection: CollectionName, count: number): Promise<number> {
  const rows = await tx.query<{ last: number }>('UPDATE collection_seq SET last_seq = last_seq + $2 WHERE name = $1 RETURNING last_seq::float8 AS last', [collection, count]);
  return rows[0]!.last - count + 1;
}

/** The table of each replicated collection (names fixed here, never taken from a request). */
export const TABLES: Record<CollectionName, string> = { permits: 'permits', crossings: 'crossings', blankEvents: 'blank_events', shifts: 'shifts', alerts: 'alerts', documents: 'documents', feeRates: 'fee_rates', journal: 'journal', users: 'users', audit: 'audit' };

/**
 * Documents written after `seq`, in write order, as the JSON body of a pull response. Alerts go only to
 * the checkpoints they concern (their supervisors act on them) and blank events only to their own
 * checkpoint (a desk's ledger is its checkpoint's stock); permits, crossings, registry documents, fee
 * tables and the journal go to every desk (a permit used or marked at one checkpoint is used or marked everywhere);
 * a desk's audit log goes back to that desk only. The
 * documents stay text from PostgreSQL to the socket: parsing and re-serialising 2,000 permits a page was
 * most of what an initial sync of a large replica waited for.
 */
export async function pullSinceJson(db: Db, collection: CollectionName, seq: number, limit: number, checkpointId?: string, deskId?: string): Promise<string> {
  // A desk's audit log goes back to that desk alone: it continues its own chain after a reinstall.
  if (collection === 'audit' && deskId !== undefined) return pullPage(db, collection, seq, limit, `doc->>'deskId' = $3 AND seq > $1`, [deskId]);
  const scoped = (collection === 'alerts' || collection === 'blankEvents' || collection === 'shifts') && checkpointId !== undefined;
  const where = !scoped ? 'seq > $1' : collection === 'alerts' ? `seq > $1 AND doc->'checkpointIds' ? $3` : `doc->>'checkpointId' = $3 AND seq > $1`;
  const extra = scoped ? [checkpointId] : [];
  return pullPage(db, collection, seq, limit, where, extra);
}

async function pullPage(db: Db, collection: CollectionName, seq: number, limit: number, where: string, extra: unknown[]): Promise<string> {
  const table = TABLES[collection];
  // ORDER BY the column, not the float8 alias of the same name: only the column can use the seq index
  // (sorting by the alias sorted every remaining row on each page and spilled to disk).
  const rows = await db.query<{ seq: number; json: string }>(`SELECT seq::float8 AS seq, doc::text AS json FROM ${table} WHERE ${where} ORDER BY ${table}.seq LIMIT $2`, [seq, limit, ...extra]);
  const last = rows.length > 0 ? rows[rows.length - 1]!.seq : seq;
  // Only when the page is full: a short page means the desk has caught up.
  const remaining = rows.length < limit ? 0 : await remainingAfter(db, collection, last, where, extra);
  // Every stored document is a JSON object: close it with the replication's _deleted flag.
  const documents = rows.map((r) => `${r.json.slice(0, r.json.lastIndexOf('}'))},"_deleted":false}`).join(',');
  return `{"documents":[${documents}],"checkpoint":{"seq":${last}},"remaining":${remaining}}`;
}

/**
 * How many documents lie beyond `last`. Alerts are few and counted. Elsewhere sequence numbers are handed
 * out one per stored version, so the numbers after `last` bound what remains: counting the rows took
 * longer than reading the page (300 ms a page at 200,000 permits).
 */
async function remainingAfter(db: Db, collection: CollectionName, last: number, where: string, extra: unknown[]): Promise<number> {
  if (collection === 'alerts') {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM ${TABLES.alerts} WHERE ${where.replace('$3', '$2')}`, [last, ...extra]);
    return row!.n;
  }
  const [row] = await db.query<{ n: number }>('SELECT (last_seq - $2)::float8 AS n FROM collection_seq WHERE name = $1', [collection, last]);
  return row!.n;
}

/** Inserts permits in bulk with consecutive sequence numbers (demo seed, later registry import). */
export async function insertPermits(tx: Queryable, permits: CPermit[]): Promise<void> {
  if (permits.length === 0) return;
  const first = await takeSeq(tx, 'permits', permits.length);
  await tx.query(
    `INSERT INTO permits (id, seq, doc)
     SELECT d->>'id', $2::bigint + ord - 1, d FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(d, ord)`,
    [JSON.stringify(permits), first],
  );
}

/** The collections desks push to (the shared contract gives them a push schema); the others are the centre's alone. */
export type AppendOnlyCollection = { [K in CollectionName]: (typeof COLLECTIONS)[K]['pushSchema'] extends null ? never : K }[CollectionName];

export function isAppendOnly(collection: CollectionName): collection is AppendOnlyCollection {
  return COLLECTIONS[collection].pushSchema !== null;
}

/**
 * Stores the centre's own documents of a pull-only collection keyed by id (registry documents, fee
 * tables), new or replacing the stored one. Only a document whose content changed takes a new sequence
 * number (so desks pull it again); an unchanged one keeps its own. Of two with one id, the later wins.
 * Returns how many were new or changed.
 */
async function upsertCentreDocuments(tx: Queryable, collection: 'documents' | 'feeRates' | 'users', docs: { id: string }[]): Promise<number> {
  if (docs.length === 0) return 0;
  const table = TABLES[collection];
  // Lock the sequence first: a concurrent import of the same ids waits and compares with what this one stored.
  await takeSeq(tx, collection, 0);
  const last = [...new Map(docs.map((d) => [d.id, d])).values()];
  // jsonb equality ignores key order, so a re-import of the same file changes nothing.
  const same = await tx.query<{ id: string }>(`SELECT t.id FROM ${table} t JOIN jsonb_array_elements($1::jsonb) AS d(doc) ON t.id = d.doc->>'id' AND t.doc = d.doc`, [JSON.stringify(last)]);
  const unchanged = new Set(same.map((r) => r.id));
  const changed = last.filter((d) => !unchanged.has(d.id));
  if (changed.length === 0) return 0;
  const first = await takeSeq(tx, collection, changed.length);
  await tx.query(
    `INSERT INTO ${table} (id, seq, doc)
     SELECT d->>'id', $2::bigint + ord - 1, d FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(d, ord)
     ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, doc = EXCLUDED.doc`,
    [JSON.stringify(changed), first],
  );
  return changed.length;
}

/** Stores registry documents (see upsertCentreDocuments); returns how many were new or changed. */
export function insertRegistryDocuments(tx: Queryable, docs: RegistryDocument[]): Promise<number> {
  return upsertCentreDocuments(tx, 'documents', docs);
}

/**
 * Stores the people who use the desks (see upsertCentreDocuments). Every desk pulls every record: one
 * taken off a checkpoint must still reach that checkpoint's desks, or they would go on letting them in.
 */
export function insertUsers(tx: Queryable, users: User[]): Promise<number> {
  return upsertCentreDocuments(tx, 'users', users);
}

/** Stores transit-passage fee tables (see upsertCentreDocuments); returns how many were new or changed. */
export function insertFeeRateTables(tx: Queryable, tables: FeeRateTable[]): Promise<number> {
  return upsertCentreDocuments(tx, 'feeRates', tables);
}

/** Stores alerts the centre raised; one already raised (same id) is left as it is. Returns how many were new. */
export async function insertAlerts(tx: Queryable, alerts: Alert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  // Known ones are left out before drawing numbers: a re-check raises the same alerts again and again.
  const known = new Set((await tx.query<{ id: string }>('SELECT id FROM alerts WHERE id = ANY($1::text[])', [alerts.map((a) => a.id)])).map((r) => r.id));
  const fresh = [...new Map(alerts.filter((a) => !known.has(a.id)).map((a) => [a.id, a])).values()];
  if (fresh.length === 0) return 0;
  const first = await takeSeq(tx, 'alerts', fresh.length);
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO alerts (id, seq, doc)
     SELECT d->>'id', $2::bigint + ord - 1, d FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(d, ord)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [JSON.stringify(fresh), first],
  );
  return inserted.length;
}

/** Inserts append-only records (each carrying its receivedAt) with consecutive sequence numbers. */
export async function insertAppendOnly(tx: Queryable, collection: AppendOnlyCollection, docs: { id: string; receivedAt: number }[]): Promise<void> {
  if (docs.length === 0) return;
  const first = await takeSeq(tx, collection, docs.length);
  await tx.query(
    `INSERT INTO ${TABLES[collection]} (id, seq, doc, received_at)
     SELECT d->>'id', $2::bigint + ord - 1, d, (d->>'receivedAt')::bigint FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(d, ord)`,
    [JSON.stringify(docs), first],
  );
}

/** Gives stored records new sequence numbers, so every desk pulls them once more. */
export async function republish(tx: Queryable, collection: AppendOnlyCollection, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const first = await takeSeq(tx, collection, ids.length);
  await tx.query(
    `UPDATE ${TABLES[collection]} AS t SET seq = $2::bigint + u.ord - 1
     FROM unnest($1::text[]) WITH ORDINALITY AS u(id, ord) WHERE t.id = u.id`,
    [ids, first],
  );
}

export function insertCrossings(tx: Queryable, crossings: Crossing[]): Promise<void> {
  return insertAppendOnly(tx, 'crossings', crossings);
}

export async function findById<T extends { id: string }>(tx: Queryable, collection: AppendOnlyCollection, ids: string[]): Promise<Map<string, T>> {
  const rows = await tx.query<{ doc: T }>(`SELECT doc FROM ${TABLES[collection]} WHERE id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((r) => [r.doc.id, r.doc]));
}

export function asReplicated<T>(doc: T): Replicated<T> {
  return { ...doc, _deleted: false };
}

export type { CrossingInput };
