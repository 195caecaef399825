import type { BlankRange } from './blank-number.ts';
import { formatBlankNumber, numbersOf, parseBlankNumber } from './blank-number.ts';

/**
 * The life of a numbered foreign-permit blank (seed 000 Rules §10(3), §13, §14; ARCHITECTURE "Blank
 * numbers"). Numbers are received by the checkpoint, handed to a desk as a stack, reserved for an
 * application, issued, and end in exactly one terminal state. Nothing is ever corrected or reused: a
 * spoiled blank stays spoiled and the application gets the next number.
 */
export const BLANK_STATES = ['allocated', 'at-checkpoint', 'at-desk', 'reserved', 'issued', 'redeemed', 'returned', 'lost', 'annulled', 'spoiled'] as const;
export type BlankState = (typeof BLANK_STATES)[number];
export const TERMINAL_STATES: readonly BlankState[] = ['redeemed', 'returned', 'lost', 'annulled', 'spoiled'];

type Base = { id: string; hlc: string; by: string };
export type BlankEvent = Base &
  (
    /** The centre sends a consignment to a checkpoint; it is in transit until the supervisor confirms it. */
    | { type: 'allocated'; range: BlankRange; checkpointId: string }
    /** The checkpoint holds the blanks: a confirmed allocation, or stock recorded without one. */
    | { type: 'received'; range: BlankRange; checkpointId: string }
    | { type: 'handed-to-desk'; range: BlankRange; deskId: string }
    /** The supervisor takes a desk's unused blanks back into the checkpoint's stock. */
    | { type: 'taken-back'; range: BlankRange; deskId: string }
    | { type: 'transferred'; range: BlankRange; fromDeskId: string; toDeskId: string }
    | { type: 'reserved'; number: string; deskId: string; applicationId: string }
    /** The addendum is about to go to the print queue: from now on it may exist on paper. */
    | { type: 'print-requested'; number: string }
    /** The queue refused the addendum for certain (nothing can have come out). */
    | { type: 'print-failed'; number: string }
    /** The addendum for this blank reached the print queue; the blank itself is still blank. */
    | { type: 'printed'; number: string }
    /** The reservation is dropped before anything was printed for it (e.g. the carrier left). */
    | { type: 'released'; number: string; deskId: string }
    | { type: 'issued'; number: string; applicationId: string }
    | { type: 'redeemed'; number: string }
    | { type: 'returned'; number: string; reason: string }
    | { type: 'lost'; number: string; reason: string }
    | { type: 'annulled'; number: string; reason: string }
    | { type: 'spoiled'; number: string; reason: string }
  );
export type BlankEventType = BlankEvent['type'];
export const RANGE_EVENT_TYPES = ['allocated', 'received', 'handed-to-desk', 'taken-back', 'transferred'] as const;
export type RangeEventType = (typeof RANGE_EVENT_TYPES)[number];

export type BlankRecord = {
  number: string;
  state: BlankState;
  checkpointId: string;
  deskId: string | null;
  applicationId: string | null;
  /** An addendum was printed for the current reservation: from then on the blank can only be issued or spoiled. */
  isPrinted: boolean;
  /**
   * A print was asked for and its outcome never recorded (the app died meanwhile): an addendum with this
   * number may exist, so the blank can no longer go back to the stack, only be printed again or spoiled.
   */
  isPrintPending: boolean;
  /** The id (a ULID) of the reservation event: it names the addendum printed for this blank. */
  reservationId: string | null;
  /** The event that put the blank in its current state. */
  lastEventId: string;
};

/** An event the ledger could not apply: the centre shows these as alerts; the state is unchanged. */
export type LedgerAnomaly = { eventId: string; number: string; code: 'unknown-number' | 'wrong-checkpoint' | 'illegal-transition' | 'wrong-desk' | 'wrong-application' | 'already-received' | 'not-printed' | 'already-printed'; state: BlankState | null };

export type Ledger = { blanks: Map<string, BlankRecord>; anomalies: LedgerAnomaly[] };

