import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../ids/hlc.ts';
import { formatBlankNumber, parseBlankRange, type BlankRange } from './blank-number.ts';
import { BLANK_STATES, balanceOf, foldLedger, nextBlankNumber, TERMINAL_STATES, type BlankEvent } from './ledger.ts';
import { reconcileShift } from './reconcile.ts';

const range = (text: string): BlankRange => parseBlankRange(text)!;
let seq = 0;
const at = (i: number) => formatHlc({ wallMs: 1_800_000_000_000 + i * 1000, counter: 0, node: 'd' });
const ev = (i: number, e: Omit<BlankEvent, 'id' | 'hlc' | 'by'> & Record<string, unknown>): BlankEvent => ({ id: `e${String(++seq).padStart(6, '0')}`, hlc: at(i), by: 'officer', ...e }) as BlankEvent;

/** A checkpoint that received C0000001-C0000010 and gave 1-5 to desk-1 and 6-10 to desk-2. */
const stock = (): BlankEvent[] => [
  ev(1, { type: 'received', range: range('C0000001-C0000010'), checkpointId: 'dostyk-avto' }),
  ev(2, { type: 'handed-to-desk', range: range('C0000001-C0000005'), deskId: 'desk-1' }),
  ev(3, { type: 'handed-to-desk', range: range('C0000006-C0000010'), deskId: 'desk-2' }),
];

