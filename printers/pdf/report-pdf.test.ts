import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { ReportDoc } from '../../shared/reports/report-doc.ts';
import { HAS_POPPLER, pdfText, writeTemp } from './pdf-tools.test-support.ts';
import { renderReportPdf } from './report-pdf.ts';
import { sampleReport } from './sample-report.ts';

const KAZAKH_LETTERS = 'ӘҒҚҢӨҰҮҺІ әғқңөұүһі';
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

async function render(doc: ReportDoc, name = 'report.pdf'): Promise<string> {
  return writeTemp(name, await renderReportPdf(doc));
}

/** The text of each page, in order (pdftotext ends every page with a form feed). */
function pagesOf(file: string): string[] {
  return pdfText(file).split('\f').slice(0, -1);
}

/** Every word pdftotext finds on page 1, with its box in points from the top-left. */
function words(file: string, page = 1): { text: string; xMin: number; xMax: number; yMin: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    text: m[4]!,
  }));
}

/** Red pixels in a 30 dpi render of page 1 (the warning's frame and text). */
function redPixels(file: string): number {
  const out = file.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', '-singlefile', file, out]);
  const ppm = readFileSync(`${out}.ppm`);
  // P6 header: magic, width, height, maxval, each followed by one whitespace byte.
  let at = 0;
  for (let fields = 0; fields < 4; at++) if (/\s/.test(String.fromCharCode(ppm[at]!))) fields++;
  let red = 0;
  for (let i = at; i + 2 < ppm.length; i += 3) if (ppm[i]! > 150 && ppm[i + 1]! < 90 && ppm[i + 2]! < 90) red++;
  return red;
}

