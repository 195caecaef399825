import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleCrossing, samplePermit } from '../../test/fixtures/permits.ts';
import { formatBlankNumber, type BlankRange } from '../blanks/blank-number.ts';
import type { BlankEvent, BlankState } from '../blanks/ledger.ts';
import type { Crossing } from '../documents/crossing.ts';
import { formatHlc } from '../ids/hlc.ts';
import { findCheckpoint } from '../reference/checkpoints.ts';
import { buildMonthlyBlankReport, buildRedeemedByCountryReport } from './centre-reports.ts';
import { reportDocSchema } from './report-doc-schema.ts';
import type { ReportDoc } from './report-doc.ts';

const GENERATED = '2026-12-02T05:00:00.000Z';
const name = (id: string) => `${findCheckpoint(id)!.nameKk} / ${findCheckpoint(id)!.nameRu}`;

describe('permits redeemed at the border by country (Rules §14(5), §14(1))', () => {
  const permit = (n: number, blankNumber: string) => samplePermit({ id: `A26-00000${n}`, applicationNumber: `A26-00000${n}`, blankNumber });
  const permits = [permit(1, 'C0000002'), permit(2, 'C0000010'), permit(3, 'C0000003'), permit(4, 'C0000004'), permit(5, 'C0000005'), permit(6, 'C0000006'), permit(7, 'C0000001'), permit(8, 'C0000008')];
  const cross = (id: string, n: number | string, direction: 'exit' | 'entry', checkpointId: Crossing['checkpointId'], occurredAt: string): Crossing =>
    sampleCrossing({ id, permitId: typeof n === 'number' ? `A26-00000${n}` : n, documentNumber: typeof n === 'number' ? `A26-00000${n}` : n, direction, checkpointId, occurredAt, plate: '999ZZZ02' });
  const first = cross('x01', 1, 'exit', 'dostyk-avto', '2026-11-21T09:00:00+05:00');
  const crossings: Crossing[] = [
    first,
    first, // redelivered by sync
    cross('x02', 1, 'entry', 'dostyk-avto', '2026-11-25T09:00:00+05:00'),
    cross('x03', 1, 'exit', 'kolzhat', '2026-11-28T09:00:00+05:00'), // a second exit redeems nothing
    cross('x04', 2, 'entry', 'kolzhat', '2026-10-20T09:00:00+05:00'), // an entry redeems nothing
    cross('x05', 2, 'exit', 'kolzhat', '2026-11-06T09:00:00+05:00'),
    cross('x06', 3, 'exit', 'dostyk-avto', '2026-10-31T23:30:00Z'), // 1 Nov 04:30 in Kazakhstan
    cross('x07', 4, 'exit', 'dostyk-avto', '2026-11-30T23:30:00Z'), // 1 Dec 04:30 in Kazakhstan
    cross('x08', 5, 'exit', 'dostyk-avto', '2026-10-15T09:00:00+05:00'), // redeemed before the period…
    cross('x09', 5, 'exit', 'dostyk-avto', '2026-11-10T09:00:00+05:00'), // …so not again in it
    cross('x11', 6, 'exit', 'bakhty', '2026-11-15T05:00:00Z'), // the same instant as x10: the lower id wins
    cross('x10', 6, 'exit', 'maikapshagai', '2026-11-15T10:00:00+05:00'),
    cross('x12', 7, 'exit', 'dostyk-avto', '2026-11-21T18:00:00+05:00'), // same day as permit 1, lower blank
    cross('x13', 8, 'exit', 'dostyk-avto', '2026-10-31T18:59:59Z'), // 31 Oct 23:59:59 in Kazakhstan
    cross('x14', 'A26-999999', 'exit', 'bakhty', '2026-11-12T09:00:00+05:00'),
    cross('x15', 'A26-999999', 'exit', 'bakhty', '2026-11-13T09:00:00+05:00'),
  ];
  const build = (to = '2026-11-30') => buildRedeemedByCountryReport({ permits, crossings, from: '2026-11-01', to, generatedAt: GENERATED });
  const CHINA = 'ҚХР / КНР';
  const UNKNOWN = 'Белгісіз рұқсат (тізілімде жоқ) / Неизвестное разрешение (нет в реестре)';

  it('counts each permit once, on the Kazakhstan date of its first exit, by country and checkpoint', () => {
    const doc = build();
    expect(reportDocSchema.safeParse(doc).success).toBe(true);
    expect(doc.kind).toBe('permits-redeemed-by-country');
    expect(doc.tables[0]!.rows).toEqual([
      [CHINA, name('dostyk-avto'), 3],
      [CHINA, name('kolzhat'), 1],
      [CHINA, name('maikapshagai'), 1],
      [UNKNOWN, name('bakhty'), 1],
      ['Барлығы / Всего', '', 6],
    ]);
    const carrier = '«Қазақ Көлік Логистика» ЖШС / ТОО «Казах Колик Логистика»';
    expect(doc.tables[1]!.rows).toEqual([
      ['2026-11-01', name('dostyk-avto'), carrier, '123456789012', 'C', 'C0000003', 'DAF XF', '123 АВС 02'],
      ['2026-11-06', name('kolzhat'), carrier, '123456789012', 'C', 'C0000010', 'DAF XF', '123 АВС 02'],
      ['2026-11-12', name('bakhty'), UNKNOWN, '', '', 'A26-999999', '', '999ZZZ02'],
      ['2026-11-15', name('maikapshagai'), carrier, '123456789012', 'C', 'C0000006', 'DAF XF', '123 АВС 02'],
      ['2026-11-21', name('dostyk-avto'), carrier, '123456789012', 'C', 'C0000001', 'DAF XF', '123 АВС 02'],
      ['2026-11-21', name('dostyk-avto'), carrier, '123456789012', 'C', 'C0000002', 'DAF XF', '123 АВС 02'],
    ]);
    expect(doc.warning?.ru).toContain('A26-999999');
    expect(doc.warning?.kk).toContain('A26-999999');
    expect(doc.meta.map((m) => m.value)).toEqual(['2026-11-01 – 2026-11-30 (UTC+5)', '2026-12-02 10:00']);
    expect(doc.signatures).toEqual([{ role: { kk: 'Орталық әкімші', ru: 'Центральный администратор' }, name: '' }]);
  });

  it('a crossing at 23:30 UTC on the last day belongs to the next Kazakhstan day', () => {
    const dostyk = (doc: ReportDoc) => doc.tables[0]!.rows.find((r) => r[0] === CHINA && r[1] === name('dostyk-avto'))![2];
    expect(dostyk(build('2026-11-30'))).toBe(3);
    expect(dostyk(build('2026-12-01'))).toBe(4);
    expect(build('2026-12-01').tables[1]!.rows.at(-1)!.slice(0, 6)).toEqual(['2026-12-01', name('dostyk-avto'), expect.any(String), '123456789012', 'C', 'C0000004']);
  });

  it('an empty period is still a valid report, without a warning; a reversed period is refused', () => {
    const doc = buildRedeemedByCountryReport({ permits, crossings: [], from: '2026-11-01', to: '2026-11-30', generatedAt: GENERATED });
    expect(reportDocSchema.safeParse(doc).success).toBe(true);
    expect(doc.tables.map((t) => t.rows.length)).toEqual([0, 0]);
    expect(doc.warning).toBeUndefined();
    expect(() => buildRedeemedByCountryReport({ permits, crossings, from: '2026-12-01', to: '2026-11-30', generatedAt: GENERATED })).toThrow();
  });

  it('a detail longer than one table goes on in parts within the schema', () => {
    const many = Array.from({ length: 5_001 }, (_, i) => cross(`y${String(i).padStart(5, '0')}`, `A26-${String(100_000 + i)}`, 'exit', 'bakhty', '2026-11-12T09:00:00+05:00'));
    const doc = buildRedeemedByCountryReport({ permits, crossings: many, from: '2026-11-01', to: '2026-11-30', generatedAt: GENERATED });
    expect(reportDocSchema.safeParse(doc).success).toBe(true);
    expect(doc.tables.map((t) => t.rows.length)).toEqual([2, 5_000, 1]);
    expect(doc.tables[2]!.heading.ru).toMatch(/\(2\/2\)$/);
    expect(doc.warning!.ru.length).toBeLessThanOrEqual(500);
  });
});

