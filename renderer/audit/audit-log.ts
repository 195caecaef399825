import { Subject } from 'rxjs';
import { chainEntry } from '../../shared/audit/audit-chain.ts';
import { auditEntryInputSchema, type AuditDetails, type AuditEntry, type AuditKind } from '../../shared/audit/audit-entry.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import type { DeskDatabase } from '../db/database.ts';
import { nextStamp } from '../sync/desk-clock.ts';

/** Whose chain an entry joins: this desk's. */
export type AuditDesk = { deskId: string; checkpointId: CheckpointId };

/**
 * What happened. `userId`: who acted, null when nobody is signed in. `subject`: what it acted on (a blank
 * or permit number, a login tried, a setting), at most 80 characters. `details`: at most 16 flat values,
 * strings of at most 200 characters (clip() shortens one safely).
 */
export type AuditInput = { kind: AuditKind; userId: string | null; subject: string; details?: AuditDetails };

/** Entries that could not be written, for whoever shows the desk's health; each is also logged. */
export const auditFailures$ = new Subject<{ input: AuditInput; error: unknown }>();

/** One queue per open replica: each entry reads the last one only after the one before it is written. */
const queues = new WeakMap<DeskDatabase, Promise<unknown>>();

function serialised<T>(db: DeskDatabase, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(db) ?? Promise.resolve()).then(fn, fn);
  queues.set(db, run.catch(() => undefined));
  return run;
}

/**
 * Runs `fn` in the desk's audit queue: no entry is appended while it runs, so it may read the chain and
 * add entries to it (a backup's, replica-backup.ts) without a new entry taking the same number.
 */
export function withAuditChain<T>(db: DeskDatabase, fn: () => Promise<T>): Promise<T> {
  return serialised(db, fn);
}

/**
 * A reinstalled desk's chain lives at the centre until its first pull brings it back; an entry written
 * before that would start a second chain at 1, which the centre reports as a fork. So while the local
 * chain is empty, an entry waits for that first pull, at most CHAIN_WAIT_MS (offline, the desk goes on:
 * a chain that really was lost is what the centre should hear about).
 */
const chainReady = new WeakMap<DeskDatabase, Promise<unknown>>();
export const CHAIN_WAIT_MS = 15_000;

export function setAuditChainReady(db: DeskDatabase, firstPull: Promise<unknown>): void {
  chainReady.set(db, firstPull.catch(() => undefined));
}

/** The desk's last entry: the highest number in its chain (its own entries, and those pulled back after a reinstall). */
export async function lastAuditEntry(db: DeskDatabase, deskId: string): Promise<AuditEntry | null> {
  const doc = await db.audit.findOne({ selector: { deskId }, sort: [{ deskId: 'desc' }, { seq: 'desc' }] }).exec();
  return doc ? (doc.toJSON() as AuditEntry) : null;
}

/**
 * Appends an entry to this desk's audit log: numbered one after the last, carrying its hash, stamped
 * after it. Calls are queued, so two at once never take one number. Resolves to the entry written, or
 * null on a replica opened without the audit collection (test desks); rejects when the entry cannot be
 * validated or written, and the chain then goes on from the last entry that was.
 * The record an entry is about is written first and never depends on it: see recordAuditQuietly.
 */
export function recordAudit(db: DeskDatabase, desk: AuditDesk, input: AuditInput, nowMs?: number): Promise<AuditEntry | null> {
  if (!db.collections.audit) return Promise.resolve(null);
  return serialised(db, async () => {
    let prev = await lastAuditEntry(db, desk.deskId);
    const ready = chainReady.get(db);
    if (!prev && ready) {
      await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, CHAIN_WAIT_MS))]);
      prev = await lastAuditEntry(db, desk.deskId);
    }
    const at = nowMs ?? Date.now();
    const entry = auditEntryInputSchema.parse(
      chainEntry(prev, {
        id: ulid(at),
        deskId: desk.deskId,
        checkpointId: desk.checkpointId,
        occurredAt: new Date(at).toISOString(),
        hlc: nextStamp(desk.deskId, at, prev?.hlc ?? null),
        kind: input.kind,
        userId: input.userId,
        subject: input.subject,
        details: input.details ?? {},
      }),
    );
    const stored: AuditEntry = { ...entry, receivedAt: 0 };
    await db.audit.insert(stored);
    return stored;
  });
}

/**
 * recordAudit for an act already recorded: a failure is reported (auditFailures$ and the log) and
 * swallowed, so the record stands, and the next entry chains to the last one written.
 */
export async function recordAuditQuietly(db: DeskDatabase, desk: AuditDesk, input: AuditInput, nowMs?: number): Promise<AuditEntry | null> {
  try {
    return await recordAudit(db, desk, input, nowMs);
  } catch (error) {
    // The renderer has no logger of its own yet; auditFailures$ is for the screen.
    console.error('audit: entry not written', input.kind, input.subject, error);
    auditFailures$.next({ input, error });
    return null;
  }
}

/** Text shortened to `max` characters without splitting a surrogate pair (the schema refuses a lone half). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max).replace(/[\ud800-\udbff]$/, '');
}
