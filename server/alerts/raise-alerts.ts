import { createHash } from 'node:crypto';
import type { Alert } from '../../shared/documents/alert.ts';
import type { Queryable } from '../db/db.ts';
import { insertAlerts, type AppendOnlyCollection } from '../sync/store.ts';
import { recheckJournal } from './recheck-journal.ts';
import { checkAuditPush } from '../audit/verify-audit.ts';

type Colliding = { subject: string; records: { id: string; checkpointId: string; deskId: string }[] };

const alertId = (kind: Alert['kind'], subject: string, ids: string[]) => `${kind}:${subject}:${createHash('sha256').update([...ids].sort().join(',')).digest('hex').slice(0, 16)}`;

/**
 * After new records are stored, in the same transaction: the collisions only the centre can see. Two
 * exits on one permit (seed 000 Rules §2(6), §13: one trip), or one blank number handed over twice
 * (Rules §13: no reuse), become an alert for the checkpoints involved; a journal entry the rules refuse
 * once every desk's entries are known becomes a disputed decision (recheck-journal.ts); a desk's audit
 * entries that do not continue its chain become a broken-chain alert (verify-audit.ts, which also takes the
 * `rewritten` entries: pushed again under a stored id with other content). Returns how many were new.
 */
export async function raiseAlerts(tx: Queryable, collection: AppendOnlyCollection, fresh: Record<string, unknown>[], nowMs: number, rewritten: Record<string, unknown>[] = []): Promise<number> {
  if (collection === 'journal') return recheckJournal(tx, fresh, nowMs);
  if (collection === 'audit') return checkAuditPush(tx, fresh, rewritten, nowMs);
  if (collection === 'shifts') return 0;
  let groups: Colliding[] = [];
  let kind: Alert['kind'];
  if (collection === 'crossings') {
    kind = 'permit-used-twice';
    const permitIds = [...new Set(fresh.filter((d) => d.direction === 'exit').map((d) => d.permitId as string))];
    if (permitIds.length === 0) return 0;
    const rows = await tx.query<{ doc: { id: string; permitId: string; checkpointId: string; deskId: string } }>(`SELECT doc FROM crossings WHERE doc->>'permitId' = ANY($1::text[]) AND doc->>'direction' = 'exit'`, [permitIds]);
    groups = group(rows.map((r) => ({ subject: r.doc.permitId, id: r.doc.id, checkpointId: r.doc.checkpointId, deskId: r.doc.deskId })));
  } else {
    kind = 'blank-issued-twice';
    const numbers = [...new Set(fresh.filter((d) => d.type === 'issued').map((d) => d.number as string))];
    if (numbers.length === 0) return 0;
    const rows = await tx.query<{ doc: { id: string; number: string; checkpointId: string; authorDeskId: string } }>(`SELECT doc FROM blank_events WHERE doc->>'number' = ANY($1::text[]) AND doc->>'type' = 'issued'`, [numbers]);
    groups = group(rows.map((r) => ({ subject: r.doc.number, id: r.doc.id, checkpointId: r.doc.checkpointId, deskId: r.doc.authorDeskId })));
  }
  const alerts: Alert[] = groups
    .filter((g) => g.records.length > 1)
    .map((g) => ({
      id: alertId(kind, g.subject, g.records.map((r) => r.id)),
      kind,
      subject: g.subject,
      checkpointIds: [...new Set(g.records.map((r) => r.checkpointId))].sort() as Alert['checkpointIds'],
      deskIds: [...new Set(g.records.map((r) => r.deskId))].sort(),
      recordIds: g.records.map((r) => r.id).sort(),
      createdAt: nowMs,
    }));
  return insertAlerts(tx, alerts);
}

function group(records: { subject: string; id: string; checkpointId: string; deskId: string }[]): Colliding[] {
  const bySubject = new Map<string, Colliding>();
  for (const r of records) {
    const g = bySubject.get(r.subject) ?? { subject: r.subject, records: [] };
    g.records.push({ id: r.id, checkpointId: r.checkpointId, deskId: r.deskId });
    bySubject.set(r.subject, g);
  }
  return [...bySubject.values()];
}
