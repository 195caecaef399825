import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toRuns, formatBlankNumber, formatBlankRange, parseBlankNumber, type BlankRange } from '../blanks/blank-number.ts';
import { foldLedger, type BlankEvent } from '../blanks/ledger.ts';
import { emptyShiftFields, type CountedRange, type ShiftEvent } from '../documents/shift.ts';
import { formatHlc } from '../ids/hlc.ts';
import { checkClose, deskShifts, deskStacks, draftClose } from './shift-close.ts';
import { checkStockMove, desksOf, runsOf } from './stock-moves.ts';
import { forecastStock } from './low-stock.ts';
import { buildShiftReport, shiftMovements } from './shift-report.ts';
import type { JournalEntry } from '../documents/journal-entry.ts';

const T0 = 1_800_000_000_000;
const DESK = 'desk-1';

/** A desk's shift played out on paper and in the ledger at once: the physical stack is the truth. */
function simulate(steps: { op: 'hand' | 'issue' | 'spoil' | 'take-back' | 'lose' | 'reserve-open'; k: number }[]) {
  let t = 0;
  let seq = 0;
  const hlc = () => formatHlc({ wallMs: T0 + ++t * 1000, counter: 0, node: 'x' });
  const ev = (e: Record<string, unknown>): BlankEvent => ({ id: `e${String(++seq).padStart(5, '0')}`, hlc: hlc(), by: 'o', ...e }) as BlankEvent;
  const events: BlankEvent[] = [ev({ type: 'received', range: { series: 'C', from: 1, to: 400 }, checkpointId: 'cp' }), ev({ type: 'handed-to-desk', range: { series: 'C', from: 301, to: 400 }, deskId: 'desk-2' })];
  let nextAtCheckpoint = 1;
  const physical = new Set<number>(); // blanks lying on the desk
  const spoiledKept: string[] = [];
  const tally = { received: 0, handedBack: 0, issued: 0, spoiled: 0, lost: 0 };
  const shiftStart = hlc();
  let app = 0;
  const top = () => Math.min(...physical);
  for (const { op, k } of steps) {
    if (op === 'hand' && nextAtCheckpoint + k - 1 <= 300) {
      events.push(ev({ type: 'handed-to-desk', range: { series: 'C', from: nextAtCheckpoint, to: nextAtCheckpoint + k - 1 }, deskId: DESK }));
      for (let n = nextAtCheckpoint; n < nextAtCheckpoint + k; n++) physical.add(n);
      nextAtCheckpoint += k;
      tally.received += k;
    } else if ((op === 'issue' || op === 'spoil' || op === 'reserve-open') && physical.size > 0) {
      const number = formatBlankNumber('C', top());
      const applicationId = `A${++app}`;
      physical.delete(top());
      events.push(ev({ type: 'reserved', number, deskId: DESK, applicationId }));
      if (op === 'reserve-open') continue; // the printer jammed as the shift ended: mid-issuance
      events.push(ev({ type: 'printed', number }));
      if (op === 'issue') {
        events.push(ev({ type: 'issued', number, applicationId }));
        tally.issued++;
      } else {
        events.push(ev({ type: 'spoiled', number, reason: 'misprint' }));
        spoiledKept.push(number);
        tally.spoiled++;
      }
    } else if (op === 'take-back' && physical.size >= k) {
      const highest = [...physical].sort((a, b) => b - a).slice(0, k);
      // Taken back as runs: each run is one event, as a supervisor lifts whole stacks.
      for (const n of highest) {
        events.push(ev({ type: 'taken-back', range: { series: 'C', from: n, to: n }, deskId: DESK }));
        physical.delete(n);
      }
      tally.handedBack += k;
    } else if (op === 'lose' && physical.size > 0) {
      const n = [...physical][k % physical.size]!;
      events.push(ev({ type: 'lost', number: formatBlankNumber('C', n), reason: 'fell behind the desk' }));
      physical.delete(n);
      tally.lost++;
    }
  }
  return { events, physical, spoiledKept, tally, shiftStart, closeHlc: hlc() };
}

const runs = (numbers: Iterable<number>): CountedRange[] => toRuns([...numbers].map((n) => ({ series: 'C', n })));

const opened = (hlc: string): ShiftEvent => ({ ...emptyShiftFields(), id: '01J00000000000000000000000', shiftId: '01J00000000000000000000000', hlc, type: 'opened', checkpointId: 'dostyk-avto', deskId: DESK, authorDeskId: DESK, by: 'Серікұлы А.', officerName: 'Серікұлы А.', occurredAt: new Date(T0).toISOString(), receivedAt: 0 });

const stepArb = fc.record({ op: fc.constantFrom('hand' as const, 'issue' as const, 'issue' as const, 'spoil' as const, 'take-back' as const, 'lose' as const), k: fc.integer({ min: 1, max: 12 }) });