/** Which states each single-number event may leave. */
const FROM: Record<Exclude<BlankEventType, RangeEventType>, readonly BlankState[]> = {
  reserved: ['at-desk'],
  'print-requested': ['reserved'],
  'print-failed': ['reserved'],
  printed: ['reserved'],
  released: ['reserved'],
  issued: ['reserved'],
  redeemed: ['issued'],
  returned: ['issued'],
  lost: ['allocated', 'at-checkpoint', 'at-desk', 'reserved', 'issued'],
  annulled: ['issued'],
  spoiled: ['reserved', 'issued'],
};

const TO: Record<keyof typeof FROM, BlankState> = {
  reserved: 'reserved',
  'print-requested': 'reserved',
  'print-failed': 'reserved',
  printed: 'reserved',
  released: 'at-desk',
  issued: 'issued',
  redeemed: 'redeemed',
  returned: 'returned',
  lost: 'lost',
  annulled: 'annulled',
  spoiled: 'spoiled',
};

/** Causal order: hybrid-logical-clock stamps, then ids, so every replica folds events the same way. */
export function compareEvents(a: BlankEvent, b: BlankEvent): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function fresh(number: string, state: 'allocated' | 'at-checkpoint', checkpointId: string, eventId: string): BlankRecord {
  return { number, state, checkpointId, deskId: null, applicationId: null, isPrinted: false, isPrintPending: false, reservationId: null, lastEventId: eventId };
}

function applyOne(ledger: Ledger, e: BlankEvent): void {
  const { blanks, anomalies } = ledger;
  const flag = (number: string, code: LedgerAnomaly['code']): void => void anomalies.push({ eventId: e.id, number, code, state: blanks.get(number)?.state ?? null });
  switch (e.type) {
    case 'allocated':
      for (const number of numbersOf(e.range)) {
        if (blanks.has(number)) flag(number, 'already-received');
        else blanks.set(number, fresh(number, 'allocated', e.checkpointId, e.id));
      }
      return;
    case 'received':
      for (const number of numbersOf(e.range)) {
        const b = blanks.get(number);
        if (!b) blanks.set(number, fresh(number, 'at-checkpoint', e.checkpointId, e.id));
        else if (b.state !== 'allocated') flag(number, 'already-received');
        else if (b.checkpointId !== e.checkpointId) flag(number, 'wrong-checkpoint');
        else blanks.set(number, { ...b, state: 'at-checkpoint', lastEventId: e.id });
      }
      return;
    case 'handed-to-desk':
    case 'taken-back':
    case 'transferred':
      for (const number of numbersOf(e.range)) {
        const b = blanks.get(number);
        if (!b) flag(number, 'unknown-number');
        else if (e.type === 'handed-to-desk' ? b.state !== 'at-checkpoint' : b.state !== 'at-desk') flag(number, 'illegal-transition');
        else if (e.type !== 'handed-to-desk' && b.deskId !== (e.type === 'transferred' ? e.fromDeskId : e.deskId)) flag(number, 'wrong-desk');
        else blanks.set(number, { ...b, state: e.type === 'taken-back' ? 'at-checkpoint' : 'at-desk', deskId: e.type === 'handed-to-desk' ? e.deskId : e.type === 'transferred' ? e.toDeskId : null, lastEventId: e.id });
      }
      return;
    default: {
      const b = blanks.get(e.number);
      if (!b) return flag(e.number, 'unknown-number');
      if (!FROM[e.type].includes(b.state)) return flag(e.number, 'illegal-transition');
      if ((e.type === 'reserved' || e.type === 'released') && b.deskId !== e.deskId) return flag(e.number, 'wrong-desk');
      if (e.type === 'issued' && b.applicationId !== e.applicationId) return flag(e.number, 'wrong-application');
      // A failed print never counts as issued; once printed, the blank cannot quietly go back to the stack.
      if (e.type === 'issued' && !b.isPrinted) return flag(e.number, 'not-printed');
      if (e.type === 'released' && (b.isPrinted || b.isPrintPending)) return flag(e.number, 'already-printed');
      const applicationId = e.type === 'reserved' ? e.applicationId : e.type === 'released' ? null : b.applicationId;
      const isPrinted = e.type === 'printed' || (b.isPrinted && e.type !== 'released');
      const isPrintPending = e.type === 'print-requested' || (b.isPrintPending && e.type !== 'printed' && e.type !== 'print-failed' && e.type !== 'released');
      const reservationId = e.type === 'reserved' ? e.id : e.type === 'released' ? null : b.reservationId;
      blanks.set(e.number, { ...b, state: TO[e.type], applicationId, isPrinted, isPrintPending, reservationId, lastEventId: e.id });
    }
  }
}

