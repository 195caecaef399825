/**
 * A report as an Excel workbook (Office Open XML SpreadsheetML, ECMA-376) in one language: a first
 * summary sheet (title, warning, meta, when generated), then one sheet per table with its heading, its
 * column header (frozen while scrolling) and its rows. Numbers are numeric cells, so the supervisor can
 * sum them; text is inline strings, which a spreadsheet never evaluates, so no formula can be injected.
 * Zipped by zip-store.ts: shared/ stays pure TypeScript.
 */
import type { ReportCell, ReportDoc } from './report-doc.ts';
import { REPORT_WORDS, type ReportLanguage } from './report-text.ts';
import { zipStore } from './zip-store.ts';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Excel's own limit on a cell's text. */
const MAX_CELL_CHARS = 32_767;

/** Style ids in styles.xml's cellXfs, in its order. */
const STYLE = { normal: 0, bold: 1, title: 2, warning: 3 } as const;
type Style = (typeof STYLE)[keyof typeof STYLE];

/**
 * Text XML 1.0 can carry: without the control characters (other than tab and line breaks), lone
 * surrogates and U+FFFE/FFFF, which would make the whole file unreadable, not just the cell.
 */
function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * A sheet name Excel accepts: at most 31 characters, none of []:*?/\, no apostrophe at either end,
 * not "History" (reserved), and unique regardless of case (`taken` holds the lower-cased names so far).
 */
export function sheetName(wanted: string, fallback: string, taken: Set<string>): string {
  const clean = (s: string) =>
    s
      .replace(/[[\]:*?/\\\u0000-\u001f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
  const cut = (s: string, max: number) => Array.from(s).slice(0, max).join('').trim();
  let base = cut(clean(wanted), 31);
  if (base === '' || base.toLowerCase() === 'history') base = cut(clean(fallback), 31);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${cut(base, 31 - ` (${n})`.length)} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

type Row = { cells: { value: ReportCell; style: Style }[] } | null; // null: an empty row

function cellXml(ref: string, value: ReportCell, style: Style): string {
  const s = style === STYLE.normal ? '' : ` s="${style}"`;
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`;
  const text = xmlText(String(value).slice(0, MAX_CELL_CHARS));
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
}

/** Column widths in characters, from the longest text in each column (rows from `fromRow` on). */
function columnWidths(rows: Row[], fromRow: number): number[] {
  const widths: number[] = [];
  rows.slice(fromRow).forEach((row) =>
    row?.cells.forEach((c, i) => {
      const longest = Math.max(...String(c.value).split('\n').map((l) => l.length));
      widths[i] = Math.max(widths[i] ?? 8, Math.min(longest + 2, 60));
    }),
  );
  return widths;
}

function worksheetXml(rows: Row[], opts: { frozenRows?: number; widthsFromRow: number; selected: boolean }): string {
  const pane = opts.frozenRows
    ? `<pane ySplit="${opts.frozenRows}" topLeftCell="A${opts.frozenRows + 1}" activePane="bottomLeft" state="frozen"/>`
    : '';
  const widths = columnWidths(rows, opts.widthsFromRow);
  const cols = widths.length ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '';
  const data = rows
    .map((row, r) => (row === null ? '' : `<row r="${r + 1}">${row.cells.map((c, i) => cellXml(`${columnName(i)}${r + 1}`, c.value, c.style)).join('')}</row>`))
    .join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}"><sheetViews><sheetView${opts.selected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${data}</sheetData></worksheet>`
  );
}

function summaryRows(doc: ReportDoc, lang: ReportLanguage): Row[] {
  const rows: Row[] = [{ cells: [{ value: doc.title[lang], style: STYLE.title }] }];
  if (doc.warning) rows.push({ cells: [{ value: doc.warning[lang], style: STYLE.warning }] });
  rows.push(null);
  for (const m of doc.meta) rows.push({ cells: [{ value: m.label[lang], style: STYLE.bold }, { value: m.value, style: STYLE.normal }] });
  rows.push({ cells: [{ value: REPORT_WORDS.generatedAt[lang], style: STYLE.bold }, { value: doc.generatedAt, style: STYLE.normal }] });
  return rows;
}

function tableRows(table: ReportDoc['tables'][number], lang: ReportLanguage): Row[] {
  const rows: Row[] = [
    { cells: [{ value: table.heading[lang], style: STYLE.bold }] },
    { cells: table.columns.map((c) => ({ value: c[lang], style: STYLE.bold })) },
    ...table.rows.map((r): Row => ({ cells: r.map((value) => ({ value, style: STYLE.normal })) })),
  ];
  if (table.rows.length === 0 && table.empty) rows.push({ cells: [{ value: table.empty[lang], style: STYLE.normal }] });
  return rows;
}

const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="4"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="14"/><name val="Calibri"/></font><font><b/><sz val="11"/><color rgb="FFC00000"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The sheet names the workbook will have: the summary first, then one per table. */
export function reportSheetNames(doc: ReportDoc, lang: ReportLanguage): string[] {
  const taken = new Set<string>();
  const summary = sheetName(REPORT_WORDS.summary[lang], 'Summary', taken);
  return [summary, ...doc.tables.map((t, i) => sheetName(t.heading[lang], `${REPORT_WORDS.table[lang]} ${i + 1}`, taken))];
}

export function reportToXlsx(doc: ReportDoc, lang: ReportLanguage): Uint8Array {
  const names = reportSheetNames(doc, lang);
  const sheets = [
    // The title and warning run on across empty cells; they do not set column A's width.
    worksheetXml(summaryRows(doc, lang), { widthsFromRow: doc.warning ? 2 : 1, selected: true }),
    ...doc.tables.map((t) => worksheetXml(tableRows(t, lang), { frozenRows: 2, widthsFromRow: 1, selected: false })),
  ];
  const sheetPart = (i: number) => `xl/worksheets/sheet${i + 1}.xml`;
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    sheets.map((_, i) => `<Override PartName="/${sheetPart(i)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '</Types>';
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    '</Relationships>';
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<dc:title>${xmlText(doc.title[lang])}</dc:title><dc:creator>Shekara</dc:creator></cp:coreProperties>`;
  const workbook =
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
    names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;

  const utf8 = new TextEncoder();
  return zipStore([
    // [Content_Types].xml first: some readers sniff an OOXML package by its first entry.
    { name: '[Content_Types].xml', data: utf8.encode(contentTypes) },
    { name: '_rels/.rels', data: utf8.encode(rootRels) },
    { name: 'docProps/core.xml', data: utf8.encode(core) },
    { name: 'xl/workbook.xml', data: utf8.encode(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: utf8.encode(workbookRels) },
    { name: 'xl/styles.xml', data: utf8.encode(STYLES_XML) },
    ...sheets.map((xml, i) => ({ name: sheetPart(i), data: utf8.encode(xml) })),
  ]);
}
