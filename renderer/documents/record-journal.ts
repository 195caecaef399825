import { isProvisional, journalEntryInputSchema, journalEntryProblems, type JournalEntry, type JournalEntryInput } from '../../shared/documents/journal-entry.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import { normalizePlate } from '../../shared/rules/plate.ts';
import type { DeskDatabase } from '../db/database.ts';
import { nextStamp } from '../sync/desk-clock.ts';
import type { SyncStatus } from '../sync/sync-status.ts';

/** What the screen fills in; the desk adds the id, its clock stamp and whether the decision is provisional. */
export type JournalDraft = Omit<JournalEntryInput, 'id' | 'hlc' | 'occurredAt' | 'provisional' | 'dataSyncedAt'>;

/**
 * Writes a journal entry to the local replica (replication pushes it when the centre answers). The
 * entry is validated whole before anything is written, so a bad field refuses it and stores nothing.
 * It is stamped after every entry already known on the document, and marked provisional when the
 * desk decided on data the centre had not confirmed recently.
 */
export async function recordJournalEntry(db: DeskDatabase, draft: JournalDraft, ctx: { sync: SyncStatus; seen: readonly { hlc: string }[]; nowMs?: number }): Promise<JournalEntry> {
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
  return entry;
}
