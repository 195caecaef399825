import { numbersOf, rangeSize, toRuns, type BlankRange } from '../blanks/blank-number.ts';
import type { BlankState, Ledger } from '../blanks/ledger.ts';

/** What a supervisor station does with stacks (issue 6 item 1); each becomes one blank event. */
export type StockMove =
  | { type: 'received'; range: BlankRange }
  | { type: 'handed-to-desk'; range: BlankRange; deskId: string }
  | { type: 'taken-back'; range: BlankRange; deskId: string }
  | { type: 'transferred'; range: BlankRange; deskId: string; toDeskId: string };

export type StockMoveRefusal = { code: 'too-large' | 'same-desk' } | { code: 'wrong-state'; number: string; state: BlankState | null; expected: BlankState };

const MAX_MOVE = 10_000;

/**
 * Checks a move against the checkpoint's ledger before anything is written, so a mistyped pack end is
 * a message naming the first blank that does not fit, never an anomaly in the ledger. A consignment is
 * confirmed only for blanks the centre allocated to this checkpoint; a stack moves only from where it is.
 */
export function checkStockMove(ledger: Ledger, checkpointId: string, move: StockMove): StockMoveRefusal | null {
  if (rangeSize(move.range) > MAX_MOVE) return { code: 'too-large' };
  if (move.type === 'transferred' && move.deskId === move.toDeskId) return { code: 'same-desk' };
  const expected: BlankState = move.type === 'received' ? 'allocated' : move.type === 'handed-to-desk' ? 'at-checkpoint' : 'at-desk';
  for (const number of numbersOf(move.range)) {
    const b = ledger.blanks.get(number);
    const fits = b !== undefined && b.checkpointId === checkpointId && b.state === expected && (move.type === 'received' || move.type === 'handed-to-desk' || b.deskId === move.deskId);
    if (!fits) return { code: 'wrong-state', number, state: b && b.checkpointId === checkpointId ? b.state : null, expected };
  }
  return null;
}

/** Runs of consecutive numbers in one state (and desk), for the station's overview. */
export function runsOf(ledger: Ledger, checkpointId: string | null, state: BlankState, deskId: string | null = null): BlankRange[] {
  return toRuns(
    [...ledger.blanks.values()]
      .filter((b) => (checkpointId === null || b.checkpointId === checkpointId) && b.state === state && (deskId === null || b.deskId === deskId))
      .map((b) => ({ series: b.number[0]!, n: Number(b.number.slice(1)) })),
  );
}

/** The desks that hold or held blanks at this checkpoint, for the station's desk pickers. */
export function desksOf(ledger: Ledger, checkpointId: string): string[] {
  return [...new Set([...ledger.blanks.values()].filter((b) => b.checkpointId === checkpointId && b.deskId !== null).map((b) => b.deskId!))].sort();
}
