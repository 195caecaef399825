import type { Alert } from '../../shared/documents/alert.ts';
import type { FeeRateTable } from '../../shared/documents/fee-rates.ts';
import type { JournalEntry } from '../../shared/documents/journal-entry.ts';
import { readRegistryDocument, type RegistryDocument } from '../../shared/documents/registry-document.ts';
import { byJournalOrder, recheckEntry, soldPermitOf } from '../../shared/rules/apply-journal.ts';
import type { Queryable } from '../db/db.ts';
import { insertAlerts } from '../sync/store.ts';

/** The alert's id: one per entry, however often the entry is found wrong. */
export const disputedAlertId = (entryId: string) => `decision-disputed:${entryId}`;

/**
 * After journal entries are stored, in the same transaction: every entry of each document they touch is
 * judged again, in journal order, on the registry copy and every desk's entries before it. Not only the
 * fresh ones: a desk that was offline may push an entry earlier in journal order than one already
 * stored, and that makes the stored one wrong (a second exit mark on a domestic permit is already-used).
 * An entry the rules now refuse for a reason its desk did not record (the desk decided on what it knew
 * then; an override records the reasons it overrode) becomes a decision-disputed alert for its
 * checkpoint. Exemptions act on no document and are not judged. A transit-passage permit sold at a
 * checkpoint is not in the registry: the journal's 'transit-sold' entry holds it (the first in journal
 * order, should a number be sold twice), and the marks on it are judged against that. Returns how many
 * alerts were new.
 */
export async function recheckJournal(tx: Queryable, fresh: Record<string, unknown>[], nowMs: number): Promise<number> {
  const documentIds = [...new Set(fresh.filter((e) => e.event !== 'export-exemption' && typeof e.documentId === 'string' && e.documentId !== '').map((e) => e.documentId as string))];
  if (documentIds.length === 0) return 0;
  const registry = new Map((await tx.query<{ doc: RegistryDocument }>('SELECT doc FROM documents WHERE id = ANY($1::text[])', [documentIds])).map((r) => [r.doc.id, r.doc]));
  const entries = (await tx.query<{ doc: JournalEntry }>(`SELECT doc FROM journal WHERE doc->>'documentId' = ANY($1::text[])`, [documentIds])).map((r) => r.doc);

  // The fee tables, only when a sale is among what is judged (they are few).
  const feeTables = entries.some((e) => e.event === 'transit-sold') ? (await tx.query<{ doc: FeeRateTable }>('SELECT doc FROM fee_rates')).map((r) => r.doc) : [];

  const alerts: Alert[] = [];
  for (const documentId of documentIds) {
    const row = registry.get(documentId);
    const mine = entries.filter((e) => e.documentId === documentId).sort(byJournalOrder);
    const doc = row ? readRegistryDocument(row) : soldPermitOf(mine);
    // Entries before the earliest fresh one were judged when they arrived, against what came before
    // them, which has not changed: only the fresh ones and those after them can have turned wrong.
    const freshIds = new Set(fresh.map((e) => e.id as string));
    const from = mine.findIndex((e) => freshIds.has(e.id));
    mine.forEach((entry, i) => {
      if (i < from || entry.event === 'export-exemption') return;
      const reasons = recheckEntry(doc, mine.slice(0, i), entry, { feeTables }).filter((r) => !entry.reasons.includes(r.code));
      const details = reasons.filter((r, j) => reasons.findIndex((x) => x.code === r.code) === j).slice(0, 30);
      const codes = details.map((r) => r.code);
      if (codes.length === 0) return;
      const isCollision = codes.some((c) => c === 'already-used' || c === 'permit-number-used');
      const others = isCollision ? mine.slice(0, i).filter((e) => e.event === entry.event || (entry.event === 'transit-sold' && e.event === 'transit-sold') || (e.event === 'transit-sold' && entry.event === 'entry-mark')) : [];
      alerts.push({
        id: disputedAlertId(entry.id),
        kind: 'decision-disputed',
        subject: entry.id,
        // A collision concerns the other side too (the first exit, the first sale): both are told.
        checkpointIds: [...new Set([entry.checkpointId, ...others.map((e) => e.checkpointId)])].sort() as Alert['checkpointIds'],
        deskIds: [...new Set([entry.deskId, ...others.map((e) => e.deskId)])].sort(),
        recordIds: [entry.id, ...others.map((e) => e.id)].slice(0, 10),
        reasons: codes,
        reasonDetails: details,
        documentNumber: entry.documentNumber,
        createdAt: nowMs,
      });
    });
  }
  return insertAlerts(tx, alerts);
}
