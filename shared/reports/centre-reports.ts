/**
 * The central administrator's reports, built as ReportDoc values from replicated records alone, so the
 * same figures come out of any replica: permits redeemed at the State Border by country (seed 000
 * Rules §14(5), with the statistical fields of §14(1)), and the monthly return of strict-accountability
 * blank stock per checkpoint (seed 002 p.57-58).
 */
import { formatBlankRange, numbersOf, rangeSize } from '../blanks/blank-number.ts';
import { compareEvents, createLedgerFold, foldLedger, type BlankEvent, type BlankState, type Ledger, type LedgerAnomaly } from '../blanks/ledger.ts';
import type { CPermit } from '../documents/c-permit.ts';
import type { Crossing } from '../documents/crossing.ts';
import { formatHlc } from '../ids/hlc.ts';
import { findCheckpoint, PILOT_CHECKPOINTS } from '../reference/checkpoints.ts';
import { kzDate } from '../rules/local-date.ts';
import { formatKzTime } from '../shifts/shift-report.ts';
import { runsOf } from '../shifts/stock-moves.ts';
import { REPORT_LIMITS } from './report-doc-schema.ts';
import type { Bilingual, ReportCell, ReportDoc, ReportTable } from './report-doc.ts';
import { BLANK_STATE_WORDS, NOT_IN_LEDGER } from './blank-state-words.ts';

