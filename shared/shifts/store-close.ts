/**
 * The checkpoint's shift (issue 6 item 2, "per checkpoint"): kept by the supervisor station, whose
 * shift records stand for the checkpoint's store. At its close the supervisor counts the store's packs
 * (blanks received and not handed to a desk) the way a desk's stacks are counted; every difference
 * needs a reason, and the close waits for every desk's shift to be closed unless overridden.
 */
import { formatBlankNumber, formatBlankRange, numbersOf, rangeSize } from '../blanks/blank-number.ts';
import { balanceOf, compareEvents, createLedgerFold, foldLedger, type BlankEvent, type Ledger } from '../blanks/ledger.ts';
import type { Difference } from '../blanks/reconcile.ts';
import type { CountedRange, Overridable, ShiftEvent } from '../documents/shift.ts';
import { findCheckpoint } from '../reference/checkpoints.ts';
import { BLANK_STATE_WORDS, NOT_IN_LEDGER } from '../reports/blank-state-words.ts';
import type { Bilingual, ReportDoc } from '../reports/report-doc.ts';
import type { CloseDraft } from './shift-close.ts';
import { deskShifts } from './shift-close.ts';
import { formatKzTime, isWrittenOffAtClose, OVERRIDE } from './shift-report.ts';
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

const L = {
  title: { kk: 'Өткізу пунктінің ауысым есебі: қатаң есептегі бланкілер қоймасы', ru: 'Отчёт за смену пункта пропуска: склад бланков строгой отчётности' },
  checkpoint: { kk: 'Өткізу пункті', ru: 'Пункт пропуска' },
  opened: { kk: 'Ауысым ашылды', ru: 'Смена открыта' },
  closed: { kk: 'Ауысым жабылды', ru: 'Смена закрыта' },
  movements: { kk: 'Қоймадағы бланкілер қозғалысы', ru: 'Движение бланков на складе' },
  item: { kk: 'Көрсеткіш', ru: 'Показатель' },
  count: { kk: 'Саны', ru: 'Количество' },
  opening: { kk: 'Ауысым басындағы қалдық (алдыңғы ауысымда саналған)', ru: 'Остаток на начало смены (подсчитан в прошлой смене)' },
  openingFirst: { kk: 'Ауысым басындағы қалдық (пункттің алғашқы ауысымы: бұрын алынғанның бәрі «қабылданды» жолында)', ru: 'Остаток на начало смены (первая смена пункта: всё полученное ранее — в строке «Принято»)' },
  received: { kk: 'Қабылданды (партиялар)', ru: 'Принято (партии)' },
  takenBack: { kk: 'Жұмыс орындарынан қайтарылды', ru: 'Возвращено с рабочих мест' },
  handed: { kk: 'Жұмыс орындарына берілді', ru: 'Выдано на рабочие места' },
  lost: { kk: 'Қоймадан жоғалды', ru: 'Утеряно на складе' },
  closingExpected: { kk: 'Ауысым соңындағы қалдық (есеп бойынша)', ru: 'Остаток на конец смены (по учёту)' },
  closingCounted: { kk: 'Ауысым соңындағы қалдық (саналған)', ru: 'Остаток на конец смены (подсчитано)' },
  packs: { kk: 'Саналған бумалар', ru: 'Подсчитанные пачки' },
  numbers: { kk: 'Бланк нөмірлері', ru: 'Номера бланков' },
  noPacks: { kk: 'Қоймада бланк жоқ', ru: 'На складе бланков нет' },
  differences: { kk: 'Айырмашылықтар', ru: 'Расхождения' },
  number: { kk: 'Бланк нөмірі', ru: 'Номер бланка' },
  kind: { kk: 'Түрі', ru: 'Вид' },
  state: { kk: 'Есеп бойынша күйі', ru: 'Состояние по учёту' },
  reason: { kk: 'Себебі', ru: 'Причина' },
  noDifferences: { kk: 'Айырмашылық жоқ', ru: 'Расхождений нет' },
  deskShifts: { kk: 'Осы ауысымда жабылған жұмыс орны ауысымдары', ru: 'Смены рабочих мест, закрытые за эту смену' },
  desk: { kk: 'Жұмыс орны', ru: 'Рабочее место' },
  officer: { kk: 'Лауазымды адам', ru: 'Должностное лицо' },
  closedBy: { kk: 'Жапқан', ru: 'Закрыл' },
  counted: { kk: 'Саналды', ru: 'Подсчитано' },
  diffCount: { kk: 'Айырмашылық', ru: 'Расхождений' },
  noDeskShifts: { kk: 'Жабылған ауысым жоқ', ru: 'Закрытых смен нет' },
  supervisor: { kk: 'Ауысымды тапсырған ауысым бастығы', ru: 'Сдавший смену начальник смены' },
  nextSupervisor: { kk: 'Ауысымды қабылдаған ауысым бастығы', ru: 'Принявший смену начальник смены' },
} satisfies Record<string, Bilingual>;