describe('blank ledger (seed 000 Rules §10(3), §13, §14)', () => {
  it('takes the next number of the desk’s own stack, in order (Rules §13)', () => {
    const events = stock();
    expect(nextBlankNumber(foldLedger(events), 'desk-1')).toBe('C0000001');
    expect(nextBlankNumber(foldLedger(events), 'desk-2')).toBe('C0000006');
    events.push(ev(4, { type: 'reserved', number: 'C0000001', deskId: 'desk-1', applicationId: 'A26-000001' }));
    expect(nextBlankNumber(foldLedger(events), 'desk-1')).toBe('C0000002');
    expect(nextBlankNumber(foldLedger(events), 'desk-3')).toBeNull();
  });

  it('redeems an issued blank on exit and never reopens it (Rules §13: no reuse)', () => {
    const events = [
      ...stock(),
      ev(4, { type: 'reserved', number: 'C0000001', deskId: 'desk-1', applicationId: 'A26-000001' }),
      ev(5, { type: 'printed', number: 'C0000001' }),
      ev(5, { type: 'issued', number: 'C0000001', applicationId: 'A26-000001' }),
      ev(6, { type: 'redeemed', number: 'C0000001' }),
      ev(7, { type: 'returned', number: 'C0000001', reason: 'late' }),
      ev(8, { type: 'reserved', number: 'C0000001', deskId: 'desk-1', applicationId: 'A26-000002' }),
    ];
    const ledger = foldLedger(events);
    expect(ledger.blanks.get('C0000001')!.state).toBe('redeemed');
    expect(ledger.anomalies.map((a) => a.code)).toEqual(['illegal-transition', 'illegal-transition']);
  });

  it('never issues a blank whose addendum was not printed, nor puts a printed one back in the stack', () => {
    const events = [
      ...stock(),
      ev(4, { type: 'reserved', number: 'C0000001', deskId: 'desk-1', applicationId: 'A1' }),
      ev(5, { type: 'issued', number: 'C0000001', applicationId: 'A1' }),
      ev(6, { type: 'printed', number: 'C0000001' }),
      ev(7, { type: 'released', number: 'C0000001', deskId: 'desk-1' }),
    ];
    const ledger = foldLedger(events);
    expect(ledger.blanks.get('C0000001')).toMatchObject({ state: 'reserved', isPrinted: true });
    expect(ledger.anomalies.map((a) => a.code)).toEqual(['not-printed', 'already-printed']);
  });

  it('a spoiled blank stays spoiled and the application gets the next number (Rules §13: no corrections)', () => {
    const events = [
      ...stock(),
      ev(4, { type: 'reserved', number: 'C0000001', deskId: 'desk-1', applicationId: 'A26-000001' }),
      ev(5, { type: 'spoiled', number: 'C0000001', reason: 'ink smudge' }),
    ];
    const ledger = foldLedger(events);
    expect(ledger.blanks.get('C0000001')!.state).toBe('spoiled');
    expect(nextBlankNumber(ledger, 'desk-1')).toBe('C0000002');
  });

  it('returns, loses and annuls only what the Rules allow (Rules §14(3), §14(4), §15)', () => {
    const events = [
      ...stock(),
      ev(4, { type: 'reserved', number: 'C0000002', deskId: 'desk-1', applicationId: 'A26-000002' }),
      ev(5, { type: 'printed', number: 'C0000002' }),
      ev(5, { type: 'issued', number: 'C0000002', applicationId: 'A26-000002' }),
      ev(6, { type: 'returned', number: 'C0000002', reason: 'did not leave' }),
      ev(7, { type: 'lost', number: 'C0000003', reason: 'missing from stack' }),
      ev(8, { type: 'annulled', number: 'C0000004', reason: 'violation' }), // never issued: refused
    ];
    const ledger = foldLedger(events);
    expect(ledger.blanks.get('C0000002')!.state).toBe('returned');
    expect(ledger.blanks.get('C0000003')!.state).toBe('lost');
    expect(ledger.blanks.get('C0000004')!.state).toBe('at-desk');
    expect(ledger.anomalies).toMatchObject([{ number: 'C0000004', code: 'illegal-transition' }]);
  });

  it('refuses a desk taking a number from another desk’s stack, and issuing to another application', () => {
    const events = [
      ...stock(),
      ev(4, { type: 'reserved', number: 'C0000006', deskId: 'desk-1', applicationId: 'A26-000001' }),
      ev(5, { type: 'reserved', number: 'C0000001', deskId: 'desk-1', applicationId: 'A26-000001' }),
      ev(5, { type: 'printed', number: 'C0000001' }),
      ev(6, { type: 'issued', number: 'C0000001', applicationId: 'A26-000009' }),
    ];
    expect(foldLedger(events).anomalies.map((a) => a.code)).toEqual(['wrong-desk', 'wrong-application']);
  });

  it('holds an allocated consignment in transit until its own checkpoint confirms it, and takes stacks back', () => {
    const events = [
      ev(1, { type: 'allocated', range: range('C0000001-C0000010'), checkpointId: 'dostyk-avto' }),
      ev(2, { type: 'handed-to-desk', range: range('C0000001-C0000002'), deskId: 'desk-1' }),
      ev(3, { type: 'received', range: range('C0000001-C0000004'), checkpointId: 'kolzhat' }),
      ev(4, { type: 'received', range: range('C0000001-C0000006'), checkpointId: 'dostyk-avto' }),
      ev(5, { type: 'received', range: range('C0000006-C0000006'), checkpointId: 'dostyk-avto' }),
      ev(6, { type: 'handed-to-desk', range: range('C0000001-C0000003'), deskId: 'desk-1' }),
      ev(7, { type: 'taken-back', range: range('C0000003-C0000003'), deskId: 'desk-2' }),
      ev(8, { type: 'taken-back', range: range('C0000002-C0000003'), deskId: 'desk-1' }),
    ];
    const ledger = foldLedger(events);
    // An unconfirmed blank cannot go to a desk; another checkpoint cannot confirm it; confirming twice is flagged.
    expect(ledger.anomalies.map((a) => [a.number, a.code])).toEqual([
      ['C0000001', 'illegal-transition'],
      ['C0000002', 'illegal-transition'],
      ['C0000001', 'wrong-checkpoint'],
      ['C0000002', 'wrong-checkpoint'],
      ['C0000003', 'wrong-checkpoint'],
      ['C0000004', 'wrong-checkpoint'],
      ['C0000006', 'already-received'],
      ['C0000003', 'wrong-desk'],
    ]);
    expect(balanceOf(ledger)).toMatchObject({ allocated: 4, 'at-checkpoint': 5, 'at-desk': 1, total: 10 });
    expect(ledger.blanks.get('C0000002')).toMatchObject({ state: 'at-checkpoint', deskId: null });
    expect(nextBlankNumber(ledger, 'desk-1')).toBe('C0000001');
  });

  it('gives the balance of any range at any moment from events alone', () => {
    const events = [...stock(), ev(4, { type: 'reserved', number: 'C0000001', deskId: 'desk-1', applicationId: 'A' }), ev(5, { type: 'printed', number: 'C0000001' }), ev(5, { type: 'issued', number: 'C0000001', applicationId: 'A' })];
    expect(balanceOf(foldLedger(events), { range: range('C0000001-C0000007') })).toMatchObject({ issued: 1, 'at-desk': 6, total: 7 });
    expect(balanceOf(foldLedger(events, at(1)))).toMatchObject({ 'at-checkpoint': 10, total: 10 });
    expect(balanceOf(foldLedger(events), { deskId: 'desk-2' })).toMatchObject({ 'at-desk': 5, total: 5 });
  });
});