const L = {
  redeemedTitle: { kk: 'Мемлекеттік шекарада өтелген шетелдік рұқсаттар (елдер бөлінісінде)', ru: 'Иностранные разрешения, погашенные на Государственной границе (в разрезе стран)' },
  blankTitle: { kk: 'Қатаң есептегі бланкілердің айлық есебі', ru: 'Ежемесячный отчёт о бланках строгой отчётности' },
  period: { kk: 'Кезең', ru: 'Период' },
  month: { kk: 'Есепті ай', ru: 'Отчётный месяц' },
  generated: { kk: 'Жасалған уақыты', ru: 'Время формирования' },
  centralAdmin: { kk: 'Орталық әкімші', ru: 'Центральный администратор' },
  summary: { kk: 'Елдер және өткізу пункттері бойынша жиынтық', ru: 'Сводка по странам и пунктам пропуска' },
  detail: { kk: 'Өтелген рұқсаттар тізімі', ru: 'Перечень погашенных разрешений' },
  country: { kk: 'Ел', ru: 'Страна' },
  checkpoint: { kk: 'Өткізу пункті', ru: 'Пункт пропуска' },
  redeemedCount: { kk: 'Өтелген рұқсаттар саны', ru: 'Количество погашенных разрешений' },
  total: { kk: 'Барлығы', ru: 'Всего' },
  item: { kk: 'Көрсеткіш', ru: 'Показатель' },
  redeemedOn: { kk: 'Өтеу күні (шекарадан өткен күн)', ru: 'Дата погашения (дата пересечения границы)' },
  carrier: { kk: 'Отандық тасымалдаушы', ru: 'Отечественный перевозчик' },
  binIin: { kk: 'БСН/ЖСН', ru: 'БИН/ИИН' },
  permitType: { kk: 'Рұқсат түрі', ru: 'Вид разрешения' },
  blankNumber: { kk: 'Бланк нөмірі', ru: 'Номер бланка' },
  vehicleModel: { kk: 'Көлік құралының маркасы', ru: 'Марка транспортного средства' },
  plate: { kk: 'Мемлекеттік нөмірі', ru: 'Государственный номер' },
  china: { kk: 'ҚХР', ru: 'КНР' },
  unknownPermit: { kk: 'Белгісіз рұқсат (тізілімде жоқ)', ru: 'Неизвестное разрешение (нет в реестре)' },
  noRedeemed: { kk: 'Кезеңде өтелген рұқсат жоқ', ru: 'За период погашенных разрешений нет' },
  movements: { kk: 'Өткізу пункттері бойынша бланкілер қозғалысы', ru: 'Движение бланков по пунктам пропуска' },
  series: { kk: 'Серия', ru: 'Серия' },
  opening: { kk: 'Ай басындағы қалдық', ru: 'Остаток на начало месяца' },
  allocated: { kk: 'Орталықтан бөлінді', ru: 'Выделено центром' },
  receivedConfirmed: { kk: 'Қабылдау расталды (бөлінгеннен)', ru: 'Приёмка подтверждена (из выделенного)' },
  receivedUnallocated: { kk: 'Бөлінбей қабылданды', ru: 'Принято без выделения' },
  issued: { kk: 'Берілді', ru: 'Выдано' },
  spoiledUnused: { kk: 'Бүлінді (берілгенге дейін)', ru: 'Испорчено (до выдачи)' },
  lostUnused: { kk: 'Жоғалды (берілгенге дейін)', ru: 'Утеряно (до выдачи)' },
  spoiledIssued: { kk: 'Бүлінді (берілгеннен кейін)', ru: 'Испорчено (после выдачи)' },
  lostIssued: { kk: 'Жоғалды (берілгеннен кейін)', ru: 'Утеряно (после выдачи)' },
  returned: { kk: 'Тасымалдаушы қайтарды', ru: 'Возвращено перевозчиком' },
  annulled: { kk: 'Күші жойылды', ru: 'Аннулировано' },
  redeemed: { kk: 'Өтелді', ru: 'Погашено' },
  closing: { kk: 'Ай соңындағы қалдық', ru: 'Остаток на конец месяца' },
  noMovements: { kk: 'Бланкі де, қозғалыс та жоқ', ru: 'Нет ни бланков, ни движения' },
  unused: { kk: 'Ай соңында пайдаланылмаған бланкілердің нөмірлері', ru: 'Номера неиспользованных бланков на конец месяца' },
  state: { kk: 'Есеп бойынша күйі', ru: 'Состояние по учёту' },
  numbers: { kk: 'Нөмірлер', ru: 'Номера' },
  count: { kk: 'Саны', ru: 'Количество' },
  noUnused: { kk: 'Пайдаланылмаған бланкі жоқ', ru: 'Неиспользованных бланков нет' },
  anomalies: { kk: 'Айдағы есеп ауытқулары', ru: 'Отклонения в учёте за месяц' },
  anomaly: { kk: 'Ауытқу түрі', ru: 'Вид отклонения' },
  noAnomalies: { kk: 'Ауытқу жоқ', ru: 'Отклонений нет' },
} satisfies Record<string, Bilingual>;

const ANOMALY: Record<LedgerAnomaly['code'], Bilingual> = {
  'unknown-number': { kk: 'есепте жоқ нөмір', ru: 'номер отсутствует в учёте' },
  'wrong-checkpoint': { kk: 'басқа өткізу пунктіне бөлінген', ru: 'выделен другому пункту пропуска' },
  'illegal-transition': { kk: 'жол берілмейтін күй ауысуы', ru: 'недопустимая смена состояния' },
  'wrong-desk': { kk: 'басқа жұмыс орнының бланкісі', ru: 'бланк другого рабочего места' },
  'wrong-application': { kk: 'басқа өтініш бойынша беру', ru: 'выдача по другому заявлению' },
  'already-received': { kk: 'бұрын қабылданған', ru: 'уже принят' },
  'not-printed': { kk: 'басып шығарылмай берілді', ru: 'выдан без печати' },
  'already-printed': { kk: 'басып шығарылған бланкіні босату', ru: 'освобождение напечатанного бланка' },
};

