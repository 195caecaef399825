import { describe, expect, it } from 'vitest';
import { journalEntryFixture } from '../../test/fixtures/journal.ts';
import type { JournalEntry } from '../documents/journal-entry.ts';
import { entryDay } from '../rules/apply-journal.ts';
import { filterJournal, JOURNAL_COLUMNS, journalCell, journalToCsv, type JournalColumn, type JournalFilter } from './journal-csv.ts';

let seq = 0;
/** The fixture's entry mark with the journal's fields written, as the centre stores it. */
const entry = ({ receivedAt = 0, ...over }: Partial<JournalEntry> = {}): JournalEntry => ({
  ...journalEntryFixture({
    id: `01KB${String(++seq).padStart(22, '0')}`,
    carrierName: 'Toshkent Trans Logistic',
    carrierCountry: 'UZ',
    dispatchCountry: 'UZ',
    destinationCountry: 'KZ',
    route: 'Ташкент — Алматы',
    vehicleMake: 'MAN',
    trailerPlate: '01XA4567',
    permitType: 'bilateral',
    permitValidTo: '2027-01-31',
    permitIssued: '2026 KZ 000101',
    exitDeadline: '2026-12-20',
    ...over,
  }),
  receivedAt,
});

const HEADERS = Object.fromEntries(JOURNAL_COLUMNS.map((c) => [c, `h:${c}`])) as Record<JournalColumn, string>;
const YES_NO: [string, string] = ['иә', 'жоқ'];
const NONE = new Set<string>();

/** A strict reader of what journalToCsv writes: ';' between cells, CRLF between rows, '"' quoting with '""'. */
function readCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < csv.length) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') (cell += '"'), (i += 2);
      else if (ch === '"') (quoted = false), i++;
      else (cell += ch), i++;
    } else if (ch === '"' && cell === '') (quoted = true), i++;
    else if (ch === ';') row.push(cell), (cell = ''), i++;
    else if (ch === '\r' && csv[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), (i += 2);
    else if (ch === '\r' || ch === '\n') throw new Error(`bare line break at ${i}`);
    else (cell += ch), i++;
  }
  if (cell !== '' || row.length > 0) throw new Error('the last row does not end with CRLF');
  return rows;
}
const col = (c: JournalColumn) => JOURNAL_COLUMNS.indexOf(c);