describe('report PDF', () => {
  it('is A4 portrait, titled in both languages', async () => {
    const doc = await PDFDocument.load(await renderReportPdf(sampleReport()));
    for (const page of doc.getPages()) expect([Math.round(page.getWidth()), Math.round(page.getHeight())]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe('Ауысымның бланктер бойынша салыстыру есебі / Отчёт о сверке бланков за смену');
  });

  it.skipIf(!HAS_POPPLER)('has every label, value and cell as extractable text, Kazakh and Russian', async () => {
    const report = sampleReport();
    const file = await render(report);
    const text = fold(pdfText(file));
    const expected = [
      report.title.kk,
      report.title.ru,
      report.warning!.kk,
      report.warning!.ru,
      ...report.meta.flatMap((m) => [m.label.kk, m.label.ru, m.value]),
      ...report.tables.flatMap((t) => [t.heading.kk, t.heading.ru]),
      ...report.signatures.flatMap((s) => [s.role.kk, s.role.ru]),
      'Жұмабаева Г. Ө.',
      '(қолы / подпись)',
      '(күні / дата)',
      'Айырмашылық жоқ',
      'Расхождений нет',
      '1 234 567,5',
      report.generatedAt,
    ];
    // Wrapped labels come out a line at a time: compare words, and whole strings where they fit a line.
    const wordSet = new Set(text.split(' '));
    for (const s of expected) for (const w of s.split(' ')) expect(wordSet, `${w} (of "${s}")`).toContain(w);
    for (const s of [report.title.kk, report.warning!.ru, 'Достық-авто / Достык-авто', '02.12.2026 08:00 – 20:00', '1 234 567,5']) expect(text).toContain(s);
    for (const row of report.tables[1]!.rows) expect(text).toContain(`${row[1]} ${row[2]}`);
  });

  it.skipIf(!HAS_POPPLER)('prints and extracts all nine Kazakh letters, capital and small, in title, meta and cells', async () => {
    const report = sampleReport();
    report.title.kk = `Есеп ${KAZAKH_LETTERS}`;
    report.meta.push({ label: { kk: 'Әріптер', ru: 'Буквы' }, value: KAZAKH_LETTERS });
    report.tables[1]!.rows[0]![5] = KAZAKH_LETTERS;
    const text = pdfText(await render(report));
    expect(text.split(KAZAKH_LETTERS).length - 1).toBeGreaterThanOrEqual(2);
    for (const letter of KAZAKH_LETTERS.replace(/ /g, '')) expect(text.split(letter).length, letter).toBeGreaterThan(3);
  });

  it.skipIf(!HAS_POPPLER)('runs a 200-row table over pages, repeating its column header, numbering "page / pages"', async () => {
    const report = sampleReport({ movementRows: 200 });
    const pages = pagesOf(await render(report, 'long.pdf'));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    // "1 / 7" is drawn with spaces; pdftotext -layout may close them up, depending on its version.
    pages.forEach((page, i) => expect(page, `page ${i + 1}`).toMatch(new RegExp(`\\b${i + 1} ?/ ?${pages.length}\\b`)));
    pages.forEach((page) => expect(page).toContain(report.generatedAt));

    const numbers = pages.map((p) => [...p.matchAll(/\bC01(\d{5})\b/g)].map((m) => Number(m[1])));
    // Every row once, in order, and the pages the table runs onto start with its header again.
    expect(numbers.flat()).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const runOn = pages.slice(1).filter((_, i) => numbers[i + 1]!.length > 0);
    expect(runOn.length).toBeGreaterThanOrEqual(3);
    for (const page of runOn) {
      expect(page).toContain('Бланктер қозғалысы (жалғасы) / Движение бланков (продолжение)');
      expect(page).toMatch(/№ Бланк нөмірі Оқиға Уақыты Қызметкер Ескерту/);
      expect(page).toMatch(/Номер бланка Событие Время Сотрудник Примечание/);
      expect(page.indexOf('Бланк нөмірі')).toBeLessThan(page.search(/C01\d{5}/));
    }
  });

  it.skipIf(!HAS_POPPLER)('keeps the signature block on one page wherever the tables end', async () => {
    const pageCounts = new Set<number>();
    // Around both page ends of the sample: 8 → 9 rows adds page 2, 45 → 46 adds page 3.
    for (const rows of [5, 6, 7, 8, 9, 10, 11, 12, 42, 43, 44, 45, 46, 47, 48]) {
      const report = sampleReport({ movementRows: rows });
      const pages = pagesOf(await render(report, `sig-${rows}.pdf`)).map(fold);
      pageCounts.add(pages.length);
      const withSignatures = pages.filter((p) => p.includes('(қолы / подпись)'));
      expect(withSignatures, `${rows} rows`).toHaveLength(1);
      const page = withSignatures[0]!;
      expect(page.split('(қолы / подпись)').length - 1).toBe(2);
      expect(page.split('(күні / дата)').length - 1).toBe(2);
      for (const s of report.signatures) expect(page).toContain(s.role.ru);
      // A page of only signatures still says which report it belongs to.
      expect(page).toContain(report.title.ru);
    }
    // The range crossed a page end: otherwise the test proved nothing about keeping together.
    expect(pageCounts.size).toBeGreaterThan(1);
  });

  it.skipIf(!HAS_POPPLER)('right-aligns numbers in their column', async () => {
    const file = await render(sampleReport());
    const onPage = words(file);
    const expectedColumn = ['100', '41', '2', '57', '1 234 567,5'.split(' ').pop()!];
    // Column "Күтілген": each figure's first appearance on the page, top to bottom.
    const cells = expectedColumn.map((t) => onPage.find((w) => w.text === t)!);
    const right = cells.map((c) => c.xMax);
    expect(Math.max(...right) - Math.min(...right)).toBeLessThan(0.5);
    expect(new Set(cells.map((c) => Math.round(c.xMin))).size).toBeGreaterThan(2);
    const header = onPage.find((w) => w.text === 'Күтілген')!;
    expect(Math.abs(header.xMax - right[0]!)).toBeLessThan(0.5);
  });

  it.skipIf(!HAS_POPPLER)('prints the warning in red under the title, and nothing red without one', async () => {
    const withWarning = await render(sampleReport({ warning: true }), 'warn.pdf');
    const without = await render(sampleReport({ warning: false }), 'nowarn.pdf');
    expect(redPixels(withWarning)).toBeGreaterThan(200);
    expect(redPixels(without)).toBe(0);
    const ws = words(withWarning);
    const titleY = ws.find((w) => w.text === 'Ауысымның')!.yMin;
    const warningY = ws.find((w) => w.text === 'айырмашылықпен')!.yMin;
    const metaY = ws.find((w) => w.text === 'Өткізу')!.yMin;
    expect(titleY).toBeLessThan(warningY);
    expect(warningY).toBeLessThan(metaY);
  });

  it.skipIf(!HAS_POPPLER)('carries a row taller than a page over the break, and prints control characters as spaces', async () => {
    // 200 words in each of 10 columns, a word or two to a line: taller than a page.
    const long = Array.from({ length: 200 }, (_, i) => `сөз${i}`).join(' ');
    const report: ReportDoc = {
      kind: 'stress',
      title: { kk: 'Сынақ\tесеп', ru: 'Тестовый\u0000отчёт' },
      meta: [],
      tables: [{ heading: { kk: 'Кесте', ru: 'Таблица' }, columns: Array.from({ length: 10 }, (_, i) => ({ kk: `Б${i}`, ru: `С${i}` })), rows: [Array.from({ length: 10 }, () => long)] }],
      signatures: [],
      generatedAt: '2026-12-02',
    };
    const file = await render(report, 'tall.pdf');
    const pages = pagesOf(file);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]).toContain('Кесте (жалғасы) / Таблица (продолжение)');
    const text = fold(pdfText(file));
    expect(text).toContain('Сынақ есеп');
    expect(text).toContain('Тестовый отчёт');
    // Every word of the long cell in all 10 columns, none lost at the break.
    const counts = new Map<string, number>();
    for (const m of text.matchAll(/сөз\d+/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    expect(counts.size).toBe(200);
    expect([...counts.values()]).toEqual(Array(200).fill(10));
  });

  it.skipIf(!HAS_POPPLER)('keeps Latin letters searchable after an earlier document used them only inside Cyrillic ones', async () => {
    // A fresh process: the fonts' parse is shared for the life of one, and the order of documents matters.
    const file = writeTemp('latin.pdf', new Uint8Array());
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/latin-after-cyrillic.ts'), file]);
    expect(fold(pdfText(file))).toContain('dostyk-avto-1 KZ 123 ABC oya');
  });
});