const both = (label: Bilingual): string => `${label.kk} / ${label.ru}`;
const clip = (text: string, max: number = REPORT_LIMITS.textChars): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Rules order of the pilot checkpoints, then any other id alphabetically, so every report lists them alike. */
function checkpointOrder(a: string, b: string): number {
  const rank = (id: string) => {
    const i = PILOT_CHECKPOINTS.findIndex((c) => c.id === id);
    return i < 0 ? PILOT_CHECKPOINTS.length : i;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function checkpointName(id: string): string {
  const cp = findCheckpoint(id);
  return cp ? `${cp.nameKk} / ${cp.nameRu}` : id || '—';
}

/**
 * Keeps a report within the schema's bounds (REPORT_LIMITS): rows past the overall budget are left off
 * and counted, so the caller can say so; a table longer than one table may be goes on in numbered parts.
 */
function fitTables(tables: readonly ReportTable[]): { tables: ReportTable[]; leftOff: number } {
  let rowsLeft: number = REPORT_LIMITS.totalRows;
  let cellsLeft: number = REPORT_LIMITS.totalCells;
  let leftOff = 0;
  const out: ReportTable[] = [];
  for (const t of tables) {
    const keep = Math.min(t.rows.length, rowsLeft, Math.floor(cellsLeft / t.columns.length));
    leftOff += t.rows.length - keep;
    rowsLeft -= keep;
    cellsLeft -= keep * t.columns.length;
    const rows = t.rows.slice(0, keep).map((r) => r.map((c): ReportCell => (typeof c === 'string' ? clip(c) : c)));
    const parts = Math.max(1, Math.ceil(rows.length / REPORT_LIMITS.rowsPerTable));
    for (let i = 0; i < parts; i++) {
      const heading = parts === 1 ? t.heading : { kk: `${t.heading.kk} (${i + 1}/${parts})`, ru: `${t.heading.ru} (${i + 1}/${parts})` };
      out.push({ ...t, heading, rows: rows.slice(i * REPORT_LIMITS.rowsPerTable, (i + 1) * REPORT_LIMITS.rowsPerTable) });
    }
  }
  return { tables: out, leftOff };
}

/** The warnings of one report as one red line, within the schema's text bound. */
function joinWarnings(parts: readonly Bilingual[]): Bilingual | undefined {
  if (parts.length === 0) return undefined;
  return { kk: clip(parts.map((p) => p.kk).join(' ')), ru: clip(parts.map((p) => p.ru).join(' ')) };
}

function leftOffWarning(n: number): Bilingual {
  return { kk: `Көлем шегіне байланысты ${n} жол есепке енгізілмеді.`, ru: `Из-за ограничения объёма в отчёт не вошли строки: ${n}.` };
}

// ───────────────────────── Permits redeemed at the border, by country ─────────────────────────

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One permit's redemption: the crossing that redeemed it, and the permit if the register knows it. */
type Redemption = { crossing: Crossing; date: string; permit: CPermit | null };

/** Wall-clock order of crossings made at different offsets, then id, as the Rules date by the crossing. */
function compareCrossings(a: Crossing, b: Crossing): number {
  return Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Each permit's first exit (§14(5): redeemed when the vehicle crosses outward). Later exits and entries
 * never redeem it again; keyed by permit, a crossing redelivered by sync (same id) cannot count twice. A
 * crossing of a permit the register lacks follows the same rule by its permit id, so the totals match
 * the crossings journal.
 */
function firstExits(crossings: readonly Crossing[]): Map<string, Crossing> {
  const first = new Map<string, Crossing>();
  for (const c of crossings) {
    if (c.direction !== 'exit') continue;
    const held = first.get(c.permitId);
    if (!held || compareCrossings(c, held) < 0) first.set(c.permitId, c);
  }
  return first;
}

function redemptionsIn(input: { permits: readonly CPermit[]; crossings: readonly Crossing[]; from: string; to: string }): Redemption[] {
  const permits = new Map(input.permits.map((p) => [p.id, p]));
  const out: Redemption[] = [];
  for (const crossing of firstExits(input.crossings).values()) {
    // The redemption date is the day of crossing at the border, in Kazakhstan's time.
    const date = kzDate(Date.parse(crossing.occurredAt));
    if (date < input.from || date > input.to) continue;
    out.push({ crossing, date, permit: permits.get(crossing.permitId) ?? null });
  }
  const blank = (r: Redemption) => r.permit?.blankNumber || r.crossing.documentNumber;
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : blank(a) < blank(b) ? -1 : blank(a) > blank(b) ? 1 : compareCrossings(a.crossing, b.crossing)));
}

/** Every C-permit is a Kazakhstan–China permit; an unknown one has no country we can vouch for. */
const countryOf = (r: Redemption): Bilingual => (r.permit ? L.china : L.unknownPermit);

function summaryTable(redemptions: readonly Redemption[]): ReportTable {
  const counts = new Map<string, { country: Bilingual; checkpointId: string; n: number }>();
  for (const r of redemptions) {
    const country = countryOf(r);
    const key = `${r.permit ? 0 : 1}\u0000${r.crossing.checkpointId}`;
    const row = counts.get(key) ?? { country, checkpointId: r.crossing.checkpointId, n: 0 };
    row.n++;
    counts.set(key, row);
  }
  // Known countries first, the unknown-permit rows last, each in the Rules' order of checkpoints.
  const rows = [...counts.entries()]
    .sort(([a, x], [b, y]) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : checkpointOrder(x.checkpointId, y.checkpointId)))
    .map(([, v]): ReportCell[] => [both(v.country), checkpointName(v.checkpointId), v.n]);
  return {
    heading: L.summary,
    columns: [L.country, L.checkpoint, L.redeemedCount],
    rows: rows.length > 0 ? [...rows, [both(L.total), '', redemptions.length]] : [],
    empty: L.noRedeemed,
  };
}

