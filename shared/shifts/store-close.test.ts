import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toRuns, formatBlankNumber, rangeSize } from '../blanks/blank-number.ts';
import { foldLedger, type BlankEvent } from '../blanks/ledger.ts';
import { emptyShiftFields, type CountedRange, type ShiftEvent } from '../documents/shift.ts';
import { formatHlc } from '../ids/hlc.ts';
import { reportDocSchema } from '../reports/report-doc-schema.ts';
import { checkClose } from './shift-close.ts';
import { buildStoreShiftReport, draftStoreClose, openDeskShifts, storeMovements, storeStacks } from './store-close.ts';

const T0 = 1_800_000_000_000;
const CP = 'dostyk-avto';
const STATION = 'dostyk-avto-sup';

type Op = { op: 'receive' | 'hand' | 'take-back' | 'lose' | 'issue' | 'redeliver'; k: number };

/**
 * The checkpoint's store played out in the ledger and on the shelf at once: the shelf is the truth.
 * Consignments arrive, stacks go to desks and come back, a pack goes missing, desks issue from theirs.
 */
function simulate(steps: readonly Op[]) {
  let t = 0;
  let seq = 0;
  const hlc = () => formatHlc({ wallMs: T0 + ++t * 1000, counter: 0, node: 'x' });
  const ev = (e: Record<string, unknown>): BlankEvent => ({ id: `e${String(++seq).padStart(5, '0')}`, hlc: hlc(), by: 's', ...e }) as BlankEvent;
  const events: BlankEvent[] = [];
  const shelf = new Set<number>();
  const atDesk: number[] = [];
  const tally = { received: 0, handedToDesks: 0, takenBack: 0, lost: 0 };
  let next = 1;
  for (const { op, k } of steps) {
    if (op === 'receive') {
      events.push(ev({ type: 'allocated', range: { series: 'C', from: next, to: next + k * 5 - 1 }, checkpointId: CP }));
      events.push(ev({ type: 'received', range: { series: 'C', from: next, to: next + k * 5 - 1 }, checkpointId: CP }));
      for (let n = next; n < next + k * 5; n++) shelf.add(n);
      next += k * 5;
      tally.received += k * 5;
    } else if (op === 'hand' && shelf.size >= k) {
      const lowest = Math.min(...shelf);
      if (![...Array(k).keys()].every((i) => shelf.has(lowest + i))) continue;
      events.push(ev({ type: 'handed-to-desk', range: { series: 'C', from: lowest, to: lowest + k - 1 }, deskId: 'd1' }));
      for (let i = 0; i < k; i++) {
        shelf.delete(lowest + i);
        atDesk.push(lowest + i);
      }
      tally.handedToDesks += k;
    } else if (op === 'take-back' && atDesk.length > 0) {
      const n = atDesk.pop()!;
      events.push(ev({ type: 'taken-back', range: { series: 'C', from: n, to: n }, deskId: 'd1' }));
      shelf.add(n);
      tally.takenBack++;
    } else if (op === 'lose' && shelf.size > 0) {
      const n = Math.max(...shelf);
      events.push(ev({ type: 'lost', number: formatBlankNumber('C', n), reason: 'fell behind the shelf' }));
      shelf.delete(n);
      tally.lost++;
    } else if (op === 'issue' && atDesk.length > 0) {
      // A desk's own work: never the store's movement.
      const n = atDesk.shift()!;
      const number = formatBlankNumber('C', n);
      events.push(ev({ type: 'reserved', number, deskId: 'd1', applicationId: `A${n}` }), ev({ type: 'printed', number }), ev({ type: 'issued', number, applicationId: `A${n}` }));
    } else if (op === 'redeliver' && events.length > 0) {
      events.push(events[k % events.length]!);
    }
  }
  return { events, shelf, tally, closeHlc: hlc() };
}

const runs = (numbers: Iterable<number>): CountedRange[] => toRuns([...numbers].map((n) => ({ series: 'C', n })));

const shift = (over: Partial<ShiftEvent>): ShiftEvent => ({ ...emptyShiftFields(), id: '01J00000000000000000000000', shiftId: '01J00000000000000000000000', hlc: formatHlc({ wallMs: T0, counter: 0, node: 'x' }), type: 'opened', checkpointId: CP, deskId: STATION, authorDeskId: STATION, by: 'Ахметова Г.', officerName: 'Ахметова Г.', occurredAt: new Date(T0).toISOString(), receivedAt: 0, ...over });

const opArb = fc.record({ op: fc.constantFrom('receive' as const, 'hand' as const, 'hand' as const, 'take-back' as const, 'lose' as const, 'issue' as const, 'redeliver' as const), k: fc.integer({ min: 1, max: 8 }) });

