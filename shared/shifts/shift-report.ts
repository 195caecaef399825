import { formatBlankRange, rangeSize } from '../blanks/blank-number.ts';
import { compareEvents, foldLedger, type BlankEvent } from '../blanks/ledger.ts';
import { JOURNAL_EVENTS, type JournalEntry, type JournalEvent } from '../documents/journal-entry.ts';
import type { ShiftEvent } from '../documents/shift.ts';
import { findCheckpoint } from '../reference/checkpoints.ts';
import { BLANK_STATE_WORDS, NOT_IN_LEDGER } from '../reports/blank-state-words.ts';
import type { Bilingual, ReportDoc, ReportTable } from '../reports/report-doc.ts';

/** What moved through a desk during a shift, counted in blanks (a stack handed over counts each blank). */
export type ShiftMovements = {
  received: number;
  handedBack: number;
  issued: number;
  spoiled: number;
  returned: number;
  lost: number;
  annulled: number;
  redeemed: number;
};

/** Counts each kind of movement of the desk's blanks between two HLC stamps (redelivered events once). */
export function shiftMovements(events: readonly BlankEvent[], deskId: string, from: string, until: string): ShiftMovements {
  const ledger = foldLedger(events, until);
  const m: ShiftMovements = { received: 0, handedBack: 0, issued: 0, spoiled: 0, returned: 0, lost: 0, annulled: 0, redeemed: 0 };
  const seen = new Set<string>();
  for (const e of [...events].sort(compareEvents)) {
    if (e.hlc < from || e.hlc > until || seen.has(e.id)) continue;
    seen.add(e.id);
    switch (e.type) {
      case 'handed-to-desk':
        if (e.deskId === deskId) m.received += rangeSize(e.range);
        break;
      case 'transferred':
        if (e.toDeskId === deskId) m.received += rangeSize(e.range);
        if (e.fromDeskId === deskId) m.handedBack += rangeSize(e.range);
        break;
      case 'taken-back':
        if (e.deskId === deskId) m.handedBack += rangeSize(e.range);
        break;
      case 'issued':
      case 'spoiled':
      case 'returned':
      case 'lost':
      case 'annulled':
      case 'redeemed':
        if (ledger.blanks.get(e.number)?.deskId === deskId) m[e.type]++;
        break;
      default:
        break;
    }
  }
  return m;
}