describe('shift reconciliation', () => {
  it('lists every difference by blank number', () => {
    const events = [
      ...stock(),
      ev(10, { type: 'reserved', number: 'C0000001', deskId: 'desk-1', applicationId: 'A1' }),
      ev(11, { type: 'printed', number: 'C0000001' }),
      ev(11, { type: 'issued', number: 'C0000001', applicationId: 'A1' }),
      ev(12, { type: 'reserved', number: 'C0000002', deskId: 'desk-1', applicationId: 'A2' }),
      ev(13, { type: 'spoiled', number: 'C0000002', reason: 'printer jam' }),
      ev(14, { type: 'reserved', number: 'C0000003', deskId: 'desk-1', applicationId: 'A2' }),
    ];
    const r = reconcileShift({
      events,
      deskId: 'desk-1',
      shiftStart: at(9),
      shiftEnd: at(20),
      ranges: [range('C0000001-C0000005')],
      counted: { unused: ['C0000004', 'C0000007'], spoiled: [] },
    });
    expect(r.isBalanced).toBe(false);
    expect(r.expected).toMatchObject({ issued: 1, spoiled: 1, reserved: 1, 'at-desk': 2, total: 5 });
    expect(r.movements).toEqual({ reserved: 3, printed: 1, issued: 1, spoiled: 1 });
    expect(r.differences).toEqual([
      { number: 'C0000002', kind: 'missing', expected: 'spoiled', state: 'spoiled' },
      { number: 'C0000003', kind: 'open-reservation', applicationId: 'A2' },
      { number: 'C0000005', kind: 'missing', expected: 'unused', state: 'at-desk' },
      { number: 'C0000007', kind: 'unexpected', counted: 'unused', state: 'at-desk' },
    ]);
  });

  it('balances when the count matches the events', () => {
    const events = [...stock(), ev(10, { type: 'reserved', number: 'C0000001', deskId: 'desk-1', applicationId: 'A1' }), ev(11, { type: 'printed', number: 'C0000001' }), ev(11, { type: 'issued', number: 'C0000001', applicationId: 'A1' })];
    const r = reconcileShift({ events, deskId: 'desk-1', shiftStart: at(9), shiftEnd: at(20), ranges: [], counted: { unused: ['C0000002', 'C0000003', 'C0000004', 'C0000005'], spoiled: [] } });
    expect(r).toMatchObject({ isBalanced: true, differences: [] });
  });
});