/** One row per redemption with the statistical fields of Rules §14(1). */
function detailRow(r: Redemption): ReportCell[] {
  const { crossing, permit } = r;
  if (!permit) return [r.date, checkpointName(crossing.checkpointId), both(L.unknownPermit), '', '', crossing.documentNumber, '', crossing.plate];
  return [r.date, checkpointName(crossing.checkpointId), `${permit.carrier.nameKk} / ${permit.carrier.nameRu}`, permit.carrier.binIin, 'C', permit.blankNumber || '—', permit.vehicle.model, permit.vehicle.plate];
}

function unknownWarning(redemptions: readonly Redemption[]): Bilingual | null {
  const ids = [...new Set(redemptions.filter((r) => !r.permit).map((r) => r.crossing.permitId))].sort();
  if (ids.length === 0) return null;
  return {
    kk: `Тізілімде жоқ рұқсаттар бойынша өтулер «Белгісіз рұқсат» жолында есептелді (${ids.length}): ${ids.join(', ')}.`,
    ru: `Пересечения по разрешениям, которых нет в реестре, учтены в строке «Неизвестное разрешение» (${ids.length}): ${ids.join(', ')}.`,
  };
}

/**
 * Foreign permits redeemed at the State Border in a period, by country and checkpoint, with one row
 * per permit (seed 000 Rules §14(5), §14(1)). `from` and `to` are inclusive Kazakhstan dates.
 */