describe('the checkpoint’s shift: its store', () => {
  it('random store work reconciles exactly: opening + received + taken back − handed out − lost = what is on the shelf', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), (steps, missing) => {
        const sim = simulate(steps);
        const m = storeMovements(sim.events, CP, '', sim.closeHlc);
        expect(m).toEqual(sim.tally);
        const ledger = foldLedger(sim.events, sim.closeHlc);
        expect(storeStacks(ledger, CP).reduce((n, r) => n + rangeSize(r), 0)).toBe(sim.shelf.size);
        expect(m.received + m.takenBack - m.handedToDesks - m.lost).toBe(sim.shelf.size);

        const exact = draftStoreClose({ events: sim.events, checkpointId: CP, closeHlc: sim.closeHlc, counted: runs(sim.shelf), unsynced: 0, openDesks: [] });
        expect(exact.differences).toEqual([]);
        // Packs gone from the shelf without a record are found by number.
        const gone = [...sim.shelf].sort((a, b) => a - b).slice(0, missing);
        const draft = draftStoreClose({ events: sim.events, checkpointId: CP, closeHlc: sim.closeHlc, counted: runs([...sim.shelf].filter((n) => !gone.includes(n))), unsynced: 0, openDesks: [] });
        expect(draft.differences.map((d) => [d.number, d.kind])).toEqual(gone.map((n) => [formatBlankNumber('C', n), 'missing']));
      }),
      { numRuns: 200 },
    );
  });

  it('waits for every desk’s shift to close, and counts a blank that is not the store’s as a difference', () => {
    const sim = simulate([{ op: 'receive', k: 4 }, { op: 'hand', k: 5 }]);
    const deskOpen = shift({ id: '01J0000000000000000000000D', shiftId: '01J0000000000000000000000D', deskId: 'dostyk-avto-1', authorDeskId: 'dostyk-avto-1', officerName: 'Серікұлы А.' });
    const stationOpen = shift({});
    const otherCheckpoint = shift({ id: '01J0000000000000000000000K', shiftId: '01J0000000000000000000000K', checkpointId: 'kolzhat', deskId: 'kolzhat-1', authorDeskId: 'kolzhat-1' });
    expect(openDeskShifts([deskOpen, stationOpen, otherCheckpoint], CP, STATION)).toEqual([deskOpen]);
    const closedDesk = shift({ id: '01J0000000000000000000000E', type: 'closed', shiftId: deskOpen.id, deskId: 'dostyk-avto-1', authorDeskId: 'dostyk-avto-1', hlc: formatHlc({ wallMs: T0 + 1, counter: 0, node: 'x' }) });
    expect(openDeskShifts([deskOpen, closedDesk, stationOpen], CP, STATION)).toEqual([]);

    // C0000001 went to the desk: counting it in the store is a difference, and so is the one missing pack.
    const counted = [{ series: 'C', from: 1, to: 1 }, { series: 'C', from: 7, to: 20 }];
    const draft = draftStoreClose({ events: sim.events, checkpointId: CP, closeHlc: sim.closeHlc, counted, unsynced: 2, openDesks: [deskOpen] });
    expect(draft.blockers).toEqual(['desk-shifts-open', 'unsynced']);
    expect(draft.differences.map((d) => [d.number, d.kind, 'state' in d ? d.state : ''])).toEqual([
      ['C0000001', 'unexpected', 'at-desk'],
      ['C0000006', 'missing', 'at-checkpoint'],
    ]);
    const reasons = new Map([['C0000001', 'desk stack counted by mistake'], ['C0000006', 'act №3']]);
    expect(checkClose(draft, reasons, null)).toEqual({ ok: false, refusal: { code: 'blocked', blockers: ['desk-shifts-open', 'unsynced'] } });
    expect(checkClose(draft, reasons, { reason: 'desk 1 officer ill, closes tomorrow' })).toMatchObject({ ok: true, overrides: ['desk-shifts-open', 'unsynced'] });
  });

  it('reports the store’s sums, the packs, the differences and the desk shifts closed meanwhile', () => {
    const sim = simulate([{ op: 'receive', k: 4 }, { op: 'hand', k: 5 }, { op: 'take-back', k: 1 }, { op: 'lose', k: 1 }]);
    const opened = shift({});
    const deskClosed = shift({ id: '01J0000000000000000000000E', type: 'closed', shiftId: '01J0000000000000000000000D', deskId: 'dostyk-avto-1', authorDeskId: 'dostyk-avto-1', officerName: 'Серікұлы А.', by: 'Ахметова Г.', hlc: formatHlc({ wallMs: T0 + 500, counter: 0, node: 'x' }), countedUnused: [{ series: 'C', from: 1, to: 4 }], countedUnusedTotal: 4, differences: [] });
    const closed = shift({ id: '01J0000000000000000000000Z', type: 'closed', hlc: sim.closeHlc, countedUnused: runs(sim.shelf), countedUnusedTotal: sim.shelf.size, overrides: ['unsynced'], overrideReason: 'link down' });
    const doc = buildStoreShiftReport({ opened, closed, events: sim.events, shifts: [opened, deskClosed, closed], generatedAt: '2026-12-02 20:00 (UTC+5)' });
    expect(reportDocSchema.safeParse(doc).success).toBe(true);
    const sums = Object.fromEntries(doc.tables[0]!.rows.map((r) => [String(r[0]).split(' / ')[1], r[1]]));
    expect(sums).toMatchObject({ 'Принято (партии)': 20, 'Возвращено с рабочих мест': 1, 'Выдано на рабочие места': 5, 'Утеряно на складе': 1, 'Остаток на конец смены (по учёту)': 15, 'Остаток на конец смены (по подсчёту)': 15 });
    expect(doc.tables[3]!.rows).toEqual([['dostyk-avto-1', 'Серікұлы А.', expect.any(String), 'Ахметова Г.', 4, 0]]);
    expect(doc.warning?.ru).toContain('link down');
  });
});