// ───────────────────────── Monthly blank report ─────────────────────────

const kz = (local: string) => Date.parse(`${local}+05:00`);
const NOV = kz('2026-11-01T00:00:00');
const DEC = kz('2026-12-01T00:00:00');
const JAN = kz('2027-01-01T00:00:00');

/** The movement table's figures by "checkpoint|series", read by the Russian column names. */
const COLUMNS = {
  opening: 'Остаток на начало месяца',
  allocated: 'Выделено центром',
  receivedConfirmed: 'Приёмка подтверждена (из выделенного)',
  receivedUnallocated: 'Принято без выделения',
  issued: 'Выдано',
  spoiledUnused: 'Испорчено (до выдачи)',
  lostUnused: 'Утеряно (до выдачи)',
  spoiledIssued: 'Испорчено (после выдачи)',
  lostIssued: 'Утеряно (после выдачи)',
  returned: 'Возвращено перевозчиком',
  annulled: 'Аннулировано',
  redeemed: 'Погашено',
  closing: 'Остаток на конец месяца',
} as const;
type Figures = Record<keyof typeof COLUMNS, number>;
const ZERO: Figures = Object.fromEntries(Object.keys(COLUMNS).map((k) => [k, 0])) as Figures;

/** The movements table read back: `checkpoint kk / ru|series` (and `Барлығы / Всего|`) → figures. */
function figures(doc: ReportDoc): Map<string, Figures> {
  const t = doc.tables[0]!;
  if (t.rows.length === 0) return new Map(); // nothing at any checkpoint yet
  const rowOf = (ru: string) => t.rows.find((r) => String(r[0]).endsWith(` / ${ru}`))!;
  return new Map(
    t.columns.slice(1).map((c, i) => {
      const [kk, series = ''] = c.kk.split(', ');
      const key = `${kk} / ${c.ru.split(', ')[0]}|${series}`;
      return [key, Object.fromEntries(Object.entries(COLUMNS).map(([k, ru]) => [k, rowOf(ru)[i + 1] as number])) as Figures];
    }),
  );
}

