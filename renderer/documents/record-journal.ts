import { isProvisional, journalEntryInputSchema, journalEntryProblems, type JournalEntry, type JournalEntryInput } from '../../shared/documents/journal-entry.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import { normalizePlate } from '../../shared/rules/plate.ts';
import type { DeskDatabase } from '../db/database.ts';
import { clip, recordAuditQuietly } from '../audit/audit-log.ts';
import { nextStamp } from '../sync/desk-clock.ts';
import type { SyncStatus } from '../sync/sync-status.ts';

/** What the screen fills in; the desk adds the id, its clock stamp and whether the decision is provisional. */
export type JournalDraft = Omit<JournalEntryInput, 'id' | 'hlc' | 'occurredAt' | 'provisional' | 'dataSyncedAt'>;

/**
 * Writes a journal entry to the local replica (replication pushes it when the centre answers). The
 * entry is validated whole before anything is written, so a bad field refuses it and stores nothing.
 * It is stamped after every entry already known on the document, and marked provisional when the
 * desk decided on data the centre had not confirmed recently. The desk's audit log then records it (an
 * entry that carries the reasons it went ahead despite is an override); a failure there does not undo it.
 */
export async function recordJournalEntry(db: DeskDatabase, draft: JournalDraft, ctx: { sync: SyncStatus; seen: readonly { hlc: string }[]; userId?: string | null; nowMs?: number }): Promise<JournalEntry> {
  const nowMs = ctx.nowMs ?? Date.now();
  const record = journalEntryInputSchema.parse({
    ...draft,
    officerName: draft.officerName.trim(),
    vehiclePlate: normalizePlate(draft.vehiclePlate),
    trailerPlate: draft.trailerPlate ? normalizePlate(draft.trailerPlate) : '',
    id: ulid(nowMs),
    occurredAt: new Date(nowMs).toISOString(),
    hlc: nextStamp(draft.deskId, nowMs, ctx.seen.map((e) => e.hlc).sort().at(-1)),
    provisional: isProvisional(ctx.sync.lastSyncAt, ctx.sync.isOnline, nowMs),
    dataSyncedAt: ctx.sync.lastSyncAt,
  } satisfies JournalEntryInput);
  const problems = journalEntryProblems(record);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  const entry: JournalEntry = { ...record, receivedAt: 0 };
  await db.journal.insert(entry);
  await recordAuditQuietly(db, { deskId: entry.deskId, checkpointId: entry.checkpointId }, {
    kind: entry.reasons.length > 0 ? 'override' : 'journal',
    userId: ctx.userId ?? null,
    subject: clip(entry.documentNumber || entry.id, 80),
    details: {
      entryId: entry.id,
      event: entry.event,
      documentKind: entry.documentKind,
      plate: entry.vehiclePlate,
      officer: clip(entry.officerName, 200),
      provisional: entry.provisional ? 1 : 0,
      ...(entry.reasons.length > 0 ? { overridden: clip(entry.reasons.join(' '), 200) } : {}),
    },
  }, nowMs);
  return entry;
}
