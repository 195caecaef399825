/**
 * The checkpoint's shift (issue 6 item 2, "per checkpoint"): kept by the supervisor station, whose
 * shift records stand for the checkpoint's store. At its close the supervisor counts the store's packs
 * (blanks received and not handed to a desk) the way a desk's stacks are counted; every difference
 * needs a reason, and the close waits for every desk's shift to be closed unless overridden.
 */
import { formatBlankNumber, numbersOf, rangeSize } from '../blanks/blank-number.ts';
import { balanceOf, compareEvents, createLedgerFold, foldLedger, type BlankEvent, type Ledger } from '../blanks/ledger.ts';
import type { Difference } from '../blanks/reconcile.ts';
import type { CountedRange, Overridable, ShiftEvent } from '../documents/shift.ts';
import type { Bilingual, ReportDoc } from '../reports/report-doc.ts';
import type { CloseDraft } from './shift-close.ts';
import { deskShifts } from './shift-close.ts';
import { countTables, formatKzTime, overrideWarning, SHIFT_WORDS, shiftMeta, sumRow, sumsFrom } from './shift-report.ts';
import { runsOf } from './stock-moves.ts';

/** The store's packs as the ledger has them: runs of numbers at the checkpoint, not at any desk. */
export function storeStacks(ledger: Ledger, checkpointId: string) {
  return runsOf(ledger, checkpointId, 'at-checkpoint');
}

/** The desks of this checkpoint whose shift is open (the station's own records aside). */
export function openDeskShifts(shifts: readonly ShiftEvent[], checkpointId: string, stationId: string): ShiftEvent[] {
  const desks = [...new Set(shifts.filter((s) => s.checkpointId === checkpointId && s.deskId !== stationId).map((s) => s.deskId))].sort();
  return desks.map((d) => deskShifts(shifts, d).open).filter((s): s is ShiftEvent => s !== null);
}

/** Reconciles the store count against the ledger at `closeHlc`: what is missing, what is not the store's. */
export function draftStoreClose(input: { events: readonly BlankEvent[]; checkpointId: string; closeHlc: string; counted: readonly CountedRange[]; unsynced: number; openDesks: readonly ShiftEvent[] }): CloseDraft {
  const ledger = foldLedger(input.events, input.closeHlc);
  const counted = new Set(input.counted.flatMap((r) => [...numbersOf(r)]));
  const differences: Difference[] = [];
  for (const b of ledger.blanks.values()) {
    if (b.checkpointId === input.checkpointId && b.state === 'at-checkpoint' && !counted.has(b.number)) differences.push({ number: b.number, kind: 'missing', expected: 'unused', state: b.state });
  }
  for (const n of counted) {
    const b = ledger.blanks.get(n);
    if (!b || b.checkpointId !== input.checkpointId || b.state !== 'at-checkpoint') differences.push({ number: n, kind: 'unexpected', counted: 'unused', state: b?.state ?? null });
  }
  differences.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const store = { blanks: new Map([...ledger.blanks].filter(([, b]) => b.checkpointId === input.checkpointId && b.deskId === null)), anomalies: [] };
  const blockers: Overridable[] = [];
  if (input.openDesks.length > 0) blockers.push('desk-shifts-open');
  if (input.unsynced > 0) blockers.push('unsynced');
  return {
    reconciliation: { deskId: '', expected: balanceOf(store), byRange: [], movements: {}, counted: { unused: counted.size, spoiled: 0 }, differences, isBalanced: differences.length === 0 },
    differences,
    blockers,
  };
}

/** What moved through the store between two stamps, in blanks. */
export type StoreMovements = { received: number; handedToDesks: number; takenBack: number; lost: number };

export function storeMovements(events: readonly BlankEvent[], checkpointId: string, from: string, until: string): StoreMovements {
  const m: StoreMovements = { received: 0, handedToDesks: 0, takenBack: 0, lost: 0 };
  // Where each blank was just before each event: a stack handed out or a blank lost left the store only if it was in it.
  const fold = createLedgerFold();
  const seen = new Set<string>();
  const here = (number: string) => fold.ledger().blanks.get(number)?.checkpointId === checkpointId;
  for (const e of [...events].sort(compareEvents)) {
    if (e.hlc > until) break;
    if (e.hlc >= from && !seen.has(e.id)) {
      seen.add(e.id);
      const first = 'range' in e ? formatBlankNumber(e.range.series, e.range.from) : '';
      if (e.type === 'received' && e.checkpointId === checkpointId) m.received += rangeSize(e.range);
      if (e.type === 'handed-to-desk' && here(first) && fold.ledger().blanks.get(first)?.state === 'at-checkpoint') m.handedToDesks += rangeSize(e.range);
      if (e.type === 'taken-back' && here(first)) m.takenBack += rangeSize(e.range);
      if (e.type === 'lost' && here(e.number) && fold.ledger().blanks.get(e.number)?.state === 'at-checkpoint') m.lost++;
    }
    fold.add([e]); // a redelivered event is folded, and counted, once: the fold skips a known id
  }
  return m;
}

