import { createHash } from 'node:crypto';
import type { Alert } from '../../shared/documents/alert.ts';
import type { Queryable } from '../db/db.ts';
import { takeSeq, type AppendOnlyCollection } from '../sync/store.ts';

type Colliding = { subject: string; records: { id: string; checkpointId: string; deskId: string }[] };

const alertId = (kind: Alert['kind'], subject: string, ids: string[]) => `${kind}:${subject}:${createHash('sha256').update([...ids].sort().join(',')).digest('hex').slice(0, 16)}`;

/**
 * After new records are stored, in the same transaction: the collisions only the centre can see. Two
 * exits on one permit (seed 000 Rules §2(6), §13: one trip), or one blank number handed over twice
 * (Rules §13: no reuse), become an alert for the checkpoints involved. Returns how many were new.
 */
export async function raiseAlerts(tx: Queryable, collection: AppendOnlyCollection, fresh: Record<string, unknown>[], nowMs: number): Promise<number> {
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
  if (alerts.length === 0) return 0;
  const first = await takeSeq(tx, 'alerts', alerts.length);
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO alerts (id, seq, doc)
     SELECT d->>'id', $2::bigint + ord - 1, d FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(d, ord)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [JSON.stringify(alerts), first],
  );
  return inserted.length;
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