describe('shift close (issue 6)', () => {
  it('random shifts reconcile exactly: a true count has no difference, and every planted discrepancy is found by number', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), (steps, missingCount, extraCount) => {
        const sim = simulate(steps);
        const shift = opened(sim.shiftStart);
        const exact = draftClose({ events: sim.events, deskId: DESK, opened: shift, closeHlc: sim.closeHlc, counted: runs(sim.physical), countedSpoiled: sim.spoiledKept, unsynced: 0 });
        expect(exact.differences).toEqual([]);
        expect(exact.blockers).toEqual([]);
        expect(exact.reconciliation.expected['at-desk']).toBe(sim.physical.size);

        // Plant: blanks gone from the desk without a record, and another desk's blanks in this count.
        const gone = [...sim.physical].sort((a, b) => a - b).slice(0, missingCount);
        const foreign = [301, 302].slice(0, extraCount);
        const counted = runs([...[...sim.physical].filter((n) => !gone.includes(n)), ...foreign]);
        const draft = draftClose({ events: sim.events, deskId: DESK, opened: shift, closeHlc: sim.closeHlc, counted, countedSpoiled: sim.spoiledKept, unsynced: 0 });
        const found = draft.differences.map((d) => [d.number, d.kind]);
        expect(found).toEqual([...gone.map((n) => [formatBlankNumber('C', n), 'missing']), ...foreign.map((n) => [formatBlankNumber('C', n), 'unexpected'])].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));

        // What moved during the shift, counted in blanks, equals the desk's own tally.
        const m = shiftMovements(sim.events, DESK, sim.shiftStart, sim.closeHlc);
        expect({ received: m.received, handedBack: m.handedBack, issued: m.issued, spoiled: m.spoiled, lost: m.lost }).toEqual(sim.tally);
        expect(m.received - m.handedBack - m.issued - m.spoiled - m.lost).toBe(sim.physical.size);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to close with an unexplained difference, or mid-issuance or unsynced without an override and its reason', () => {
    const sim = simulate([{ op: 'hand', k: 5 }, { op: 'issue', k: 1 }, { op: 'reserve-open', k: 1 }]);
    const shift = opened(sim.shiftStart);
    const counted = runs([...sim.physical].slice(1)); // one blank not found
    const draft = draftClose({ events: sim.events, deskId: DESK, opened: shift, closeHlc: sim.closeHlc, counted, countedSpoiled: [], unsynced: 3 });
    expect(draft.blockers).toEqual(['open-issuance', 'unsynced']);
    expect(draft.differences.map((d) => [d.number, d.kind])).toEqual([
      ['C0000002', 'open-reservation'],
      ['C0000003', 'missing'],
    ]);
    const reasons = new Map([['C0000002', 'printer jammed, carrier waiting']]);
    expect(checkClose(draft, reasons, null)).toEqual({ ok: false, refusal: { code: 'reason-missing', number: 'C0000003' } });
    reasons.set('C0000003', 'not found; act of loss drawn up');
    expect(checkClose(draft, reasons, null)).toEqual({ ok: false, refusal: { code: 'blocked', blockers: ['open-issuance', 'unsynced'] } });
    expect(checkClose(draft, reasons, { reason: ' ' })).toEqual({ ok: false, refusal: { code: 'override-reason-missing' } });
    const ok = checkClose(draft, reasons, { reason: 'link down since 14:00' });
    expect(ok).toMatchObject({ ok: true, overrides: ['open-issuance', 'unsynced'] });
    expect(ok.ok && ok.differences.map((d) => d.state)).toEqual(['reserved', 'at-desk']);
  });

  it('finds the open shift and the last close whatever order records arrive in; stacks are runs of the desk’s numbers', () => {
    const a = { ...opened(formatHlc({ wallMs: T0 + 1, counter: 0, node: 'x' })), id: '01J0000000000000000000000A', shiftId: '01J0000000000000000000000A' };
    const aClosed = { ...a, id: '01J0000000000000000000000B', type: 'closed' as const, hlc: formatHlc({ wallMs: T0 + 2, counter: 0, node: 'x' }), countedUnusedTotal: 7 };
    const b = { ...a, id: '01J0000000000000000000000C', shiftId: '01J0000000000000000000000C', hlc: formatHlc({ wallMs: T0 + 3, counter: 0, node: 'x' }) };
    expect(deskShifts([b, aClosed, a], DESK)).toEqual({ open: b, lastClosed: aClosed });
    expect(deskShifts([aClosed, a], DESK)).toEqual({ open: null, lastClosed: aClosed });
    expect(deskShifts([aClosed, a], 'desk-2')).toEqual({ open: null, lastClosed: null });
    const sim = simulate([{ op: 'hand', k: 6 }, { op: 'issue', k: 1 }, { op: 'lose', k: 2 }]);
    const stacks: BlankRange[] = deskStacks(foldLedger(sim.events), DESK);
    expect(stacks.map((s) => `${s.from}-${s.to}`)).toEqual(['2-3', '5-6']);
    expect(parseBlankNumber('C0000002')!.n).toBe(stacks[0]!.from);
  });

  it('builds the report from the records: movements, both balances, every difference with its reason, and the override', () => {
    const sim = simulate([{ op: 'hand', k: 10 }, { op: 'issue', k: 1 }, { op: 'issue', k: 1 }, { op: 'spoil', k: 1 }]);
    const shift = { ...opened(sim.shiftStart), openingUnused: 4, openingFromShiftId: '01J0000000000000000000000P' };
    const closed: ShiftEvent = { ...shift, id: '01J0000000000000000000000Z', type: 'closed', hlc: sim.closeHlc, by: 'Ахметова Г.', countedUnused: [{ series: 'C', from: 5, to: 9 }], countedUnusedTotal: 5, countedSpoiled: ['C0000003'], differences: [{ number: 'C0000010', kind: 'missing', state: 'at-desk', reason: 'Қағаз кептелді' }], overrides: ['unsynced'], overrideReason: 'link down' };
    const doc = buildShiftReport({ opened: shift, closed, events: sim.events, crossings: 17, generatedAt: '2026-12-02T10:00:00Z' });
    const movements = Object.fromEntries(doc.tables[0]!.rows.map((r) => [String(r[0]).split(' / ')[1], r[1]]));
    expect(movements).toMatchObject({ 'Остаток на начало смены (подсчитан в прошлой смене)': 4, 'Получено на рабочее место': 10, Выдано: 2, Испорчено: 1, 'Остаток на конец смены (по учёту)': 7, 'Остаток на конец смены (по подсчёту)': 5, 'Зарегистрировано пересечений': 17 });
    expect(doc.tables[2]!.rows).toEqual([['C0000010', 'жетіспеушілік, жоғалған ретінде есептен шығарылды / недостача, списан как утерянный', 'жұмыс орнында / на рабочем месте', 'Қағаз кептелді']]);
    expect(doc.warning?.ru).toContain('link down');
    expect(doc.signatures.map((s) => s.name)).toEqual(['Серікұлы А.', 'Ахметова Г.']);
  });

  it('counts the shift’s journal entries and lists every transit permit sold with its fee, totalled (seed 002 p.52.13, p.58)', () => {
    const sim = simulate([{ op: 'hand', k: 2 }]);
    const shift = opened(sim.shiftStart);
    const closed: ShiftEvent = { ...shift, id: '01J0000000000000000000000Z', type: 'closed', hlc: sim.closeHlc, by: 'Ахметова Г.', countedUnused: [{ series: 'C', from: 1, to: 2 }], countedUnusedTotal: 2, countedSpoiled: [], differences: [], overrides: [], overrideReason: '' };
    const entry = (event: JournalEntry['event'], extra: Partial<JournalEntry> = {}) => ({ event, documentNumber: 'TP-1', vehiclePlate: 'KBL1', feeDocument: null, ...extra }) as JournalEntry;
    const journal = [
      entry('transit-sold', { documentNumber: 'TP-1', feeDocument: { number: 'ПП-1', date: '2026-12-02', amountKzt: 64_875 } }),
      entry('transit-sold', { documentNumber: 'TP-2', vehiclePlate: 'KBL2', feeDocument: { number: 'ПП-2', date: '2026-12-02', amountKzt: 43_250 } }),
      entry('exit-mark'),
    ];
    const doc = buildShiftReport({ opened: shift, closed, events: sim.events, crossings: 0, journal, generatedAt: '2026-12-02T10:00:00Z' });
    const counts = doc.tables.find((t) => t.heading.ru === 'Записи журнала')!;
    expect(Object.fromEntries(counts.rows.map((r) => [String(r[0]).split(' / ')[1], r[1]]))).toMatchObject({ 'Выдано транзитных разрешений': 2, 'Отметки о выезде': 1, 'Отметки о въезде': 0 });
    const fees = doc.tables.find((t) => t.heading.ru === 'Сбор за разрешения на транзитный проезд')!;
    expect(fees.rows).toEqual([
      ['TP-1', 'KBL1', 'ПП-1 2026-12-02', 64_875],
      ['TP-2', 'KBL2', 'ПП-2 2026-12-02', 43_250],
      ['Барлығы / Итого', '', '', 108_125],
    ]);
    expect(buildShiftReport({ opened: shift, closed, events: sim.events, crossings: 0, journal: [], generatedAt: 'x' }).tables.find((t) => t.heading.ru === 'Сбор за разрешения на транзитный проезд')!.rows).toEqual([]);
  });

  it('forecasts the day a desk runs out at recent rates, and warns below a minimum', () => {
    const DAY = 86_400_000;
    const events: BlankEvent[] = [
      { id: 'r', hlc: formatHlc({ wallMs: T0, counter: 0, node: 'x' }), by: 'o', type: 'received', range: { series: 'C', from: 1, to: 40 }, checkpointId: 'cp' },
      { id: 'h', hlc: formatHlc({ wallMs: T0 + 1, counter: 0, node: 'x' }), by: 'o', type: 'handed-to-desk', range: { series: 'C', from: 1, to: 30 }, deskId: DESK },
    ];
    // 14 issued over the last 7 days: 2 a day.
    for (let i = 1; i <= 14; i++) {
      const number = formatBlankNumber('C', i);
      const at = (k: number) => formatHlc({ wallMs: T0 + i * (DAY / 2) + k, counter: 0, node: 'x' });
      events.push({ id: `a${i}`, hlc: at(0), by: 'o', type: 'reserved', number, deskId: DESK, applicationId: `A${i}` }, { id: `b${i}`, hlc: at(1), by: 'o', type: 'printed', number }, { id: `c${i}`, hlc: at(2), by: 'o', type: 'issued', number, applicationId: `A${i}` });
    }
    const now = T0 + 7.5 * DAY;
    const desk = forecastStock(events, { deskId: DESK }, now);
    expect(desk).toMatchObject({ unused: 16, perDay: 2, isLow: false });
    expect(desk.runsOutOn).toBe(new Date(now + 5 * 3_600_000 + 8 * DAY).toISOString().slice(0, 10));
    expect(forecastStock(events, 'checkpoint', now)).toMatchObject({ unused: 26 });
    expect(forecastStock(events, { deskId: DESK }, now, { warnDays: 9 }).isLow).toBe(true);
    expect(forecastStock(events, { deskId: 'desk-2' }, now)).toMatchObject({ unused: 0, perDay: 0, runsOutOn: null, isLow: true });
  });
});

