/**
 * A report as CSV in one language (RFC 4180: comma, CRLF, fields quoted when they hold a comma, a
 * quote or a line break), with a UTF-8 byte order mark so Excel reads Cyrillic and Kazakh letters
 * instead of guessing a code page. The title, warning and meta come first, then each table under its
 * heading; signature lines belong to paper and are left out.
 */
import type { ReportCell, ReportDoc } from './report-doc.ts';
import { REPORT_WORDS, type ReportLanguage } from './report-text.ts';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** A text Excel or LibreOffice would run as a formula (or DDE command) if it began a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;

/**
 * OWASP's CSV-injection guard: a leading apostrophe makes the spreadsheet show the text as text. A
 * plain number such as "-5" stays as it is: it cannot run, and the apostrophe would turn it into text.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function field(cell: ReportCell): string {
  // A number cell is written plainly (JavaScript's dot decimal, no grouping): a value, not a display.
  const text = typeof cell === 'number' ? String(cell) : guardFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function record(cells: readonly ReportCell[]): string {
  return cells.map(field).join(',');
}

export function reportToCsv(doc: ReportDoc, lang: ReportLanguage): string {
  const lines: string[] = [record([doc.title[lang]])];
  if (doc.warning) lines.push(record([doc.warning[lang]]));
  for (const m of doc.meta) lines.push(record([m.label[lang], m.value]));
  lines.push(record([REPORT_WORDS.generatedAt[lang], doc.generatedAt]));
  for (const table of doc.tables) {
    lines.push('', record([table.heading[lang]]), record(table.columns.map((c) => c[lang])));
    for (const row of table.rows) lines.push(record(row));
    if (table.rows.length === 0 && table.empty) lines.push(record([table.empty[lang]]));
  }
  return BOM + lines.join(CRLF) + CRLF;
}