export function buildRedeemedByCountryReport(input: { permits: readonly CPermit[]; crossings: readonly Crossing[]; from: string; to: string; generatedAt: string }): ReportDoc {
  if (!ISO_DATE.test(input.from) || !ISO_DATE.test(input.to) || input.from > input.to) throw new Error(`redeemed report: bad period ${input.from}..${input.to}`);
  const redemptions = redemptionsIn(input);
  const fitted = fitTables([
    summaryTable(redemptions),
    {
      heading: L.detail,
      columns: [L.redeemedOn, L.checkpoint, L.carrier, L.binIin, L.permitType, L.blankNumber, L.vehicleModel, L.plate],
      rows: redemptions.map(detailRow),
      empty: L.noRedeemed,
    },
  ]);
  const unknown = unknownWarning(redemptions);
  const warning = joinWarnings([...(unknown ? [unknown] : []), ...(fitted.leftOff > 0 ? [leftOffWarning(fitted.leftOff)] : [])]);
  return {
    kind: 'permits-redeemed-by-country',
    title: L.redeemedTitle,
    meta: [
      { label: L.period, value: `${input.from} – ${input.to} (UTC+5)` },
      { label: L.generated, value: formatKzTime(input.generatedAt) },
    ],
    tables: fitted.tables,
    signatures: [{ role: L.centralAdmin, name: '' }],
    generatedAt: input.generatedAt,
    ...(warning ? { warning } : {}),
  };
}

// ───────────────────────── Monthly blank stock report ─────────────────────────

const KZ_OFFSET_MS = 5 * 3600_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Unused stock: not yet issued and in no terminal state; what p.57 returns at the year's end. */
const UNUSED_STATES: readonly BlankState[] = ['allocated', 'at-checkpoint', 'at-desk', 'reserved'];

/**
 * What happened to one checkpoint's blanks of one series in the month, counted in blanks. The balance
 * identity is
 *   opening + allocated + receivedUnallocated − issued − spoiledUnused − lostUnused = closing
 * (new numbers enter the stock only by allocation or by stock recorded without one; they leave it only
 * by issue, or spoiled or lost before issue). receivedConfirmed moves allocated blanks within the stock;
 * spoiledIssued, lostIssued, returned, annulled and redeemed befall issued blanks, already out of it.
 */
type MonthMovements = {
  opening: number;
  allocated: number;
  receivedConfirmed: number;
  receivedUnallocated: number;
  issued: number;
  spoiledUnused: number;
  lostUnused: number;
  spoiledIssued: number;
  lostIssued: number;
  returned: number;
  annulled: number;
  redeemed: number;
  closing: number;
};
type Movement = Exclude<keyof MonthMovements, 'opening' | 'closing'>;

/** The movement a state change is, or null for a move within the stock (to a desk, reserved, printed…). */
function movementOf(from: BlankState | null, to: BlankState): Movement | null {
  if (from === null) return to === 'allocated' ? 'allocated' : 'receivedUnallocated';
  if (from === 'allocated' && to === 'at-checkpoint') return 'receivedConfirmed';
  const fromStock = UNUSED_STATES.includes(from);
  switch (to) {
    case 'issued':
      return 'issued';
    case 'spoiled':
      return fromStock ? 'spoiledUnused' : 'spoiledIssued';
    case 'lost':
      return fromStock ? 'lostUnused' : 'lostIssued';
    case 'returned':
    case 'annulled':
    case 'redeemed':
      return to;
    default:
      return null;
  }
}

/**
 * Every change of state the ledger applied up to `until`, in fold order. Read from the fold itself, not
 * from event types: an event the ledger refused (an anomaly) changed nothing and so counts nowhere, and
 * a redelivered event is folded once.
 */
function* stateChanges(events: readonly BlankEvent[], until: string): Generator<{ hlc: string; number: string; checkpointId: string; from: BlankState | null; to: BlankState }> {
  const fold = createLedgerFold();
  for (const e of [...events].sort(compareEvents)) {
    if (e.hlc > until) return;
    const numbers = 'range' in e ? [...numbersOf(e.range)] : [e.number];
    const before = numbers.map((n) => fold.ledger().blanks.get(n)?.state ?? null);
    if (!fold.add([e])) continue;
    for (let i = 0; i < numbers.length; i++) {
      const after = fold.ledger().blanks.get(numbers[i]!);
      // The ledger stamps each blank it changed with the event's id; a refused number keeps its old one.
      if (after && after.lastEventId === e.id) yield { hlc: e.hlc, number: after.number, checkpointId: after.checkpointId, from: before[i]!, to: after.state };
    }
  }
}