/** Opening plus what entered the unused stock, less what left it, is the closing stock. */
const balances = (f: Figures) => f.opening + f.allocated + f.receivedUnallocated - f.issued - f.spoiledUnused - f.lostUnused === f.closing;

describe('monthly blank report (seed 002 p.57-58)', () => {
  const D = 'dostyk-avto';
  const C = (from: number, to = from): BlankRange => ({ series: 'C', from, to });
  let seq = 0;
  const ev = (wallMs: number, e: Record<string, unknown>): BlankEvent => ({ id: `h${String(++seq).padStart(4, '0')}`, hlc: formatHlc({ wallMs, counter: 0, node: 'n' }), by: 'x', ...e }) as BlankEvent;
  const num = (n: number) => formatBlankNumber('C', n);
  /** Reserved, printed and (unless told otherwise) issued at a desk a second apart; the last is issued. */
  const issue = (n: number, at: number, end: 'issued' | 'spoiled' = 'issued', endAt = at + 2000): BlankEvent[] => [
    ev(at, { type: 'reserved', number: num(n), deskId: 'd1', applicationId: `A${n}` }),
    ev(at + 1000, { type: 'printed', number: num(n) }),
    end === 'issued' ? ev(endAt, { type: 'issued', number: num(n), applicationId: `A${n}` }) : ev(endAt, { type: 'spoiled', number: num(n), reason: 'misprint' }),
  ];
  const c4 = issue(4, kz('2026-11-05T10:00:00'));
  const events: BlankEvent[] = [
    ev(kz('2026-10-20T10:00:00'), { type: 'allocated', range: C(1, 100), checkpointId: D }),
    ev(kz('2026-10-25T10:00:00'), { type: 'received', range: C(1, 60), checkpointId: D }),
    ev(kz('2026-10-26T10:00:00'), { type: 'handed-to-desk', range: C(1, 20), deskId: 'd1' }),
    ...issue(1, kz('2026-10-28T10:00:00')),
    ...issue(2, kz('2026-10-28T11:00:00')),
    ...issue(3, kz('2026-10-30T10:00:00'), 'issued', NOV - 1), // the last millisecond of October
    ev(kz('2026-10-29T10:00:00'), { type: 'released', number: num(9), deskId: 'd1' }), // October's anomaly
    ev(NOV, { type: 'received', range: C(61, 80), checkpointId: D }), // midnight: November's
    ev(kz('2026-11-02T10:00:00'), { type: 'received', range: { series: 'D', from: 1, to: 5 }, checkpointId: D }),
    ev(kz('2026-11-03T10:00:00'), { type: 'allocated', range: C(101, 150), checkpointId: D }),
    ev(kz('2026-11-04T10:00:00'), { type: 'received', range: C(201, 210), checkpointId: D }),
    ...c4,
    ...issue(5, kz('2026-11-05T11:00:00'), 'spoiled'),
    ...issue(6, kz('2026-11-05T12:00:00')),
    ev(kz('2026-11-05T13:00:00'), { type: 'lost', number: num(7), reason: 'lost at the desk' }),
    ev(kz('2026-11-05T14:00:00'), { type: 'lost', number: num(21), reason: 'lost in the store' }),
    c4[2]!, // redelivered
    ev(kz('2026-11-06T10:00:00'), { type: 'issued', number: num(8), applicationId: 'A8' }), // never reserved
    ev(kz('2026-11-06T10:01:00'), { type: 'received', range: C(61), checkpointId: D }), // twice
    ev(kz('2026-11-06T10:02:00'), { type: 'issued', number: num(6), applicationId: 'A6' }), // issued again, a new record
    ev(kz('2026-11-10T10:00:00'), { type: 'redeemed', number: num(1) }),
    ev(kz('2026-11-10T10:01:00'), { type: 'returned', number: num(2), reason: 'trip cancelled' }),
    ev(kz('2026-11-10T10:02:00'), { type: 'annulled', number: num(3), reason: 'violation' }),
    ev(kz('2026-11-10T10:03:00'), { type: 'spoiled', number: num(4), reason: 'torn' }),
    ev(kz('2026-11-10T10:04:00'), { type: 'lost', number: num(6), reason: 'carrier lost it' }),
    ev(kz('2026-11-12T10:00:00'), { type: 'taken-back', range: C(18, 20), deskId: 'd1' }),
    ev(kz('2026-11-20T10:00:00'), { type: 'allocated', range: C(301, 310), checkpointId: 'bakhty' }),
    ev(DEC, { type: 'allocated', range: C(151, 160), checkpointId: D }), // midnight: December's
  ];

  it('hand-checked November: every figure, the unused numbers as runs, and only November’s anomalies', () => {
    const doc = buildMonthlyBlankReport({ events: [...events].reverse(), month: '2026-11', generatedAt: GENERATED });
    expect(reportDocSchema.safeParse(doc).success).toBe(true);
    expect(doc.kind).toBe('monthly-blank-report');
    const f = figures(doc);
    expect(f.get(`${name(D)}|C`)).toEqual({ opening: 97, allocated: 50, receivedConfirmed: 20, receivedUnallocated: 10, issued: 2, spoiledUnused: 1, lostUnused: 2, spoiledIssued: 1, lostIssued: 1, returned: 1, annulled: 1, redeemed: 1, closing: 152 });
    expect(f.get(`${name(D)}|D`)).toEqual({ ...ZERO, receivedUnallocated: 5, closing: 5 });
    expect(f.get(`${name('bakhty')}|C`)).toEqual({ ...ZERO, allocated: 10, closing: 10 });
    expect(f.get('Барлығы / Всего|')).toEqual({ opening: 97, allocated: 60, receivedConfirmed: 20, receivedUnallocated: 15, issued: 2, spoiledUnused: 1, lostUnused: 2, spoiledIssued: 1, lostIssued: 1, returned: 1, annulled: 1, redeemed: 1, closing: 167 });
    expect([...f.values()].every(balances)).toBe(true);
    expect(doc.tables[0]!.columns.map((c) => c.ru)).toEqual(['Показатель', 'Достык-авто, C', 'Достык-авто, D', 'Бахты, C', 'Всего']);

    const transit = 'жолда / в пути';
    const store = 'пункт қоймасында / на складе пункта';
    const desk = 'жұмыс орнында / на рабочем месте';
    expect(doc.tables[1]!.rows).toEqual([
      [name(D), transit, 'C0000081-C0000150', 70],
      [name(D), store, 'C0000018-C0000020', 3],
      [name(D), store, 'C0000022-C0000080', 59],
      [name(D), store, 'C0000201-C0000210', 10],
      [name(D), store, 'D0000001-D0000005', 5],
      [name(D), desk, 'C0000008-C0000017', 10],
      [name('bakhty'), transit, 'C0000301-C0000310', 10],
    ]);
    expect(doc.tables[2]!.rows).toEqual([
      [name(D), 'C0000008', 'жол берілмейтін күй ауысуы / недопустимая смена состояния', desk],
      [name(D), 'C0000061', 'бұрын қабылданған / уже принят', store],
      [name(D), 'C0000006', 'жол берілмейтін күй ауысуы / недопустимая смена состояния', 'берілген / выдан'],
    ]);
    expect(doc.meta[0]!.value).toBe('2026-11-01 – 2026-11-30 (UTC+5)');
    expect(doc.signatures).toEqual([{ role: { kk: 'Орталық әкімші', ru: 'Центральный администратор' }, name: '' }]);
  });

  it('December opens with November’s closing, and the blanks allocated at midnight are December’s', () => {
    const dec = figures(buildMonthlyBlankReport({ events, month: '2026-12', generatedAt: GENERATED }));
    expect(dec.get(`${name(D)}|C`)).toEqual({ ...ZERO, opening: 152, allocated: 10, closing: 162 });
  });

  it('an empty month is a valid report with the empty texts; a malformed month is refused', () => {
    const doc = buildMonthlyBlankReport({ events: [], month: '2026-02', generatedAt: GENERATED });
    expect(reportDocSchema.safeParse(doc).success).toBe(true);
    expect(doc.tables.map((t) => [t.rows.length, t.empty?.ru])).toEqual([
      [0, 'Нет ни бланков, ни движения'],
      [0, 'Неиспользованных бланков нет'],
      [0, 'Отклонений нет'],
    ]);
    expect(doc.meta[0]!.value).toBe('2026-02-01 – 2026-02-28 (UTC+5)');
    expect(() => buildMonthlyBlankReport({ events: [], month: '2026-13', generatedAt: GENERATED })).toThrow();
  });
});