/** Kazakhstan's time (UTC+5 everywhere since 1 March 2024), as printed on the report. */
export function formatKzTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 5 * 3600_000);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}`;
}

const L = {
  title: { kk: 'Ауысым есебі: қатаң есептегі бланкілер', ru: 'Отчёт за смену: бланки строгой отчётности' },
  checkpoint: { kk: 'Өткізу пункті', ru: 'Пункт пропуска' },
  desk: { kk: 'Жұмыс орны', ru: 'Рабочее место' },
  opened: { kk: 'Ауысым ашылды', ru: 'Смена открыта' },
  closed: { kk: 'Ауысым жабылды', ru: 'Смена закрыта' },
  officer: { kk: 'Лауазымды адам', ru: 'Должностное лицо' },
  supervisor: { kk: 'Ауысым бастығы', ru: 'Начальник смены' },
  movements: { kk: 'Бланкілер қозғалысы', ru: 'Движение бланков' },
  item: { kk: 'Көрсеткіш', ru: 'Показатель' },
  count: { kk: 'Саны', ru: 'Количество' },
  opening: { kk: 'Ауысым басындағы қалдық (алдыңғы ауысымда саналған)', ru: 'Остаток на начало смены (подсчитан в прошлой смене)' },
  openingFirst: { kk: 'Ауысым басындағы қалдық (жұмыс орнының алғашқы ауысымы: бұрын түскеннің бәрі «Жұмыс орнына түсті» жолында)', ru: 'Остаток на начало смены (первая смена рабочего места: всё полученное ранее — в строке «Получено на рабочее место»)' },
  received: { kk: 'Жұмыс орнына түсті', ru: 'Получено на рабочее место' },
  issued: { kk: 'Берілді', ru: 'Выдано' },
  spoiled: { kk: 'Бүлінді', ru: 'Испорчено' },
  returned: { kk: 'Тасымалдаушы қайтарды', ru: 'Возвращено перевозчиком' },
  lost: { kk: 'Жоғалды', ru: 'Утеряно' },
  annulled: { kk: 'Күші жойылды', ru: 'Аннулировано' },
  redeemed: { kk: 'Өтелді (көлік шекарадан шықты)', ru: 'Погашено (выезд за границу)' },
  handedBack: { kk: 'Жұмыс орнынан шықты (қоймаға не басқа жұмыс орнына)', ru: 'Выбыло (на склад или другое рабочее место)' },
  closingExpected: { kk: 'Ауысым соңындағы қалдық (есеп бойынша)', ru: 'Остаток на конец смены (по учёту)' },
  closingCounted: { kk: 'Ауысым соңындағы қалдық (саналған)', ru: 'Остаток на конец смены (по подсчёту)' },
  crossings: { kk: 'Тіркелген өтулер', ru: 'Зарегистрировано пересечений' },
  stacks: { kk: 'Саналған бумалар', ru: 'Подсчитанные пачки' },
  stack: { kk: 'Бланк нөмірлері', ru: 'Номера бланков' },
  differences: { kk: 'Айырмашылықтар', ru: 'Расхождения' },
  number: { kk: 'Бланк нөмірі', ru: 'Номер бланка' },
  kind: { kk: 'Түрі', ru: 'Вид' },
  state: { kk: 'Есеп бойынша күйі', ru: 'Состояние по учёту' },
  reason: { kk: 'Себебі', ru: 'Причина' },
  noDifferences: { kk: 'Айырмашылық жоқ', ru: 'Расхождений нет' },
  noStacks: { kk: 'Бланк қалған жоқ', ru: 'Бланков не осталось' },
} satisfies Record<string, Bilingual>;

const KIND: Record<string, Bilingual> = {
  missing: { kk: 'жетіспеушілік', ru: 'недостача' },
  'missing-written-off': { kk: 'жетіспеушілік, жоғалған ретінде есептен шығарылды', ru: 'недостача, списан как утерянный' },
  unexpected: { kk: 'артық', ru: 'излишек' },
  'open-reservation': { kk: 'аяқталмаған беру', ru: 'незавершённая выдача' },
};

const STATE: Record<string, Bilingual> = { ...BLANK_STATE_WORDS, '': NOT_IN_LEDGER };

const both = (label: Bilingual | undefined, fallback: string): string => (label ? `${label.kk} / ${label.ru}` : fallback);

/** A missing blank that was at the desk is written off as lost when the shift closes (shift-records.ts). */
export function isWrittenOffAtClose(d: { kind: string; state: string }): boolean {
  return d.kind === 'missing' && (d.state === 'at-desk' || d.state === 'at-checkpoint');
}

export const OVERRIDE: Record<string, Bilingual> = {
  'open-issuance': { kk: 'аяқталмаған беру', ru: 'незавершённая выдача' },
  unsynced: { kk: 'орталыққа жіберілмеген жазбалар', ru: 'записи, не отправленные в центр' },
  'desk-shifts-open': { kk: 'жұмыс орындарының жабылмаған ауысымдары', ru: 'незакрытые смены рабочих мест' },
};

/** The time span of a shift's sums: from the previous close, or from the very start for a first shift. */
export function sumsFrom(opened: ShiftEvent, previousClose: ShiftEvent | null | undefined): string {
  if (opened.openingFromShiftId === '') return '';
  return previousClose && previousClose.hlc < opened.hlc ? previousClose.hlc : opened.hlc;
}

/** A row of a sums table: the label in both languages, and the figure. */
export const sumRow = (label: Bilingual, n: number): (string | number)[] => [`${label.kk} / ${label.ru}`, n];

/** The red line under the title when the close went ahead on the supervisor's decision. */
export function overrideWarning(closed: ShiftEvent): Bilingual | undefined {
  if (closed.overrides.length === 0) return undefined;
  const list = (lang: 'kk' | 'ru') => closed.overrides.map((o) => OVERRIDE[o]![lang]).join(', ');
  return { kk: `Ауысым бастығының шешімімен жабылды (${list('kk')}): ${closed.overrideReason}`, ru: `Закрыта решением начальника смены (${list('ru')}): ${closed.overrideReason}` };
}

/** The meta every shift report starts with: where, when opened and by whom, when closed and by whom. */
export function shiftMeta(opened: ShiftEvent, closed: ShiftEvent, more: ReportDoc['meta'] = []): ReportDoc['meta'] {
  const cp = findCheckpoint(closed.checkpointId);
  return [
    { label: L.checkpoint, value: cp ? `${cp.nameKk} / ${cp.nameRu}` : closed.checkpointId },
    ...more,
    { label: L.opened, value: `${formatKzTime(opened.occurredAt)}, ${opened.by}` },
    { label: L.closed, value: `${formatKzTime(closed.occurredAt)}, ${closed.by}` },
  ];
}

/** The stacks or packs as counted, and every difference with its reason. */
export function countTables(closed: ShiftEvent, noStacks: Bilingual): ReportDoc['tables'] {
  return [
    { heading: L.stacks, columns: [L.stack, L.count], rows: closed.countedUnused.map((r) => [formatBlankRange(r), rangeSize(r)]), empty: noStacks },
    {
      heading: L.differences,
      columns: [L.number, L.kind, L.state, L.reason],
      rows: closed.differences.map((d) => [d.number, both(KIND[isWrittenOffAtClose(d) ? 'missing-written-off' : d.kind], d.kind), both(STATE[d.state], d.state), d.reason]),
      empty: L.noDifferences,
    },
  ];
}

/** Labels every shift report shares. */
export const SHIFT_WORDS = L;

/**
 * The shift report (issue 6): opening balance, what moved, closing balance expected and counted, every
 * difference with its reason, crossings recorded, and signature lines, in Kazakh and Russian.
 * Movements are counted from the previous close (`previousClose`), not from this opening: a stack handed
 * to the desk between shifts belongs to this shift's sums, so opening + received − out = closing. A
 * desk's first shift opens from 0 and counts all it ever received.
 */
export function buildShiftReport(input: { opened: ShiftEvent; closed: ShiftEvent; previousClose?: ShiftEvent | null; events: readonly BlankEvent[]; crossings: number; journal?: readonly JournalEntry[]; generatedAt: string }): ReportDoc {
  const { opened, closed } = input;
  const m = shiftMovements(input.events, closed.deskId, sumsFrom(opened, input.previousClose), closed.hlc);
  const ledger = foldLedger(input.events, closed.hlc);
  const expectedUnused = [...ledger.blanks.values()].filter((b) => b.state === 'at-desk' && b.deskId === closed.deskId).length;
  const warning = overrideWarning(closed);
  return {
    kind: 'shift-report',
    title: L.title,
    meta: shiftMeta(opened, closed, [{ label: L.desk, value: closed.deskId }]),
    tables: [
      {
        heading: L.movements,
        columns: [L.item, L.count],
        rows: [
          sumRow(opened.openingFromShiftId ? L.opening : L.openingFirst, opened.openingUnused),
          sumRow(L.received, m.received),
          sumRow(L.issued, m.issued),
          sumRow(L.spoiled, m.spoiled),
          sumRow(L.returned, m.returned),
          sumRow(L.lost, m.lost),
          sumRow(L.annulled, m.annulled),
          sumRow(L.redeemed, m.redeemed),
          sumRow(L.handedBack, m.handedBack),
          sumRow(L.closingExpected, expectedUnused),
          sumRow(L.closingCounted, closed.countedUnusedTotal),
          sumRow(L.crossings, input.crossings),
        ],
      },
      ...countTables(closed, L.noStacks),
      ...(input.journal ? journalTables(input.journal) : []),
    ],
    signatures: [
      { role: L.officer, name: closed.officerName },
      { role: L.supervisor, name: closed.by },
    ],
    generatedAt: input.generatedAt,
    ...(warning ? { warning } : {}),
  };
}

const EVENT_WORDS: Record<JournalEvent, Bilingual> = {
  'entry-mark': { kk: 'Кіру белгілері', ru: 'Отметки о въезде' },
  'exit-mark': { kk: 'Шығу белгілері', ru: 'Отметки о выезде' },
  'transit-sold': { kk: 'Транзиттік рұқсаттар берілді', ru: 'Выдано транзитных разрешений' },
  'export-write-off': { kk: 'Экспорт рұқсаттарынан есептен шығару', ru: 'Списания по разрешениям на экспорт' },
  'export-exemption': { kk: 'Рұқсатсыз өткізілген тауарлар (босату)', ru: 'Товары без разрешения (освобождение)' },
  'seal-applied': { kk: 'Навигациялық пломба қойылды', ru: 'Навигационных пломб наложено' },
  'seal-removed': { kk: 'Навигациялық пломба алынды', ru: 'Навигационных пломб снято' },
};

/**
 * The shift's journal (seed 002 p.52): how many of each entry the desk made, and every transit-passage
 * permit sold with its fee document and amount, totalled, for the fee receipts of the monthly report (p.58).
 */
function journalTables(journal: readonly JournalEntry[]): ReportTable[] {
  const sold = journal.filter((e) => e.event === 'transit-sold' && e.feeDocument);
  const total = sold.reduce((sum, e) => sum + e.feeDocument!.amountKzt, 0);
  return [
    {
      heading: { kk: 'Журнал жазбалары', ru: 'Записи журнала' },
      columns: [L.item, L.count],
      rows: JOURNAL_EVENTS.map((ev) => [both(EVENT_WORDS[ev], ev), journal.filter((e) => e.event === ev).length]),
    },
    {
      heading: { kk: 'Транзиттік жол жүруге рұқсаттар үшін алым', ru: 'Сбор за разрешения на транзитный проезд' },
      columns: [
        { kk: 'Рұқсат нөмірі', ru: 'Номер разрешения' },
        { kk: 'Көлік нөмірі', ru: 'Номер ТС' },
        { kk: 'Төлем құжаты', ru: 'Платёжный документ' },
        { kk: 'Сомасы, KZT', ru: 'Сумма, KZT' },
      ],
      rows: [...sold.map((e) => [e.documentNumber, e.vehiclePlate, `${e.feeDocument!.number} ${e.feeDocument!.date}`, e.feeDocument!.amountKzt]), ...(sold.length > 0 ? [[both({ kk: 'Барлығы', ru: 'Итого' }, 'total'), '', '', total]] : [])],
      empty: { kk: 'Ауысымда транзиттік рұқсат берілген жоқ', ru: 'За смену транзитные разрешения не выдавались' },
    },
  ];
}
