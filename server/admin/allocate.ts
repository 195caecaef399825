/**
 * Allocation of a blank range to a checkpoint by the central administrator: an `allocated` ledger event,
 * in transit until the checkpoint's supervisor confirms the pack ends. A number the ledger already knows,
 * in any state at any checkpoint, is never allocated again.
 */
import { formatBlankNumber, rangeSize, type BlankRange } from '../../shared/blanks/blank-number.ts';
import { blankEventDocBase, blankEventDocSchema, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import { isCheckpointId } from '../../shared/reference/checkpoints.ts';
import type { Db, Queryable } from '../db/db.ts';
import { insertAppendOnly } from '../sync/store.ts';

export const MAX_ALLOCATION = 100_000;

export type AllocationRefusal =
  | { code: 'unknown-checkpoint' }
  | { code: 'bad-range'; message: string }
  | { code: 'too-large'; max: number }
  | { code: 'overlap'; numbers: string[] };

export type Allocation = { checkpointId: string; range: BlankRange; by: string };

/** The first few numbers of `range` the centre's ledger already holds, in range events or single-number events. */
async function knownNumbers(db: Queryable, range: BlankRange): Promise<string[]> {
  const first = formatBlankNumber(range.series, range.from);
  const last = formatBlankNumber(range.series, range.to);
  const overlapping = await db.query<{ series: string; from: number; to: number }>(
    `SELECT doc->>'rangeSeries' AS series, (doc->>'rangeFrom')::int AS "from", (doc->>'rangeTo')::int AS "to" FROM blank_events
      WHERE doc->>'rangeSeries' = $1 AND (doc->>'rangeFrom')::int <= $3 AND (doc->>'rangeTo')::int >= $2 LIMIT 20`,
    [range.series, range.from, range.to],
  );
  const numbers = new Set<string>();
  for (const r of overlapping) numbers.add(formatBlankNumber(r.series, Math.max(r.from, range.from)));
  const singles = await db.query<{ n: string }>(`SELECT DISTINCT doc->>'number' AS n FROM blank_events WHERE doc->>'number' BETWEEN $1 AND $2 LIMIT 20`, [first, last]);
  for (const r of singles) numbers.add(r.n);
  return [...numbers].sort().slice(0, 10);
}

export async function allocateRange(db: Db, a: Allocation, nowMs = Date.now()): Promise<{ ok: true; event: BlankEventDoc } | { ok: false; refusal: AllocationRefusal }> {
  const checkpointId = a.checkpointId;
  if (!isCheckpointId(checkpointId)) return { ok: false, refusal: { code: 'unknown-checkpoint' } };
  const { series, from, to } = a.range;
  if (!/^[A-Z]$/.test(series) || !Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > 9_999_999 || from > to) {
    return { ok: false, refusal: { code: 'bad-range', message: 'a series letter and numbers 1…9999999, first ≤ last' } };
  }
  if (rangeSize(a.range) > MAX_ALLOCATION) return { ok: false, refusal: { code: 'too-large', max: MAX_ALLOCATION } };
  return db.transaction(async (tx) => {
    // One allocation at a time: two administrators allocating overlapping ranges at once must not both pass the check.
    await tx.query('SELECT pg_advisory_xact_lock(74656)');
    const known = await knownNumbers(tx, a.range);
    if (known.length > 0) return { ok: false as const, refusal: { code: 'overlap' as const, numbers: known } };
    const at = new Date(nowMs).toISOString();
    const event = blankEventDocSchema.parse({
      ...blankEventDocBase({ id: ulid(nowMs), hlc: `${String(nowMs).padStart(13, '0')}-00000-centre`, by: a.by, checkpointId, authorDeskId: '', occurredAt: at }),
      type: 'allocated',
      rangeSeries: series,
      rangeFrom: from,
      rangeTo: to,
      receivedAt: nowMs,
    });
    await insertAppendOnly(tx, 'blankEvents', [event]);
    return { ok: true as const, event };
  });
}