describe('stock moves at a supervisor station (issue 6 item 1)', () => {
  const at = (i: number) => formatHlc({ wallMs: T0 + i, counter: 0, node: 'x' });
  const ledger = foldLedger([
    { id: 'a', hlc: at(1), by: 'centre', type: 'allocated', range: { series: 'C', from: 1, to: 20 }, checkpointId: 'cp' },
    { id: 'b', hlc: at(2), by: 'centre', type: 'allocated', range: { series: 'C', from: 21, to: 30 }, checkpointId: 'other' },
    { id: 'c', hlc: at(3), by: 's', type: 'received', range: { series: 'C', from: 1, to: 10 }, checkpointId: 'cp' },
    { id: 'd', hlc: at(4), by: 's', type: 'handed-to-desk', range: { series: 'C', from: 1, to: 5 }, deskId: DESK },
  ]);
  const r = (from: number, to: number) => ({ series: 'C', from, to });

  it('confirms only what the centre allocated here, and moves a stack only from where it is', () => {
    expect(checkStockMove(ledger, 'cp', { type: 'received', range: r(11, 20) })).toBeNull();
    expect(checkStockMove(ledger, 'cp', { type: 'received', range: r(19, 22) })).toEqual({ code: 'wrong-state', number: 'C0000021', state: null, expected: 'allocated' });
    expect(checkStockMove(ledger, 'cp', { type: 'received', range: r(10, 11) })).toMatchObject({ number: 'C0000010', state: 'at-checkpoint' });
    expect(checkStockMove(ledger, 'cp', { type: 'handed-to-desk', range: r(6, 10), deskId: 'desk-2' })).toBeNull();
    expect(checkStockMove(ledger, 'cp', { type: 'handed-to-desk', range: r(5, 6), deskId: 'desk-2' })).toMatchObject({ number: 'C0000005', state: 'at-desk' });
    expect(checkStockMove(ledger, 'cp', { type: 'taken-back', range: r(4, 5), deskId: DESK })).toBeNull();
    expect(checkStockMove(ledger, 'cp', { type: 'taken-back', range: r(4, 5), deskId: 'desk-2' })).toMatchObject({ number: 'C0000004', expected: 'at-desk' });
    expect(checkStockMove(ledger, 'cp', { type: 'transferred', range: r(1, 2), deskId: DESK, toDeskId: DESK })).toEqual({ code: 'same-desk' });
    expect(checkStockMove(ledger, 'cp', { type: 'received', range: r(1, 10_001) })).toEqual({ code: 'too-large' });
    expect(runsOf(ledger, 'cp', 'allocated').map(formatBlankRange)).toEqual(['C0000011-C0000020']);
    expect(desksOf(ledger, 'cp')).toEqual([DESK]);
  });
});