describe('journalToCsv', () => {
  it('writes UTF-8 with a byte-order mark, a header row, ";" between cells and CRLF after every row', () => {
    const csv = journalToCsv([entry(), entry()], HEADERS, NONE, YES_NO);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = readCsv(csv.slice(1));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(JOURNAL_COLUMNS.map((c) => `h:${c}`));
    for (const r of rows) expect(r).toHaveLength(JOURNAL_COLUMNS.length);
    expect(rows[1]![col('documentNumber')]).toBe('KZ000101');
    expect(rows[1]![col('route')]).toBe('Ташкент — Алматы');
    expect(csv.split('\r\n')[1]!.split(';')[col('vehiclePlate')]).toBe('01A123BC');
    // The checkpoint's time, as its day filter counts days, not UTC.
    expect(rows[1]![col('occurredAt')]).toBe('2026-12-02 10:00 (UTC+5)');
  });

  it('quotes cells holding ";", \'"\' or a line break, doubling the quotes', () => {
    const csv = journalToCsv([entry({ carrierName: 'Bishkek; Avto', carrierAddress: 'ул. "Манас" 1', route: 'Бишкек\nАлматы' })], HEADERS, NONE, YES_NO);
    expect(csv).toContain(';"Bishkek; Avto";');
    expect(csv).toContain(';"ул. ""Манас"" 1";');
    const row = readCsv(csv.slice(1))[1]!;
    expect(row[col('carrierName')]).toBe('Bishkek; Avto');
    expect(row[col('carrierAddress')]).toBe('ул. "Манас" 1');
    expect(row[col('route')]).toBe('Бишкек\nАлматы');
  });

  it('makes a cell that would start a formula text: a leading apostrophe, inside quotes', () => {
    const csv = journalToCsv([entry({ vehiclePlate: '=1+1', trailerPlate: '+7701', carrierAddress: '-2', vehicleMake: '@SUM(A1)', carrierName: '=HYPERLINK("x")' })], HEADERS, NONE, YES_NO);
    expect(csv).toContain(';"\'=1+1";');
    expect(csv).toContain(';"\'+7701";');
    expect(csv).toContain(';"\'-2";');
    expect(csv).toContain(';"\'@SUM(A1)";');
    expect(csv).toContain(';"\'=HYPERLINK(""x"")";');
    const row = readCsv(csv.slice(1))[1]!;
    for (const c of ['vehiclePlate', 'trailerPlate', 'carrierAddress', 'vehicleMake', 'carrierName'] as const) expect(row[col(c)]!.startsWith("'")).toBe(true);
    // Cells that merely contain those characters are left alone.
    expect(readCsv(journalToCsv([entry({ vehiclePlate: '01A-123' })], HEADERS, NONE, YES_NO).slice(1))[1]![col('vehiclePlate')]).toBe('01A-123');
  });

  it('keeps the Kazakh letters', () => {
    const kk = 'ӘҒҚҢӨҰҮҺІ әғқңөұүһі';
    const csv = journalToCsv([entry({ carrierName: kk })], { ...HEADERS, carrierName: 'Тасымалдаушы' }, NONE, YES_NO);
    expect(csv).toContain(kk);
    expect(csv).toContain('Тасымалдаушы');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8').decode(bytes)).toContain(kk);
  });

  it('spells nested values out rather than writing JSON', () => {
    const e = entry({
      event: 'export-write-off',
      goods: [{ hsCode: '7308905100', quantity: 100, unit: 'kg' }, { hsCode: '7308905100', quantity: 5, unit: '' }],
      feeDocument: { number: 'ПП-88231', date: '2026-12-02', amountKzt: 58980 },
      carrierSigned: true,
      seal: { number: 'NS-000451', isIntact: false },
      exemption: { basis: 'ct-kz', documentNumber: 'CT-KZ-1' },
      provisional: true,
    });
    const row = readCsv(journalToCsv([e], HEADERS, new Set([e.id]), YES_NO).slice(1))[1]!;
    expect(row[col('goods')]).toBe('7308905100 100 kg; 7308905100 5');
    expect(row[col('feeDocument')]).toBe('ПП-88231 2026-12-02 58980 KZT');
    expect(row[col('carrierSigned')]).toBe('иә');
    expect(row[col('seal')]).toBe('NS-000451 −');
    expect(row[col('exemption')]).toBe('ct-kz CT-KZ-1');
    expect(row[col('provisional')]).toBe('иә');
    expect(row[col('disputed')]).toBe('иә');
    expect(row.join('')).not.toContain('{');
  });

  it('leaves absent values empty and says no for a settled, undisputed entry', () => {
    const e = entry();
    expect(journalCell(e, 'feeDocument', NONE, YES_NO)).toBe('');
    expect(journalCell(e, 'carrierSigned', NONE, YES_NO)).toBe('');
    expect(journalCell({ ...e, carrierSigned: false }, 'carrierSigned', NONE, YES_NO)).toBe('жоқ');
    expect(journalCell(e, 'seal', NONE, YES_NO)).toBe('');
    expect(journalCell({ ...e, seal: { number: 'NS-1', isIntact: true } }, 'seal', NONE, YES_NO)).toBe('NS-1 +');
    expect(journalCell(e, 'provisional', NONE, YES_NO)).toBe('жоқ');
    expect(journalCell(e, 'disputed', new Set(['other']), YES_NO)).toBe('жоқ');
  });

  it('writes only the header for an empty journal', () => {
    expect(readCsv(journalToCsv([], HEADERS, NONE, YES_NO).slice(1))).toHaveLength(1);
  });
});