/**
 * The state of every blank, computed from events alone, in causal order whatever order they arrived in.
 * `until` (an HLC stamp) gives the state at that moment.
 */
export function foldLedger(events: readonly BlankEvent[], until?: string): Ledger {
  const ledger: Ledger = { blanks: new Map(), anomalies: [] };
  const seen = new Set<string>();
  for (const e of [...events].sort(compareEvents)) {
    if (until !== undefined && e.hlc > until) break;
    if (seen.has(e.id)) continue; // a redelivered event counts once
    seen.add(e.id);
    applyOne(ledger, e);
  }
  return ledger;
}

/**
 * A ledger kept up to date as events arrive, for a desk that folds on every action: events that come
 * after everything folded so far (the desk's own, mostly) are applied one by one; one that sorts earlier
 * (another desk's, pulled late) refolds from the events held in memory. Redelivered events count once.
 */
export function createLedgerFold() {
  const events: BlankEvent[] = [];
  const ids = new Set<string>();
  let ledger: Ledger = { blanks: new Map(), anomalies: [] };
  return {
    /** Folds in what is new in `batch`; true when the ledger changed. */
    add(batch: readonly BlankEvent[]): boolean {
      const fresh: BlankEvent[] = [];
      for (const e of batch) {
        if (ids.has(e.id)) continue;
        ids.add(e.id);
        fresh.push(e);
      }
      if (fresh.length === 0) return false;
      fresh.sort(compareEvents);
      const last = events[events.length - 1];
      const inOrder = last === undefined || compareEvents(fresh[0]!, last) > 0;
      for (const e of fresh) events.push(e);
      if (inOrder) {
        for (const e of fresh) applyOne(ledger, e);
      } else {
        events.sort(compareEvents);
        ledger = { blanks: new Map(), anomalies: [] };
        for (const e of events) applyOne(ledger, e);
      }
      return true;
    },
    ledger: (): Ledger => ledger,
    /** The newest stamp folded: the desk's next event must come after it. */
    latestHlc: (): string | null => events[events.length - 1]?.hlc ?? null,
  };
}
export type LedgerFold = ReturnType<typeof createLedgerFold>;

export type Balance = Record<BlankState, number> & { total: number };

export function emptyBalance(): Balance {
  return Object.fromEntries([...BLANK_STATES.map((s) => [s, 0]), ['total', 0]]) as Balance;
}

/** Counts by state over a range (or all blanks), optionally only one desk's. */
export function balanceOf(ledger: Ledger, opts: { range?: BlankRange; deskId?: string } = {}): Balance {
  const balance = emptyBalance();
  const count = (b: BlankRecord | undefined) => {
    if (!b || (opts.deskId !== undefined && b.deskId !== opts.deskId)) return;
    balance[b.state]++;
    balance.total++;
  };
  if (opts.range) for (const n of numbersOf(opts.range)) count(ledger.blanks.get(n));
  else for (const b of ledger.blanks.values()) count(b);
  return balance;
}

/**
 * The number a desk issues next: the lowest number of its own stack still at the desk. Two desks never
 * share a stack, so they never take the same number, online or not (seed 000 Rules §13: numbers go in
 * the order applications are served).
 */
export function nextBlankNumber(ledger: Ledger, deskId: string): string | null {
  let best: { series: string; n: number } | null = null;
  for (const b of ledger.blanks.values()) {
    if (b.state !== 'at-desk' || b.deskId !== deskId) continue;
    const p = parseBlankNumber(b.number)!;
    if (!best || p.series < best.series || (p.series === best.series && p.n < best.n)) best = p;
  }
  return best ? formatBlankNumber(best.series, best.n) : null;
}