// ───────────────────────── Property: balances over two months ─────────────────────────

type Blank = { state: BlankState; cp: string; desk: string | null; app: string | null; printed: boolean };
type Step = { op: (typeof OPS)[number]; pick: number; k: number; gapH: number; cp: string; series: string };
const OPS = ['allocate', 'receive-new', 'receive', 'hand', 'take-back', 'transfer', 'reserve', 'print', 'release', 'issue', 'spoil', 'lose', 'redeem', 'return', 'annul', 'noise', 'redeliver', 'midnight'] as const;
const CPS = ['dostyk-avto', 'bakhty'];
const UNUSED: readonly BlankState[] = ['allocated', 'at-checkpoint', 'at-desk', 'reserved'];
const MONTHS = [
  { month: '2026-11', start: NOV, end: DEC },
  { month: '2026-12', start: DEC, end: JAN },
];

/**
 * Plays a checkpoint network through random steps, writing the events a real one would (plus refused
 * noise and redelivered events), and keeps its own tally of what each month moved, by checkpoint and
 * series: an account kept apart from the ledger, for the report to agree with.
 */
function simulate(steps: readonly Step[]) {
  const blanks = new Map<string, Blank>();
  const events: BlankEvent[] = [];
  const next: Record<string, number> = { C: 1, D: 1 };
  const tally = MONTHS.map(() => new Map<string, Figures>());
  let t = kz('2026-10-29T00:00:00');
  let counter = 0;
  let seq = 0;
  const key = (cp: string, number: string) => `${name(cp)}|${number[0]}`;
  const count = (number: string, field: keyof Figures) => {
    const m = MONTHS.findIndex((x) => t >= x.start && t < x.end);
    if (m < 0) return;
    const k = key(blanks.get(number)!.cp, number);
    const f = tally[m]!.get(k) ?? { ...ZERO };
    f[field]++;
    tally[m]!.set(k, f);
  };
  const push = (e: Record<string, unknown>) => events.push({ id: `e${String(++seq).padStart(5, '0')}`, hlc: formatHlc({ wallMs: t, counter, node: 'sim' }), by: 'o', ...e } as BlankEvent);
  const inState = (...states: BlankState[]) => [...blanks.entries()].filter(([, b]) => states.includes(b.state)).map(([n]) => n).sort();
  /** The consecutive numbers from `first` that lie where it lies (same state, checkpoint and desk), up to k. */
  const runFrom = (first: string, k: number): BlankRange => {
    const b = blanks.get(first)!;
    const range = { series: first[0]!, from: Number(first.slice(1)), to: Number(first.slice(1)) };
    for (;;) {
      const n = blanks.get(formatBlankNumber(range.series, range.to + 1));
      if (range.to - range.from + 1 >= k || !n || n.state !== b.state || n.cp !== b.cp || n.desk !== b.desk) return range;
      range.to++;
    }
  };
  const each = (r: BlankRange, f: (n: string) => void) => {
    for (let i = r.from; i <= r.to; i++) f(formatBlankNumber(r.series, i));
  };
  const set = (n: string, patch: Partial<Blank>) => blanks.set(n, { ...blanks.get(n)!, ...patch });

  for (const s of steps) {
    const was = t;
    t = s.op === 'midnight' ? (MONTHS.map((m) => m.start).concat(JAN).find((b) => b > t) ?? t) : t + s.gapH * 3_600_000;
    counter = t === was ? counter + 1 : 0;
    const pickFrom = (list: string[]) => (list.length > 0 ? list[s.pick % list.length]! : null);
    if (s.op === 'allocate' || s.op === 'receive-new') {
      const range = { series: s.series, from: next[s.series]!, to: next[s.series]! + s.k - 1 };
      next[s.series]! += s.k;
      push({ type: s.op === 'allocate' ? 'allocated' : 'received', range, checkpointId: s.cp });
      each(range, (n) => {
        blanks.set(n, { state: s.op === 'allocate' ? 'allocated' : 'at-checkpoint', cp: s.cp, desk: null, app: null, printed: false });
        count(n, s.op === 'allocate' ? 'allocated' : 'receivedUnallocated');
      });
    } else if (s.op === 'receive' || s.op === 'hand' || s.op === 'take-back' || s.op === 'transfer') {
      const from = pickFrom(inState(s.op === 'receive' ? 'allocated' : s.op === 'hand' ? 'at-checkpoint' : 'at-desk'));
      if (!from) continue;
      const range = runFrom(from, s.k);
      const b = blanks.get(from)!;
      const otherDesk = `${b.cp}-${b.desk === `${b.cp}-1` ? 2 : 1}`;
      if (s.op === 'receive') push({ type: 'received', range, checkpointId: b.cp });
      if (s.op === 'hand') push({ type: 'handed-to-desk', range, deskId: `${b.cp}-${1 + (s.pick % 2)}` });
      if (s.op === 'take-back') push({ type: 'taken-back', range, deskId: b.desk });
      if (s.op === 'transfer') push({ type: 'transferred', range, fromDeskId: b.desk, toDeskId: otherDesk });
      each(range, (n) => {
        if (s.op === 'receive') count(n, 'receivedConfirmed');
        set(n, s.op === 'receive' ? { state: 'at-checkpoint' } : s.op === 'hand' ? { state: 'at-desk', desk: `${b.cp}-${1 + (s.pick % 2)}` } : s.op === 'take-back' ? { state: 'at-checkpoint', desk: null } : { desk: otherDesk });
      });
    } else if (s.op === 'reserve') {
      const n = pickFrom(inState('at-desk'));
      if (!n) continue;
      const app = `A${seq}`;
      push({ type: 'reserved', number: n, deskId: blanks.get(n)!.desk, applicationId: app });
      set(n, { state: 'reserved', app });
    } else if (s.op === 'print' || s.op === 'release') {
      const n = pickFrom(inState('reserved').filter((x) => !blanks.get(x)!.printed));
      if (!n) continue;
      push(s.op === 'print' ? { type: 'printed', number: n } : { type: 'released', number: n, deskId: blanks.get(n)!.desk });
      set(n, s.op === 'print' ? { printed: true } : { state: 'at-desk', app: null });
    } else if (s.op === 'issue') {
      const n = pickFrom(inState('reserved').filter((x) => blanks.get(x)!.printed));
      if (!n) continue;
      push({ type: 'issued', number: n, applicationId: blanks.get(n)!.app });
      count(n, 'issued');
      set(n, { state: 'issued' });
    } else if (s.op === 'spoil' || s.op === 'lose') {
      // Half the losses fall on issued blanks (the carrier's), which are few beside the stock.
      const n = pickFrom(inState(...(s.op === 'spoil' ? (['reserved', 'issued'] as const) : s.k % 2 === 0 ? (['issued'] as const) : UNUSED)));
      if (!n) continue;
      push({ type: s.op === 'spoil' ? 'spoiled' : 'lost', number: n, reason: 'r' });
      const fromStock = UNUSED.includes(blanks.get(n)!.state);
      count(n, s.op === 'spoil' ? (fromStock ? 'spoiledUnused' : 'spoiledIssued') : fromStock ? 'lostUnused' : 'lostIssued');
      set(n, { state: s.op === 'spoil' ? 'spoiled' : 'lost' });
    } else if (s.op === 'redeem' || s.op === 'return' || s.op === 'annul') {
      const n = pickFrom(inState('issued'));
      if (!n) continue;
      const state = s.op === 'redeem' ? 'redeemed' : s.op === 'return' ? 'returned' : 'annulled';
      push(s.op === 'redeem' ? { type: 'redeemed', number: n } : { type: state, number: n, reason: 'r' });
      count(n, state);
      set(n, { state });
    } else if (s.op === 'noise') {
      // Events the ledger must refuse: they change no figure, only the anomalies table.
      const n = pickFrom(inState('at-checkpoint', 'at-desk'));
      const done = pickFrom(inState('issued', 'lost', 'spoiled'));
      if (s.k === 1 && done) push({ type: blanks.get(done)!.state, number: done, applicationId: 'A', reason: 'again' }); // a second record of what already happened
      else if (s.pick % 3 === 0 || !n) push({ type: 'redeemed', number: 'Z9999999' });
      else if (s.pick % 3 === 1) push({ type: 'issued', number: n, applicationId: 'nobody' });
      else push({ type: 'received', range: runFrom(n, 1), checkpointId: blanks.get(n)!.cp });
    } else if (s.op === 'redeliver' && events.length > 0) {
      events.push(events[s.pick % events.length]!);
    }
  }
  return { events, tally };
}

