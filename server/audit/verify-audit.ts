import { verifyChain, type ChainBreak, type ChainStart, type ChainVerdict } from '../../shared/audit/audit-chain.ts';
import type { AuditEntry } from '../../shared/audit/audit-entry.ts';
import type { Alert } from '../../shared/documents/alert.ts';
import type { Queryable } from '../db/db.ts';
import { insertAlerts } from '../sync/store.ts';

/** At most this many breaks are named in one alert (the alert schema's bound on reasons). */
const MAX_BREAKS_PER_ALERT = 30;

/** A desk's stored entries numbered from..to, in chain order; entries sharing a number in the order they arrived. */
async function storedRange(tx: Queryable, deskId: string, from: number, to: number): Promise<AuditEntry[]> {
  const rows = await tx.query<{ doc: AuditEntry }>(
    `SELECT doc FROM audit WHERE doc->>'deskId' = $1 AND (doc->>'seq')::bigint BETWEEN $2 AND $3 ORDER BY (doc->>'seq')::bigint, seq`,
    [deskId, from, to],
  );
  return rows.map((r) => r.doc);
}

/**
 * After a desk's audit entries are stored, in the push's transaction: each desk's fresh entries are
 * verified against the chain the centre holds (the hashes stored under the number before the first of
 * them, then everything up to the last). Desks push in chain order, so a number missing below a fresh
 * entry was lost or deleted, not late. An entry that breaks the chain was stored all the same (evidence
 * is never refused); the breaks become one `audit-chain-broken` alert per desk and push, for the desk's
 * checkpoint. `rewritten`: entries pushed again under a stored id with other content; the stored one
 * stays, and the rewrite is a fork of it. Returns how many alerts were new.
 */
export async function checkAuditPush(tx: Queryable, fresh: Record<string, unknown>[], rewritten: Record<string, unknown>[], nowMs: number): Promise<number> {
  const entries = [...fresh, ...rewritten] as unknown as AuditEntry[];
  const freshIds = new Set(fresh.map((e) => e.id as string));
  const alerts: Alert[] = [];
  for (const deskId of new Set(entries.map((e) => e.deskId))) {
    const mine = fresh.filter((e) => e.deskId === deskId) as unknown as AuditEntry[];
    const breaks: ChainBreak[] = [];
    if (mine.length > 0) {
      const lowest = Math.min(...mine.map((e) => e.seq));
      const highest = Math.max(...mine.map((e) => e.seq));
      const before = lowest > 1 ? await storedRange(tx, deskId, lowest - 1, lowest - 1) : [];
      const start: ChainStart | undefined = before.length > 0 ? { seq: lowest - 1, hashes: before.map((e) => e.hash) } : undefined;
      const verdict = verifyChain(await storedRange(tx, deskId, lowest, highest), start);
      // Entries stored before this push were judged when they came.
      if (!verdict.ok) breaks.push(...verdict.breaks.filter((b) => freshIds.has(b.id)));
    }
    for (const e of rewritten as unknown as AuditEntry[]) if (e.deskId === deskId) breaks.push({ at: e.seq, id: e.id, reason: 'fork' });
    const alert = chainAlert(deskId, entries.find((e) => e.deskId === deskId)!.checkpointId, breaks, nowMs);
    if (alert) alerts.push(alert);
  }
  return insertAlerts(tx, alerts);
}

/** One alert for a desk's breaks found together, named by the first (so finding them again writes nothing new). */
function chainAlert(deskId: string, checkpointId: AuditEntry['checkpointId'], breaks: ChainBreak[], nowMs: number): Alert | null {
  const first = breaks[0];
  if (!first) return null;
  const named = breaks.slice(0, MAX_BREAKS_PER_ALERT);
  return {
    id: `audit-chain-broken:${first.id}`,
    kind: 'audit-chain-broken',
    subject: String(first.at),
    checkpointIds: [checkpointId],
    deskIds: [deskId],
    recordIds: [...new Set(named.map((b) => b.id))],
    reasons: [...new Set(named.map((b) => b.reason))],
    reasonDetails: named.map((b) => ({ code: b.reason, paragraph: `${deskId} №${b.at}`, params: { seq: String(b.at), entry: b.id } })),
    createdAt: nowMs,
  };
}

/** At most this many breaks are listed in a report; `breakCount` says how many there were. */
export const REPORTED_BREAKS_MAX = 1000;

export type DeskChainReport = { deskId: string; entries: number; verdict: ChainVerdict; breakCount: number };

/**
 * The whole stored chain of one desk verified again from its first entry, for the administrator: what
 * the push-time checks said, and whether anything stored has changed since (a row edited in the
 * database breaks its hash like an entry edited at the desk).
 */
export async function verifyDeskChain(db: Queryable, deskId: string): Promise<DeskChainReport> {
  const entries = await storedRange(db, deskId, 1, Number.MAX_SAFE_INTEGER);
  const verdict = verifyChain(entries);
  if (verdict.ok) return { deskId, entries: entries.length, verdict, breakCount: 0 };
  return { deskId, entries: entries.length, verdict: { ...verdict, breaks: verdict.breaks.slice(0, REPORTED_BREAKS_MAX) }, breakCount: verdict.breaks.length };
}