describe('filterJournal', () => {
  const a = entry({ occurredAt: '2026-12-01T09:00:00.000+05:00' });
  const b = entry({
    event: 'export-write-off',
    documentNumber: 'EP-2026-0001',
    vehiclePlate: '01KG777ABC',
    trailerPlate: '',
    carrierName: 'Құрылыс Металл ЖШС',
    declarationNumber: '55301/021226/0004321',
    checkpointId: 'kolzhat',
    // 20:30 UTC on 1 December is 01:30 on 2 December at the checkpoint.
    occurredAt: '2026-12-01T20:30:00.000Z',
  });
  const c = entry({ event: 'seal-removed', documentNumber: 'NS-000452', vehiclePlate: '777ABC02', trailerPlate: '', carrierName: '', seal: { number: 'NS-000452', isIntact: true }, occurredAt: '2026-12-03T12:00:00.000+05:00' });
  const d = entry({ event: 'export-exemption', documentNumber: '', vehiclePlate: '555QQQ02', trailerPlate: '', carrierName: '', exemption: { basis: 'ct-kz', documentNumber: 'CT-KZ-7788' }, occurredAt: '2026-12-03T13:00:00.000+05:00' });
  const all = [a, b, c, d];
  const none: JournalFilter = { text: '', from: '', to: '', event: '', checkpointId: null };
  const ids = (es: JournalEntry[]) => es.map((e) => e.id);
  const find = (f: Partial<JournalFilter>) => ids(filterJournal(all, { ...none, ...f }, entryDay));

  it('shows everything with an empty filter', () => {
    expect(find({})).toEqual(ids(all));
    expect(find({ text: '   ' })).toEqual(ids(all));
  });

  it('finds by a fragment of the document number, plate, trailer, declaration, carrier, seal or exemption document, ignoring case and spaces', () => {
    expect(find({ text: 'kz 0001' })).toEqual([a.id]);
    expect(find({ text: 'ep-2026' })).toEqual([b.id]);
    expect(find({ text: '777abc' })).toEqual([b.id, c.id]);
    expect(find({ text: 'XA 4567' })).toEqual([a.id]);
    expect(find({ text: '021226/0004' })).toEqual([b.id]);
    expect(find({ text: 'металл' })).toEqual([b.id]);
    expect(find({ text: 'ns-000452' })).toEqual([c.id]);
    expect(find({ text: 'ct-kz-7788' })).toEqual([d.id]);
    expect(find({ text: 'nothing-like-this' })).toEqual([]);
  });

  // FAILS AT PRESENT (reported to the lead): plates and numbers are stored folded to Latin (normalizePlate,
  // documentKey) but the search text is not folded, so a plate typed on a Cyrillic layout finds nothing.
  it('finds a plate or number typed with Cyrillic look-alike letters', () => {
    expect(find({ text: '01А123ВС' })).toEqual([a.id]);
    expect(find({ text: 'ЕР-2026' })).toEqual([b.id]);
  });

  it('keeps the day range inclusive at both ends, by the day at the checkpoint', () => {
    expect(find({ from: '2026-12-02', to: '2026-12-02' })).toEqual([b.id]);
    expect(find({ from: '2026-12-02' })).toEqual([b.id, c.id, d.id]);
    expect(find({ to: '2026-12-02' })).toEqual([a.id, b.id]);
    expect(find({ from: '2026-12-01', to: '2026-12-03' })).toEqual(ids(all));
    expect(find({ from: '2026-12-04' })).toEqual([]);
  });

  it('filters by event and by checkpoint, together with the text', () => {
    expect(find({ event: 'seal-removed' })).toEqual([c.id]);
    expect(find({ checkpointId: 'kolzhat' })).toEqual([b.id]);
    expect(find({ checkpointId: 'dostyk-avto' })).toEqual([a.id, c.id, d.id]);
    expect(find({ checkpointId: 'dostyk-avto', text: '777ABC' })).toEqual([c.id]);
    expect(find({ event: 'entry-mark', text: 'NS-000452' })).toEqual([]);
  });
});
