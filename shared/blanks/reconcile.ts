import type { BlankRange } from './blank-number.ts';
import { formatBlankRange, parseBlankNumber } from './blank-number.ts';
import { balanceOf, compareEvents, foldLedger, type Balance, type BlankEvent, type BlankState } from './ledger.ts';

/** What the supervisor counted on the desk at shift end: unused blanks, and spoiled ones kept for the record. */
export type PhysicalCount = { unused: readonly string[]; spoiled: readonly string[] };

export type Difference =
  | { number: string; kind: 'missing'; expected: 'unused' | 'spoiled'; state: BlankState }
  | { number: string; kind: 'unexpected'; counted: 'unused' | 'spoiled'; state: BlankState | null }
  | { number: string; kind: 'open-reservation'; applicationId: string | null };

export type Reconciliation = {
  deskId: string;
  /** State counts at the end of the shift, over all of the desk's blanks and per stack range. */
  expected: Balance;
  byRange: { range: string; balance: Balance }[];
  /** What happened during the shift, by event type. */
  movements: Partial<Record<BlankEvent['type'], number>>;
  counted: { unused: number; spoiled: number };
  differences: Difference[];
  isBalanced: boolean;
};

const byNumber = (a: { number: string }, b: { number: string }) => {
  const pa = parseBlankNumber(a.number);
  const pb = parseBlankNumber(b.number);
  if (!pa || !pb) return a.number < b.number ? -1 : 1;
  return pa.series === pb.series ? pa.n - pb.n : pa.series < pb.series ? -1 : 1;
};

/**
 * A desk's shift reconciliation: what the events say the desk should hold at `shiftEnd` compared with
 * what was counted, every difference listed by blank number. A reservation still open at shift end is a
 * difference too: the blank is neither in stock nor handed over.
 */
export function reconcileShift(input: {
  events: readonly BlankEvent[];
  deskId: string;
  shiftStart: string;
  shiftEnd: string;
  ranges: readonly BlankRange[];
  counted: PhysicalCount;
}): Reconciliation {
  const ledger = foldLedger(input.events, input.shiftEnd);
  const mine = [...ledger.blanks.values()].filter((b) => b.deskId === input.deskId);
  const state = (n: string) => ledger.blanks.get(n);

  const movements: Reconciliation['movements'] = {};
  const seen = new Set<string>();
  for (const e of [...input.events].sort(compareEvents)) {
    if (e.hlc < input.shiftStart || e.hlc > input.shiftEnd || seen.has(e.id)) continue;
    seen.add(e.id);
    const touchesDesk = 'number' in e ? state(e.number)?.deskId === input.deskId : e.type === 'handed-to-desk' ? e.deskId === input.deskId : e.type === 'transferred' && (e.toDeskId === input.deskId || e.fromDeskId === input.deskId);
    if (touchesDesk) movements[e.type] = (movements[e.type] ?? 0) + 1;
  }

  const spoiledThisShift = new Set(
    input.events.filter((e) => e.type === 'spoiled' && e.hlc >= input.shiftStart && e.hlc <= input.shiftEnd && state(e.number)?.deskId === input.deskId).map((e) => (e as { number: string }).number),
  );
  const countedUnused = new Set(input.counted.unused);
  const countedSpoiled = new Set(input.counted.spoiled);
  const differences: Difference[] = [];
  for (const b of mine) {
    if (b.state === 'at-desk' && !countedUnused.has(b.number)) differences.push({ number: b.number, kind: 'missing', expected: 'unused', state: b.state });
    if (b.state === 'reserved') differences.push({ number: b.number, kind: 'open-reservation', applicationId: b.applicationId });
    if (spoiledThisShift.has(b.number) && !countedSpoiled.has(b.number)) differences.push({ number: b.number, kind: 'missing', expected: 'spoiled', state: b.state });
  }
  for (const n of countedUnused) {
    const b = state(n);
    if (!b || b.deskId !== input.deskId || b.state !== 'at-desk') differences.push({ number: n, kind: 'unexpected', counted: 'unused', state: b?.state ?? null });
  }
  for (const n of countedSpoiled) {
    const b = state(n);
    if (!b || b.deskId !== input.deskId || b.state !== 'spoiled') differences.push({ number: n, kind: 'unexpected', counted: 'spoiled', state: b?.state ?? null });
  }
  differences.sort(byNumber);

  return {
    deskId: input.deskId,
    expected: balanceOf(ledger, { deskId: input.deskId }),
    byRange: input.ranges.map((range) => ({ range: formatBlankRange(range), balance: balanceOf(ledger, { range, deskId: input.deskId }) })),
    movements,
    counted: { unused: countedUnused.size, spoiled: countedSpoiled.size },
    differences,
    isBalanced: differences.length === 0,
  };
}