const W = SHIFT_WORDS;
const L = {
  title: { kk: 'Өткізу пунктінің ауысым есебі: қатаң есептегі бланкілер қоймасы', ru: 'Отчёт за смену пункта пропуска: склад бланков строгой отчётности' },
  movements: { kk: 'Қоймадағы бланкілер қозғалысы', ru: 'Движение бланков на складе' },
  openingFirst: { kk: 'Ауысым басындағы қалдық (пункттің алғашқы ауысымы: бұрын алынғанның бәрі «қабылданды» жолында)', ru: 'Остаток на начало смены (первая смена пункта: всё полученное ранее — в строке «Принято»)' },
  received: { kk: 'Қабылданды (партиялар)', ru: 'Принято (партии)' },
  takenBack: { kk: 'Жұмыс орындарынан қайтарылды', ru: 'Возвращено с рабочих мест' },
  handed: { kk: 'Жұмыс орындарына берілді', ru: 'Выдано на рабочие места' },
  lost: { kk: 'Қоймадан жоғалды', ru: 'Утеряно на складе' },
  noPacks: { kk: 'Қоймада бланк жоқ', ru: 'На складе бланков нет' },
  deskShifts: { kk: 'Осы ауысымда жабылған жұмыс орындарының ауысымдары', ru: 'Смены рабочих мест, закрытые за эту смену' },
  closedBy: { kk: 'Жапқан', ru: 'Закрыл' },
  counted: { kk: 'Саналды', ru: 'Подсчитано' },
  diffCount: { kk: 'Айырмашылықтар саны', ru: 'Кол-во расхождений' },
  noDeskShifts: { kk: 'Жабылған ауысым жоқ', ru: 'Закрытых смен нет' },
  supervisor: { kk: 'Ауысымды тапсырған ауысым бастығы', ru: 'Начальник смены, сдавший смену' },
  nextSupervisor: { kk: 'Ауысымды қабылдаған ауысым бастығы', ru: 'Начальник смены, принявший смену' },
} satisfies Record<string, Bilingual>;

/**
 * The checkpoint shift's report: the store's opening balance, what came in and went out, the closing
 * balance by the ledger and as counted, every difference with its reason, and the desk shifts closed
 * meanwhile. Sums run from the previous store close, so opening + in − out = closing.
 */
export function buildStoreShiftReport(input: { opened: ShiftEvent; closed: ShiftEvent; previousClose?: ShiftEvent | null; events: readonly BlankEvent[]; shifts: readonly ShiftEvent[]; generatedAt: string }): ReportDoc {
  const { opened, closed } = input;
  const cp = closed.checkpointId;
  const m = storeMovements(input.events, cp, sumsFrom(opened, input.previousClose), closed.hlc);
  const expected = storeStacks(foldLedger(input.events, closed.hlc), cp).reduce((n, r) => n + rangeSize(r), 0);
  const deskCloses = input.shifts
    .filter((s) => s.type === 'closed' && s.checkpointId === cp && s.deskId !== closed.deskId && s.hlc > opened.hlc && s.hlc <= closed.hlc)
    .sort((a, b) => (a.deskId < b.deskId ? -1 : a.deskId > b.deskId ? 1 : a.hlc < b.hlc ? -1 : 1));
  const warning = overrideWarning(closed);
  return {
    kind: 'checkpoint-shift-report',
    title: L.title,
    meta: shiftMeta(opened, closed),
    tables: [
      {
        heading: L.movements,
        columns: [W.item, W.count],
        rows: [
          sumRow(opened.openingFromShiftId ? W.opening : L.openingFirst, opened.openingUnused),
          sumRow(L.received, m.received),
          sumRow(L.takenBack, m.takenBack),
          sumRow(L.handed, m.handedToDesks),
          sumRow(L.lost, m.lost),
          sumRow(W.closingExpected, expected),
          sumRow(W.closingCounted, closed.countedUnusedTotal),
        ],
      },
      ...countTables(closed, L.noPacks),
      {
        heading: L.deskShifts,
        columns: [W.desk, W.officer, W.closed, L.closedBy, L.counted, L.diffCount],
        rows: deskCloses.map((s) => [s.deskId, s.officerName, formatKzTime(s.occurredAt), s.by, s.countedUnusedTotal, s.differences.length]),
        empty: L.noDeskShifts,
      },
    ],
    signatures: [
      { role: L.supervisor, name: closed.by },
      { role: L.nextSupervisor, name: '' },
    ],
    generatedAt: input.generatedAt,
    ...(warning ? { warning } : {}),
  };
}