const KIND: Record<string, Bilingual> = {
  missing: { kk: 'жоқ, жоғалған деп есептен шығарылды', ru: 'недостача, списан как утерянный' },
  unexpected: { kk: 'артық', ru: 'излишек' },
};
const both = (b: Bilingual) => `${b.kk} / ${b.ru}`;

/**
 * The checkpoint shift's report: the store's opening balance, what came in and went out, the closing
 * balance by the ledger and as counted, every difference with its reason, and the desk shifts closed
 * meanwhile. Sums run from the previous store close, so opening + in − out = closing.
 */
export function buildStoreShiftReport(input: { opened: ShiftEvent; closed: ShiftEvent; previousClose?: ShiftEvent | null; events: readonly BlankEvent[]; shifts: readonly ShiftEvent[]; generatedAt: string }): ReportDoc {
  const { opened, closed } = input;
  const cp = closed.checkpointId;
  const from = opened.openingFromShiftId === '' ? '' : input.previousClose && input.previousClose.hlc < opened.hlc ? input.previousClose.hlc : opened.hlc;
  const m = storeMovements(input.events, cp, from, closed.hlc);
  const expected = storeStacks(foldLedger(input.events, closed.hlc), cp).reduce((n, r) => n + rangeSize(r), 0);
  const place = findCheckpoint(cp);
  const row = (label: Bilingual, n: number) => [both(label), n];
  const deskCloses = input.shifts
    .filter((s) => s.type === 'closed' && s.checkpointId === cp && s.deskId !== closed.deskId && s.hlc > opened.hlc && s.hlc <= closed.hlc)
    .sort((a, b) => (a.deskId < b.deskId ? -1 : a.deskId > b.deskId ? 1 : a.hlc < b.hlc ? -1 : 1));
  const warning = closed.overrides.length > 0 ? { kk: `Ауысым бастығының шешімімен жабылды (${closed.overrides.map((o) => OVERRIDE[o]!.kk).join(', ')}): ${closed.overrideReason}`, ru: `Закрыта решением начальника смены (${closed.overrides.map((o) => OVERRIDE[o]!.ru).join(', ')}): ${closed.overrideReason}` } : undefined;
  return {
    kind: 'checkpoint-shift-report',
    title: L.title,
    meta: [
      { label: L.checkpoint, value: place ? `${place.nameKk} / ${place.nameRu}` : cp },
      { label: L.opened, value: `${formatKzTime(opened.occurredAt)}, ${opened.by}` },
      { label: L.closed, value: `${formatKzTime(closed.occurredAt)}, ${closed.by}` },
    ],
    tables: [
      {
        heading: L.movements,
        columns: [L.item, L.count],
        rows: [
          row(opened.openingFromShiftId ? L.opening : L.openingFirst, opened.openingUnused),
          row(L.received, m.received),
          row(L.takenBack, m.takenBack),
          row(L.handed, m.handedToDesks),
          row(L.lost, m.lost),
          row(L.closingExpected, expected),
          row(L.closingCounted, closed.countedUnusedTotal),
        ],
      },
      { heading: L.packs, columns: [L.numbers, L.count], rows: closed.countedUnused.map((r) => [formatBlankRange(r), rangeSize(r)]), empty: L.noPacks },
      {
        heading: L.differences,
        columns: [L.number, L.kind, L.state, L.reason],
        rows: closed.differences.map((d) => [d.number, both(KIND[isWrittenOffAtClose(d) ? 'missing' : d.kind] ?? { kk: d.kind, ru: d.kind }), both(d.state ? (BLANK_STATE_WORDS[d.state as keyof typeof BLANK_STATE_WORDS] ?? NOT_IN_LEDGER) : NOT_IN_LEDGER), d.reason]),
        empty: L.noDifferences,
      },
      {
        heading: L.deskShifts,
        columns: [L.desk, L.officer, L.closed, L.closedBy, L.counted, L.diffCount],
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