const stepArb = fc.record({
  // Desk work weighted up, so that most runs carry blanks through issue and past it.
  op: fc.constantFrom(...OPS, 'receive', 'hand', 'hand', ...(['reserve', 'print', 'issue'] as const).flatMap((op) => [op, op, op, op]), 'redeem', 'return', 'annul', 'spoil'),
  pick: fc.nat(),
  k: fc.integer({ min: 1, max: 6 }),
  gapH: fc.integer({ min: 0, max: 24 }),
  cp: fc.constantFrom(...CPS),
  series: fc.constantFrom('C', 'C', 'D'),
});

describe('monthly blank report: property over two months', () => {
  it('per checkpoint and series, opening + in − out = closing; December opens with November’s closing; every figure matches an independent tally', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 20, maxLength: 200, size: 'max' }), (steps) => {
        const { events, tally } = simulate(steps);
        const docs = MONTHS.map((m, i) => buildMonthlyBlankReport({ events: i === 0 ? events : [...events].reverse(), month: m.month, generatedAt: GENERATED }));
        for (const doc of docs) expect(reportDocSchema.safeParse(doc).success).toBe(true);
        const [nov, dec] = docs.map(figures) as [Map<string, Figures>, Map<string, Figures>];
        for (const f of [...nov.values(), ...dec.values()]) expect(balances(f)).toBe(true);
        for (const key of new Set([...nov.keys(), ...dec.keys()])) expect(dec.get(key)?.opening ?? 0).toBe(nov.get(key)?.closing ?? 0);
        // The movements, month by month, equal what the simulation itself did (the total row aside).
        [nov, dec].forEach((f, m) => {
          for (const [key, mine] of tally[m]!) expect({ ...f.get(key)!, opening: 0, closing: 0 }).toEqual({ ...mine, opening: 0, closing: 0 });
          for (const [key, theirs] of f) if (key !== 'Барлығы / Всего|' && !tally[m]!.has(key)) expect({ ...theirs, opening: 0, closing: 0 }).toEqual(ZERO);
        });
      }),
      { numRuns: 150 },
    );
  });
});
