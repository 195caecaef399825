import type { BlankRange } from '../blanks/blank-number.ts';
import { numbersOf, rangeSize } from '../blanks/blank-number.ts';
import { runsOf } from './stock-moves.ts';
import { foldLedger, type BlankEvent, type Ledger } from '../blanks/ledger.ts';
import { reconcileShift, type Difference, type Reconciliation } from '../blanks/reconcile.ts';
import type { CountedRange, ExplainedDifference, Overridable, ShiftEvent } from '../documents/shift.ts';

/** A desk's shift as its records tell it: the open one, and the last closed one (whose count opens the next). */
export type DeskShifts = { open: ShiftEvent | null; lastClosed: ShiftEvent | null };

/** The desk's current shift from its shift records, whatever order they arrived in. */
export function deskShifts(events: readonly ShiftEvent[], deskId: string): DeskShifts {
  const mine = events.filter((e) => e.deskId === deskId).sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1));
  const closed = new Set(mine.filter((e) => e.type === 'closed').map((e) => e.shiftId));
  const open = mine.filter((e) => e.type === 'opened' && !closed.has(e.id)).at(-1) ?? null;
  const lastClosed = mine.filter((e) => e.type === 'closed').at(-1) ?? null;
  return { open, lastClosed };
}

/**
 * The desk's stacks as the ledger has them: runs of consecutive numbers still at the desk. The supervisor
 * counts each by its top blank (the desk issues from the top, the lowest number) to the stack's last.
 */
export function deskStacks(ledger: Ledger, deskId: string): BlankRange[] {
  return runsOf(ledger, null, 'at-desk', deskId);
}

/** What stands in the way of closing now: an issuance mid-way, or records the centre has not got. */
export function closeBlockers(ledger: Ledger, deskId: string, unsynced: number): Overridable[] {
  const blockers: Overridable[] = [];
  if ([...ledger.blanks.values()].some((b) => b.state === 'reserved' && b.deskId === deskId)) blockers.push('open-issuance');
  if (unsynced > 0) blockers.push('unsynced');
  return blockers;
}

export type CloseDraft = {
  reconciliation: Reconciliation;
  /** Every difference, each needing a reason before the close can be recorded. */
  differences: Difference[];
  blockers: Overridable[];
};

/** Reconciles the desk's count against the ledger at `closeHlc` (shared with the centre's check). */
export function draftClose(input: { events: readonly BlankEvent[]; deskId: string; opened: ShiftEvent; closeHlc: string; counted: readonly CountedRange[]; countedSpoiled: readonly string[]; unsynced: number }): CloseDraft {
  const ledger = foldLedger(input.events, input.closeHlc);
  const reconciliation = reconcileShift({
    events: input.events,
    deskId: input.deskId,
    shiftStart: input.opened.hlc,
    shiftEnd: input.closeHlc,
    ranges: deskStacks(ledger, input.deskId),
    counted: { unused: input.counted.flatMap((r) => [...numbersOf(r)]), spoiled: input.countedSpoiled },
  });
  return { reconciliation, differences: reconciliation.differences, blockers: closeBlockers(ledger, input.deskId, input.unsynced) };
}

export type CloseRefusal = { code: 'reason-missing'; number: string } | { code: 'blocked'; blockers: Overridable[] } | { code: 'override-reason-missing' };

/**
 * Whether the close may be recorded: every difference explained, and every blocker overridden with a
 * reason. The answer is the explained differences to store, or why not.
 */
export function checkClose(draft: CloseDraft, reasons: ReadonlyMap<string, string>, override: { reason: string } | null): { ok: true; differences: ExplainedDifference[]; overrides: Overridable[] } | { ok: false; refusal: CloseRefusal } {
  const differences: ExplainedDifference[] = [];
  for (const d of draft.differences) {
    const reason = reasons.get(d.number)?.trim() ?? '';
    if (reason === '') return { ok: false, refusal: { code: 'reason-missing', number: d.number } };
    differences.push({ number: d.number, kind: d.kind, state: stateOf(d), reason: reason.slice(0, 200) });
  }
  if (draft.blockers.length > 0) {
    if (!override) return { ok: false, refusal: { code: 'blocked', blockers: draft.blockers } };
    if (override.reason.trim() === '') return { ok: false, refusal: { code: 'override-reason-missing' } };
  }
  return { ok: true, differences, overrides: override && draft.blockers.length > 0 ? draft.blockers : [] };
}

function stateOf(d: Difference): string {
  if (d.kind === 'missing') return d.state;
  if (d.kind === 'unexpected') return d.state ?? '';
  return 'reserved';
}

/** How many blanks a list of counted stacks holds. */
export function countedTotal(ranges: readonly CountedRange[]): number {
  return ranges.reduce((n, r) => n + rangeSize(r), 0);
}