/**
 * The HLC stamp just before a wall-clock moment: stamps are `13-digit ms-counter-node` and every real
 * node is non-empty, so `<ms>-00000-` sorts after every stamp made before `ms` and before every stamp
 * made at or after it. foldLedger(events, bound) then holds exactly the events before the moment.
 */
function hlcBefore(ms: number): string {
  return formatHlc({ wallMs: ms, counter: 0, node: '' });
}

/** The month's first and next month's first midnight in Kazakhstan (UTC+5), as epoch ms. */
function kzMonthBounds(month: string): { startMs: number; endMs: number } {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`monthly blank report: bad month ${month}`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return { startMs: Date.UTC(year, index, 1) - KZ_OFFSET_MS, endMs: Date.UTC(year, index + 1, 1) - KZ_OFFSET_MS };
}

const stockKey = (checkpointId: string, number: string): string => `${checkpointId}\u0000${number.charAt(0)}`;

function zeroMovements(): MonthMovements {
  return { opening: 0, allocated: 0, receivedConfirmed: 0, receivedUnallocated: 0, issued: 0, spoiledUnused: 0, lostUnused: 0, spoiledIssued: 0, lostIssued: 0, returned: 0, annulled: 0, redeemed: 0, closing: 0 };
}

function addUnused(into: Map<string, MonthMovements>, ledger: Ledger, field: 'opening' | 'closing'): void {
  for (const b of ledger.blanks.values()) {
    if (!UNUSED_STATES.includes(b.state)) continue;
    const key = stockKey(b.checkpointId, b.number);
    const m = into.get(key) ?? zeroMovements();
    m[field]++;
    into.set(key, m);
  }
}

/**
 * Per checkpoint and series (key `checkpointId\0series`): the month's opening and closing unused stock
 * and what moved in between.
 */
function monthMovements(events: readonly BlankEvent[], month: string): { byStock: Map<string, MonthMovements>; start: string; end: string } {
  const { startMs, endMs } = kzMonthBounds(month);
  const start = hlcBefore(startMs);
  const end = hlcBefore(endMs);
  const byStock = new Map<string, MonthMovements>();
  addUnused(byStock, foldLedger(events, start), 'opening');
  addUnused(byStock, foldLedger(events, end), 'closing');
  for (const c of stateChanges(events, end)) {
    const movement = c.hlc > start ? movementOf(c.from, c.to) : null;
    if (!movement) continue;
    const key = stockKey(c.checkpointId, c.number);
    const m = byStock.get(key) ?? zeroMovements();
    m[movement]++;
    byStock.set(key, m);
  }
  return { byStock, start, end };
}

const MOVEMENT_COLUMNS: readonly (keyof MonthMovements)[] = ['opening', 'allocated', 'receivedConfirmed', 'receivedUnallocated', 'issued', 'spoiledUnused', 'lostUnused', 'spoiledIssued', 'lostIssued', 'returned', 'annulled', 'redeemed', 'closing'];

/**
 * One column per checkpoint and series, one row per figure: five pilot checkpoints fit an A4 portrait
 * page as columns, while thirteen figures as columns would not. The last column is the total.
 */
function movementsTables(byStock: Map<string, MonthMovements>): ReportTable[] {
  const all = [...byStock.keys()].map((k) => k.split('\u0000') as [string, string]).sort(([a, s], [b, t]) => checkpointOrder(a, b) || (s < t ? -1 : s > t ? 1 : 0));
  const columnOf = ([cp, series]: [string, string]): Bilingual => {
    const c = findCheckpoint(cp);
    return { kk: `${c?.nameKk ?? cp}, ${series}`, ru: `${c?.nameRu ?? cp}, ${series}` };
  };
  // The schema allows 20 columns: more stocks than 18 go on in further tables, each with its own total.
  const chunks = all.length === 0 ? [[]] : Array.from({ length: Math.ceil(all.length / 18) }, (_, i) => all.slice(i * 18, i * 18 + 18));
  return chunks.map((keys, i) => ({
    heading: chunks.length > 1 ? { kk: `${L.movements.kk} (${i + 1})`, ru: `${L.movements.ru} (${i + 1})` } : L.movements,
    columns: [L.item, ...keys.map(columnOf), L.total],
    rows:
      keys.length === 0
        ? []
        : MOVEMENT_COLUMNS.map((field): ReportCell[] => {
            const figures = keys.map(([cp, series]) => byStock.get(stockKey(cp, series))![field]);
            return [both(L[field]), ...figures, figures.reduce((n, v) => n + v, 0)];
          }),
    empty: L.noMovements,
  }));
}