// Property tests: random event streams over a small stock, valid and invalid steps mixed.
const NUMBERS = Array.from({ length: 12 }, (_, i) => formatBlankNumber('C', i + 1));
const DESKS = ['desk-1', 'desk-2'];
const eventArb = fc.oneof(
  fc.record({ type: fc.constantFrom('allocated' as const, 'received' as const), cp: fc.constantFrom('cp', 'other'), from: fc.integer({ min: 1, max: 12 }), len: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ type: fc.constantFrom('handed-to-desk' as const, 'taken-back' as const), from: fc.integer({ min: 1, max: 12 }), len: fc.integer({ min: 0, max: 5 }), desk: fc.constantFrom(...DESKS) }),
  fc.record({ type: fc.constant('transferred' as const), from: fc.integer({ min: 1, max: 12 }), len: fc.integer({ min: 0, max: 3 }), desk: fc.constantFrom(...DESKS), to: fc.constantFrom(...DESKS) }),
  fc.record({
    type: fc.constantFrom('reserved' as const, 'print-requested' as const, 'print-failed' as const, 'printed' as const, 'released' as const, 'issued' as const, 'redeemed' as const, 'returned' as const, 'lost' as const, 'annulled' as const, 'spoiled' as const),
    n: fc.constantFrom(...NUMBERS),
    desk: fc.constantFrom(...DESKS),
    app: fc.constantFrom('A1', 'A2'),
  }),
);
const streamArb = fc.array(eventArb, { maxLength: 60 }).map((specs) =>
  specs.map((s, i): BlankEvent => {
    const base = { id: `p${String(i).padStart(4, '0')}`, hlc: formatHlc({ wallMs: 1_800_000_000_000 + i, counter: 0, node: 'x' }), by: 'o' };
    if ('from' in s) {
      const r = { series: 'C', from: s.from, to: Math.min(12, s.from + s.len) };
      if (s.type === 'allocated' || s.type === 'received') return { ...base, type: s.type, range: r, checkpointId: s.cp };
      if (s.type === 'handed-to-desk' || s.type === 'taken-back') return { ...base, type: s.type, range: r, deskId: s.desk };
      if (s.type === 'transferred') return { ...base, type: s.type, range: r, fromDeskId: s.desk, toDeskId: s.to };
      throw new Error('unreachable');
    }
    if (s.type === 'reserved') return { ...base, type: s.type, number: s.n, deskId: s.desk, applicationId: s.app };
    if (s.type === 'released') return { ...base, type: s.type, number: s.n, deskId: s.desk };
    if (s.type === 'issued') return { ...base, type: s.type, number: s.n, applicationId: s.app };
    if (s.type === 'redeemed' || s.type === 'printed' || s.type === 'print-requested' || s.type === 'print-failed') return { ...base, type: s.type, number: s.n };
    return { ...base, type: s.type, number: s.n, reason: 'r' };
  }),
);
const snapshot = (events: BlankEvent[]) => {
  const l = foldLedger(events);
  return { blanks: [...l.blanks.entries()].sort(), anomalies: l.anomalies };
};

describe('ledger invariants (property tests)', () => {
  it('every received number is in exactly one known state, and no count is negative', () => {
    fc.assert(
      fc.property(streamArb, (events) => {
        const ledger = foldLedger(events);
        const received = new Set(events.flatMap((e) => (e.type === 'received' || e.type === 'allocated' ? NUMBERS.filter((_, i) => i + 1 >= e.range.from && i + 1 <= e.range.to) : [])));
        expect(new Set(ledger.blanks.keys())).toEqual(received);
        for (const b of ledger.blanks.values()) expect(BLANK_STATES).toContain(b.state);
        const balance = balanceOf(ledger);
        expect(BLANK_STATES.reduce((sum, s) => sum + balance[s], 0)).toBe(balance.total);
        expect(Object.values(balance).every((n) => n >= 0)).toBe(true);
      }),
    );
  });

  it('reaches the same state from any delivery order, and counts a redelivered event once', () => {
    fc.assert(
      fc.property(streamArb, fc.infiniteStream(fc.nat()), (events, randoms) => {
        const it = randoms[Symbol.iterator]();
        const shuffled = [...events].sort(() => (it.next().value as number) % 3 - 1);
        expect(snapshot(shuffled)).toEqual(snapshot(events));
        expect(snapshot([...events, ...events.slice(0, 5)])).toEqual(snapshot(events));
      }),
    );
  });

  it('never leaves a terminal state, and two desks never hold the same next number', () => {
    fc.assert(
      fc.property(streamArb, (events) => {
        const terminal = new Map<string, string>();
        for (let k = 1; k <= events.length; k++) {
          const ledger = foldLedger(events.slice(0, k));
          for (const [n, s] of terminal) expect(ledger.blanks.get(n)!.state).toBe(s);
          for (const b of ledger.blanks.values()) if (TERMINAL_STATES.includes(b.state)) terminal.set(b.number, b.state);
          const a = nextBlankNumber(ledger, 'desk-1');
          const b = nextBlankNumber(ledger, 'desk-2');
          if (a !== null) expect(a).not.toBe(b);
        }
      }),
      { numRuns: 50 },
    );
  });
});
