import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../printers/pdf/sample-report.ts';
import { guardFormula, reportToCsv } from './csv.ts';
import type { ReportDoc } from './report-doc.ts';
import { reportDocSchema } from './report-doc-schema.ts';
import { reportFileName } from './report-text.ts';
import { columnName, reportSheetNames, reportToXlsx, sheetName } from './xlsx.ts';
import { crc32 } from './zip-store.ts';

const has = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const HAS_UNZIP = has('unzip') && has('xmllint');

/** A report with the things that break exports: commas, quotes, line breaks, formulas, control characters. */
function awkwardReport(): ReportDoc {
  const report = sampleReport({ movementRows: 3 });
  report.tables[1]!.rows[0]![5] = 'Акт №5, «Әңгүр» "ЖШС"\nекінші жол';
  report.tables[1]!.rows[1]![5] = '=HYPERLINK("http://evil.example","click")';
  report.tables[1]!.rows[2]![5] = 'бақылау\u0001таңбасы';
  return report;
}

describe('CSV', () => {
  it('starts with a BOM, ends records with CRLF and quotes what needs quoting', () => {
    const csv = reportToCsv(awkwardReport(), 'kk');
    expect(csv.startsWith('\uFEFFАуысымның бланктер бойынша салыстыру есебі\r\n')).toBe(true);
    expect(csv).toContain('"Акт №5, «Әңгүр» ""ЖШС""\nекінші жол"');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('\r\nБланктер қозғалысы\r\n№,Бланк нөмірі,Оқиға,Уақыты,Қызметкер,Ескерту\r\n');
    // The empty table says so instead of leaving a bare header.
    expect(csv).toContain('Бланк нөмірі,Түсініктеме\r\nАйырмашылық жоқ\r\n');
  });

  it('guards text a spreadsheet would run as a formula, and leaves negative numbers alone', () => {
    const csv = reportToCsv(awkwardReport(), 'ru');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    for (const [input, out] of [['=1+2', "'=1+2"], ['+7 701', "'+7 701"], ['@SUM(A1)', "'@SUM(A1)"], ['-5', '-5'], ['-2,5', '-2,5'], ['C0100001', 'C0100001'], ['\tx', "'\tx"]]) expect(guardFormula(input!), input).toBe(out);
    // Numeric cells stay numbers: the closing balance's -1 is written plainly.
    expect(csv).toContain('Бланков на конец смены,57,56,-1');
  });

  it('is in the language asked for', () => {
    const ru = reportToCsv(sampleReport(), 'ru');
    expect(ru).toContain('Отчёт о сверке бланков за смену');
    expect(ru).not.toContain('Ауысымның бланктер');
    expect(ru).toContain('Расхождений нет');
  });

  it('names files by kind and day', () => {
    expect(reportFileName(sampleReport(), 'csv')).toBe('shift-report-2026-12-02.csv');
    expect(reportFileName({ kind: 'x', generatedAt: 'no date' }, 'xlsx')).toBe('x.xlsx');
  });
});

describe('XLSX', () => {
  it('crc32 is the ZIP one', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('names columns and sheets as Excel requires', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    const taken = new Set<string>();
    expect(sheetName('Бланктер: [қозғалысы] / 2026?', 'x', taken)).toBe('Бланктер қозғалысы 2026');
    expect(sheetName('history', 'Кесте 2', taken)).toBe('Кесте 2');
    expect(sheetName('БЛАНКТЕР ҚОЗҒАЛЫСЫ 2026', 'x', taken)).toBe('БЛАНКТЕР ҚОЗҒАЛЫСЫ 2026 (2)');
    expect(Array.from(sheetName('Ә'.repeat(40), 'x', taken))).toHaveLength(31);
    expect(reportSheetNames(sampleReport(), 'kk')).toEqual(['Жиынтық', 'Қорытынды', 'Бланктер қозғалысы', 'Түсіндірілмеген айырмашылықтар']);
  });

  it.skipIf(!HAS_UNZIP)('is a ZIP unzip accepts, every part well-formed XML, numbers numeric and formulas inert', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shekara-xlsx-'));
    const file = join(dir, 'report.xlsx');
    writeFileSync(file, reportToXlsx(awkwardReport(), 'kk'));
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    execFileSync('unzip', ['-q', file, '-d', join(dir, 'x')]);
    const parts = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
    expect(parts[0]).toBe('[Content_Types].xml');
    expect(parts).toEqual(expect.arrayContaining(['xl/workbook.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet4.xml']));
    for (const part of parts) execFileSync('xmllint', ['--noout', join(dir, 'x', part)]); // throws on malformed XML

    const sheet1 = readFileSync(join(dir, 'x', 'xl/worksheets/sheet2.xml'), 'utf8');
    // The summary table: figures as numeric cells, so they can be summed.
    expect(sheet1).toMatch(/<c r="B3"><v>100<\/v><\/c>/);
    expect(sheet1).toMatch(/<c r="D6"><v>-1<\/v><\/c>/);
    const moves = readFileSync(join(dir, 'x', 'xl/worksheets/sheet3.xml'), 'utf8');
    expect(moves).not.toContain('<f>');
    expect(moves).toContain('<t xml:space="preserve">=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)</t>');
    expect(moves).toContain('бақылаутаңбасы'); // the control character is gone, the text is not
    expect(moves).toContain('ySplit="2"'); // heading and column header stay in view
    const workbook = readFileSync(join(dir, 'x', 'xl/workbook.xml'), 'utf8');
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(['Жиынтық', 'Қорытынды', 'Бланктер қозғалысы', 'Түсіндірілмеген айырмашылықтар']);
    expect(readdirSync(join(dir, 'x', 'xl/worksheets'))).toHaveLength(4);
  });
});

describe('the report schema', () => {
  it('accepts the sample and refuses ragged rows, bad kinds and oversized reports', () => {
    expect(reportDocSchema.safeParse(sampleReport()).success).toBe(true);
    const ragged = sampleReport();
    ragged.tables[0]!.rows[0] = ['x'];
    expect(reportDocSchema.safeParse(ragged).error?.issues[0]?.message).toBe('row has 1 cells for 4 columns');
    expect(reportDocSchema.safeParse({ ...sampleReport(), kind: '../etc/passwd' }).success).toBe(false);
    const huge = sampleReport({ movementRows: 5_001 });
    expect(reportDocSchema.safeParse(huge).success).toBe(false);
    expect(reportDocSchema.safeParse({ ...sampleReport(), title: { kk: 'x'.repeat(501), ru: 'x' } }).success).toBe(false);
  });
});