/** Unused numbers at month end as runs, by checkpoint and where they lie: the list p.57 returns from. */
function unusedTable(closing: Ledger): ReportTable {
  const checkpoints = [...new Set([...closing.blanks.values()].map((b) => b.checkpointId))].sort(checkpointOrder);
  const rows = checkpoints.flatMap((cp) => UNUSED_STATES.flatMap((state) => runsOf(closing, cp, state).map((r): ReportCell[] => [checkpointName(cp), both(BLANK_STATE_WORDS[state]), formatBlankRange(r), rangeSize(r)])));
  return { heading: L.unused, columns: [L.checkpoint, L.state, L.numbers, L.count], rows, empty: L.noUnused };
}

/**
 * Events the ledger refused during the month. The checkpoint is the event's own when it names one (a
 * consignment confirmed at the wrong checkpoint is that checkpoint's to explain), else the blank's.
 */
function anomaliesTable(events: readonly BlankEvent[], closing: Ledger, start: string): ReportTable {
  const byId = new Map(events.map((e) => [e.id, e]));
  const rows = closing.anomalies
    .filter((a) => (byId.get(a.eventId)?.hlc ?? '') > start)
    .map((a): ReportCell[] => {
      const e = byId.get(a.eventId);
      const cp = e && 'checkpointId' in e ? e.checkpointId : (closing.blanks.get(a.number)?.checkpointId ?? '');
      return [checkpointName(cp), a.number, both(ANOMALY[a.code]), both(a.state ? BLANK_STATE_WORDS[a.state] : NOT_IN_LEDGER)];
    });
  return { heading: L.anomalies, columns: [L.checkpoint, L.blankNumber, L.anomaly, L.state], rows, empty: L.noAnomalies };
}

/**
 * The monthly report of strict-accountability blanks (seed 002 p.57-58): per checkpoint and series the
 * opening and closing unused stock and what moved, the unused numbers at month end, and the month's
 * ledger anomalies. `month` is YYYY-MM; its bounds are midnights in Kazakhstan (UTC+5), applied to the
 * events' HLC wall time, the order every replica folds them in.
 */
export function buildMonthlyBlankReport(input: { events: readonly BlankEvent[]; month: string; generatedAt: string }): ReportDoc {
  const { byStock, start, end } = monthMovements(input.events, input.month);
  const closing = foldLedger(input.events, end);
  const { startMs, endMs } = kzMonthBounds(input.month);
  const fitted = fitTables([...movementsTables(byStock), unusedTable(closing), anomaliesTable(input.events, closing, start)]);
  const warning = joinWarnings(fitted.leftOff > 0 ? [leftOffWarning(fitted.leftOff)] : []);
  return {
    kind: 'monthly-blank-report',
    title: L.blankTitle,
    meta: [
      { label: L.month, value: `${kzDate(startMs)} – ${kzDate(endMs - 1)} (UTC+5)` },
      { label: L.generated, value: formatKzTime(input.generatedAt) },
    ],
    tables: fitted.tables,
    signatures: [{ role: L.centralAdmin, name: '' }],
    generatedAt: input.generatedAt,
    ...(warning ? { warning } : {}),
  };
}
