import type { BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { nextBlankNumber, type BlankRecord, type Ledger } from '../../shared/blanks/ledger.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import type { DeskDatabase } from '../db/database.ts';
import { readLedger, recordBlankEvent } from './desk-ledger.ts';
import { clip, recordAuditQuietly } from '../audit/audit-log.ts';

/** `userId`: who is signed in, for the audit log (null until logins exist). */
export type IssuanceContext = { db: DeskDatabase; checkpointId: CheckpointId; deskId: string; officerName: string; userId?: string | null };

export type IssuanceError = 'no-blanks' | 'already-issued' | 'not-reserved' | 'not-issued' | 'not-printed' | 'already-printed' | 'reason-required';

export class IssuanceRefused extends Error {
  constructor(readonly code: IssuanceError) {
    super(code);
  }
}

/**
 * One step at a time: each action re-reads the ledger and writes one event, so two quick clicks or a
 * reload in the middle can never take two numbers or skip a state. Every step is one IndexedDB write:
 * after a crash the desk finds the blank exactly in the last state it reached.
 */
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

function write(ctx: IssuanceContext, event: Partial<BlankEventDoc> & Pick<BlankEventDoc, 'type' | 'number'>): Promise<BlankEventDoc> {
  return recordBlankEvent({ db: ctx.db, checkpointId: ctx.checkpointId, deskId: ctx.deskId, by: ctx.officerName }, event);
}

/** The desk's audit log records a handover or a spoil once its blank event is written; its failure undoes nothing. */
function audit(ctx: IssuanceContext, kind: 'issuance' | 'spoil', number: string, details: Record<string, string>): Promise<unknown> {
  return recordAuditQuietly(ctx.db, { deskId: ctx.deskId, checkpointId: ctx.checkpointId }, { kind, userId: ctx.userId ?? null, subject: number, details: { ...details, officer: clip(ctx.officerName, 200) } });
}

function mine(ledger: Ledger, ctx: IssuanceContext, number: string): BlankRecord {
  const b = ledger.blanks.get(number);
  if (!b || b.deskId !== ctx.deskId || b.state !== 'reserved') throw new IssuanceRefused('not-reserved');
  return b;
}

/** Which of an application's blanks the desk is working with: the open one, else the issued one, else the last spoiled. */
const PRIORITY: Partial<Record<BlankRecord['state'], number>> = { reserved: 0, issued: 1, redeemed: 2, returned: 3, lost: 4, annulled: 5, spoiled: 6 };

/** The blank of this application at this desk: an open reservation is resumed, never doubled. */
export function findApplicationBlank(ledger: Ledger, deskId: string, applicationId: string): BlankRecord | null {
  let best: BlankRecord | null = null;
  for (const b of ledger.blanks.values()) {
    if (b.applicationId !== applicationId || b.deskId !== deskId || b.state === 'at-desk') continue;
    if (!best || (PRIORITY[b.state] ?? 9) < (PRIORITY[best.state] ?? 9)) best = b;
  }
  return best;
}

/** Blanks this desk reserved and has not finished: after a restart the officer says what became of each. */
export function openReservations(ledger: Ledger, deskId: string): BlankRecord[] {
  return [...ledger.blanks.values()].filter((b) => b.deskId === deskId && b.state === 'reserved');
}

export function reserveBlank(ctx: IssuanceContext, applicationId: string): Promise<BlankRecord> {
  return serialised(async () => {
    const ledger = await readLedger(ctx.db);
    const existing = findApplicationBlank(ledger, ctx.deskId, applicationId);
    if (existing?.state === 'reserved') return existing;
    if (existing && existing.state !== 'spoiled' && existing.state !== 'returned') throw new IssuanceRefused('already-issued');
    const number = nextBlankNumber(ledger, ctx.deskId);
    if (!number) throw new IssuanceRefused('no-blanks');
    await write(ctx, { type: 'reserved', number, deskId: ctx.deskId, applicationId });
    return (await readLedger(ctx.db)).blanks.get(number)!;
  });
}

/** One print step on a blank reserved at this desk. */
function markPrintStep(ctx: IssuanceContext, number: string, type: 'print-requested' | 'print-failed' | 'printed'): Promise<void> {
  return serialised(async () => {
    mine(await readLedger(ctx.db), ctx, number);
    await write(ctx, { type, number });
  });
}

/** Written before the addendum goes to the queue: if the app dies now, the blank is treated as maybe printed. */
export const markPrintRequested = (ctx: IssuanceContext, number: string) => markPrintStep(ctx, number, 'print-requested');

/** The queue refused for certain: nothing can have come out, so the blank may go back on the stack. */
export const markPrintFailed = (ctx: IssuanceContext, number: string) => markPrintStep(ctx, number, 'print-failed');

/** Called only after the print queue accepted the addendum: a failed print never moves the blank on. */
export const markPrinted = (ctx: IssuanceContext, number: string) => markPrintStep(ctx, number, 'printed');

export function confirmHandover(ctx: IssuanceContext, number: string): Promise<void> {
  return serialised(async () => {
    const b = mine(await readLedger(ctx.db), ctx, number);
    if (!b.isPrinted) throw new IssuanceRefused('not-printed');
    await write(ctx, { type: 'issued', number, applicationId: b.applicationId! });
    await audit(ctx, 'issuance', number, { applicationId: b.applicationId! });
  });
}

/** Misprint, torn or wrong data: the number is void for good (no corrections, Rules §13). */
export function spoilBlank(ctx: IssuanceContext, number: string, reason: string): Promise<void> {
  return serialised(async () => {
    if (!reason.trim()) throw new IssuanceRefused('reason-required');
    const ledger = await readLedger(ctx.db);
    const b = ledger.blanks.get(number);
    if (!b || b.deskId !== ctx.deskId || (b.state !== 'reserved' && b.state !== 'issued')) throw new IssuanceRefused('not-reserved');
    await write(ctx, { type: 'spoiled', number, reason: reason.trim() });
    await audit(ctx, 'spoil', number, { reason: clip(reason.trim(), 200), was: b.state });
  });
}

/** The vehicle did not leave: the carrier gives the blank back (Rules §13, §14(3)); it is never issued again. */
export function returnBlank(ctx: IssuanceContext, number: string, reason: string): Promise<void> {
  return serialised(async () => {
    if (!reason.trim()) throw new IssuanceRefused('reason-required');
    const b = (await readLedger(ctx.db)).blanks.get(number);
    if (!b || b.state !== 'issued') throw new IssuanceRefused('not-issued');
    await write(ctx, { type: 'returned', number, reason: reason.trim() });
  });
}

/** The blank cannot be found (Rules §14(3), §15): recorded with the reason, and counted as lost at reconciliation. */
export function loseBlank(ctx: IssuanceContext, number: string, reason: string): Promise<void> {
  return serialised(async () => {
    if (!reason.trim()) throw new IssuanceRefused('reason-required');
    const b = (await readLedger(ctx.db)).blanks.get(number);
    if (!b || b.deskId !== ctx.deskId || (b.state !== 'reserved' && b.state !== 'issued' && b.state !== 'at-desk')) throw new IssuanceRefused('not-reserved');
    await write(ctx, { type: 'lost', number, reason: reason.trim() });
  });
}

/** Nothing was printed for it: the number goes back on top of the desk's stack. */
export function releaseBlank(ctx: IssuanceContext, number: string): Promise<void> {
  return serialised(async () => {
    const b = mine(await readLedger(ctx.db), ctx, number);
    if (b.isPrinted || b.isPrintPending) throw new IssuanceRefused('already-printed');
    await write(ctx, { type: 'released', number, deskId: ctx.deskId });
  });
}

/**
 * The vehicle left Kazakhstan: the blank handed over for this application is redeemed (Rules §13: it
 * counts as used once the vehicle has left). Whichever desk of the checkpoint issued it, the desk that
 * records the exit writes the event. Returns the blank number, or null when no issued blank is known.
 */
export function redeemOnExit(ctx: IssuanceContext, applicationId: string): Promise<string | null> {
  return serialised(async () => {
    const ledger = await readLedger(ctx.db);
    const issued = [...ledger.blanks.values()].find((b) => b.applicationId === applicationId && b.state === 'issued');
    if (!issued) return null;
    await write(ctx, { type: 'redeemed', number: issued.number });
    return issued.number;
  });
}
