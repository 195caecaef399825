/**
 * Any ReportDoc as an A4 portrait PDF: the title (Kazakh, Russian under it), the warning in red, the
 * meta, each table with its column header repeated on every page it runs onto, and the signature lines
 * kept together at the end; "generated at" and "page / pages" in every page's footer. DejaVu Sans is
 * embedded, so every Kazakh letter prints and can be searched and copied from the file.
 */
import { PDFDocument, rgb, type Color, type PDFPage } from 'pdf-lib';
import type { Bilingual, ReportCell, ReportDoc, ReportTable } from '../../shared/reports/report-doc.ts';
import { REPORT_WORDS } from '../../shared/reports/report-text.ts';
import { formatNumber } from './addendum-values.ts';
import { embedFonts, textWidth, type FontFace } from './fonts.ts';
import { blockHeight, drawLines, GREY, lineHeight, MM, wrapped, type Fonts, type Line } from './text-layout.ts';

const A4: [number, number] = [210 * MM, 297 * MM];
const LEFT = 15 * MM;
const RIGHT = A4[0] - 15 * MM;
const WIDTH = RIGHT - LEFT;
const TOP = A4[1] - 14 * MM;
/** Content stops here; the footer sits under it. */
const BOTTOM = 18 * MM;
const FOOTER_Y = 10 * MM;
const RED = rgb(0.75, 0, 0);
const RED_FILL = rgb(1, 0.94, 0.94);
const RULE = rgb(0.55, 0.55, 0.55);
const HEADER_FILL = rgb(0.91, 0.91, 0.91);

/** Type sizes of a table at full size; a table too wide for them is set smaller, down to 3/4. */
const TABLE_TYPE = { cell: 8, headKk: 7.5, headRu: 6.5 };
const MIN_TABLE_SCALE = 0.75;
type TableType = typeof TABLE_TYPE;
const PAD_X = 1.2 * MM;
const PAD_Y = 0.9 * MM;
/** A single word wider than this breaks inside itself rather than widening its column further. */
const MAX_WORD_WIDTH = 30 * MM;

/** Tabs and other control characters would print as missing-glyph boxes; a line break stays one. */
function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
}

function lines(face: FontFace, text: string, size: number, width: number, color?: Color): Line[] {
  return wrapped(face, clean(text), size, width, color);
}

/** Kazakh first, the Russian under it, smaller and grey. */
function bilingual(label: Bilingual, face: FontFace, kkSize: number, ruSize: number, width: number, color?: Color): Line[] {
  return [...lines(face, label.kk, kkSize, width, color), ...lines('regular', label.ru, ruSize, width, color ?? GREY)];
}

/**
 * Where the next thing goes: the current page and how far down it is filled. Every page after the first
 * starts with the report's title, small: a page that comes loose (the signatures' page) still says
 * which report it belongs to.
 */
class Cursor {
  page: PDFPage;
  y = TOP;
  /** Where content starts on the current page. */
  private top = TOP;
  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
    private readonly runningHead: Line[],
  ) {
    this.page = doc.addPage(A4);
  }
  room(): number {
    return this.y - BOTTOM;
  }
  /** The room on a page yet to come. */
  roomOfNewPage(): number {
    return TOP - blockHeight(this.runningHead) - 4 * MM - BOTTOM;
  }
  newPage(): void {
    this.page = this.doc.addPage(A4);
    const under = drawLines(this.page, this.fonts, this.runningHead, LEFT, TOP) - 1 * MM;
    this.page.drawLine({ start: { x: LEFT, y: under }, end: { x: RIGHT, y: under }, thickness: 0.4, color: RULE });
    this.y = this.top = under - 3 * MM;
  }
  /** Starts a new page unless `height` fits on this one (or this one is still empty). */
  keep(height: number): void {
    if (height > this.room() && !this.fresh()) this.newPage();
  }
  /** Nothing drawn on this page yet but its running head. */
  private fresh(): boolean {
    return this.y >= this.top;
  }
}

function drawTitle(at: Cursor, fonts: Fonts, doc: ReportDoc): void {
  const title = [...lines('bold', doc.title.kk, 14, WIDTH), ...lines('regular', doc.title.ru, 10.5, WIDTH, GREY)];
  at.y = drawLines(at.page, fonts, title, LEFT, at.y, { width: WIDTH, to: 'center' }) - 3 * MM;
  if (!doc.warning) return;
  const inset = 3 * MM;
  const warning = bilingual(doc.warning, 'bold', 9.5, 8.5, WIDTH - 2 * inset, RED);
  const height = blockHeight(warning) + 2 * PAD_Y + 1 * MM;
  at.page.drawRectangle({ x: LEFT, y: at.y - height, width: WIDTH, height, color: RED_FILL, borderColor: RED, borderWidth: 0.8 });
  drawLines(at.page, fonts, warning, LEFT + inset, at.y - PAD_Y - 0.5 * MM);
  at.y -= height + 4 * MM;
}

function drawMeta(at: Cursor, fonts: Fonts, meta: ReportDoc['meta']): void {
  const labelWidth = 58 * MM;
  const valueX = LEFT + labelWidth + 3 * MM;
  for (const m of meta) {
    const label = bilingual(m.label, 'regular', 8.5, 7, labelWidth);
    const value = lines('bold', m.value, 9.5, RIGHT - valueX);
    const height = Math.max(blockHeight(label), blockHeight(value)) + 1.5 * MM;
    at.keep(height);
    drawLines(at.page, fonts, label, LEFT, at.y);
    drawLines(at.page, fonts, value, valueX, at.y);
    at.y -= height;
  }
  if (meta.length > 0) at.y -= 3 * MM;
}

// ---------------------------------------------------------------- tables

type Column = { width: number; numeric: boolean };
type Row = { cells: Line[][]; columns: Column[] };

function cellText(cell: ReportCell): string {
  return typeof cell === 'number' ? formatNumber(cell) : clean(cell);
}

function widest(face: FontFace, text: string, size: number, by: 'line' | 'word'): number {
  const parts = by === 'line' ? text.split('\n') : text.split(/[ \n]/);
  return parts.reduce((w, p) => Math.max(w, textWidth(face, p, size)), 0);
}

/**
 * What each column needs at these type sizes: at least its longest word (capped), ideally its longest
 * line. A numeric column right-aligns, header included.
 */
function measureColumns(table: ReportTable, type: TableType): { natural: number; least: number; numeric: boolean }[] {
  const texts = table.rows.map((r) => r.map(cellText));
  return table.columns.map((head, i) => {
    const numeric = table.rows.length > 0 && table.rows.every((r) => typeof r[i] === 'number' || r[i] === '');
    let natural = Math.max(widest('bold', head.kk, type.headKk, 'line'), widest('regular', head.ru, type.headRu, 'line'));
    let least = Math.max(widest('bold', head.kk, type.headKk, 'word'), widest('regular', head.ru, type.headRu, 'word'));
    for (const row of texts) {
      const text = row[i] ?? '';
      natural = Math.max(natural, widest('regular', text, type.cell, 'line'));
      // A formatted number keeps its no-break spaces: it never wraps, so all of it is the least width.
      least = Math.max(least, numeric ? textWidth('regular', text, type.cell) : widest('regular', text, type.cell, 'word'));
    }
    least = Math.min(least, MAX_WORD_WIDTH);
    return { numeric, natural: Math.max(natural, least) + 2 * PAD_X, least: least + 2 * PAD_X };
  });
}

/**
 * Column widths that fill the page, and the type sizes they were measured at: a table with many
 * columns (twelve months side by side) is set smaller until its words fit, rather than break figures.
 */
function layoutColumns(table: ReportTable): { columns: Column[]; type: TableType } {
  let type = TABLE_TYPE;
  let needs = measureColumns(table, type);
  const least = needs.reduce((s, c) => s + c.least - 2 * PAD_X, 0);
  const room = WIDTH - needs.length * 2 * PAD_X;
  if (least > room) {
    const k = Math.max(MIN_TABLE_SCALE, room / least);
    type = { cell: TABLE_TYPE.cell * k, headKk: TABLE_TYPE.headKk * k, headRu: TABLE_TYPE.headRu * k };
    needs = measureColumns(table, type);
  }
  return { columns: fillWidth(needs).map((width, i) => ({ width, numeric: needs[i]!.numeric })), type };
}

/**
 * Shares the page width out like a browser's automatic table layout: every column its least width, then
 * the rest in equal shares, a column that needs less than a share taking only what it needs, so short
 * columns (a name, a time) never wrap because a long note column would like the whole line.
 */
function fillWidth(needs: { natural: number; least: number; numeric: boolean }[]): number[] {
  const leastSum = needs.reduce((s, c) => s + c.least, 0);
  if (leastSum >= WIDTH) {
    // Too many columns for their words: text columns give way (their words break), figures keep
    // their width while they can, as a figure broken over two lines is easily misread.
    const figures = needs.reduce((s, c) => s + (c.numeric ? c.least : 0), 0);
    if (figures > WIDTH / 2) return needs.map((c) => (c.least * WIDTH) / leastSum);
    const scale = (WIDTH - figures) / (leastSum - figures);
    return needs.map((c) => (c.numeric ? c.least : c.least * scale));
  }
  const widths = needs.map((c) => c.least);
  let open = needs.map((_, i) => i).filter((i) => needs[i]!.natural > widths[i]!);
  let spare = WIDTH - leastSum;
  while (open.length > 0 && spare > 0.01) {
    const share = spare / open.length;
    const small = open.filter((i) => needs[i]!.natural - widths[i]! <= share);
    if (small.length === 0) {
      for (const i of open) widths[i] = widths[i]! + share;
      spare = 0;
      break;
    }
    for (const i of small) {
      spare -= needs[i]!.natural - widths[i]!;
      widths[i] = needs[i]!.natural;
    }
    open = open.filter((i) => !small.includes(i));
  }
  // Every column satisfied and width to spare: widen them all alike, so the table spans the page.
  const sum = widths.reduce((s, w) => s + w, 0);
  return widths.map((w) => (w * WIDTH) / sum);
}

function rowHeight(row: Row): number {
  return Math.max(...row.cells.map(blockHeight)) + 2 * PAD_Y;
}

function drawRow(at: Cursor, fonts: Fonts, row: Row, opts: { fill?: Color; topRule?: boolean } = {}): void {
  const height = rowHeight(row);
  const top = at.y;
  const { page } = at;
  if (opts.fill) page.drawRectangle({ x: LEFT, y: top - height, width: WIDTH, height, color: opts.fill });
  let x = LEFT;
  row.cells.forEach((cell, i) => {
    const col = row.columns[i]!;
    drawLines(page, fonts, cell, x + PAD_X, top - PAD_Y, col.numeric ? { width: col.width - 2 * PAD_X, to: 'right' } : null);
    x += col.width;
  });
  const rule = (x1: number, y1: number, x2: number, y2: number) => page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.4, color: RULE });
  if (opts.topRule) rule(LEFT, top, RIGHT, top);
  rule(LEFT, top - height, RIGHT, top - height);
  x = LEFT;
  rule(x, top, x, top - height);
  for (const col of row.columns) {
    x += col.width;
    rule(x, top, x, top - height);
  }
  at.y -= height;
}

/** The first `count` lines of each cell, and the rest: a row taller than a page goes on over the break. */
function splitRow(row: Row, count: number): [Row, Row] {
  return [
    { columns: row.columns, cells: row.cells.map((c) => c.slice(0, count)) },
    { columns: row.columns, cells: row.cells.map((c) => c.slice(count)) },
  ];
}

function drawTable(at: Cursor, fonts: Fonts, table: ReportTable): void {
  const { columns, type } = layoutColumns(table);
  const inner = (c: Column) => c.width - 2 * PAD_X;
  const header: Row = { columns, cells: table.columns.map((head, i) => bilingual(head, 'bold', type.headKk, type.headRu, inner(columns[i]!))) };
  const body: Row[] = table.rows.map((r) => ({ columns, cells: r.map((cell, i) => lines('regular', cellText(cell), type.cell, inner(columns[i]!))) }));
  if (body.length === 0) {
    // One cell across the table: "no differences", or a dash when the report says nothing.
    const whole = { width: WIDTH, numeric: false };
    body.push({ columns: [whole], cells: [table.empty ? bilingual(table.empty, 'regular', type.cell, 7, inner(whole), GREY) : lines('regular', '—', type.cell, inner(whole), GREY)] });
  }
  const heading = bilingual(table.heading, 'bold', 10.5, 8.5, WIDTH);
  const continued = lines('regular', `${table.heading.kk} (${REPORT_WORDS.continued.kk}) / ${table.heading.ru} (${REPORT_WORDS.continued.ru})`, 7.5, WIDTH, GREY);
  const headerHeight = rowHeight(header);
  const lineStep = lineHeight(type.cell);

  // The heading never ends a page alone: it stays with the column header and (some of) the first row.
  at.keep(blockHeight(heading) + 1.5 * MM + headerHeight + Math.min(rowHeight(body[0]!), 3 * lineStep + 2 * PAD_Y));
  at.y = drawLines(at.page, fonts, heading, LEFT, at.y) - 1.5 * MM;
  drawRow(at, fonts, header, { fill: HEADER_FILL, topRule: true });
  const nextPage = () => {
    at.newPage();
    at.y = drawLines(at.page, fonts, continued, LEFT, at.y) - 1 * MM;
    drawRow(at, fonts, header, { fill: HEADER_FILL, topRule: true });
  };
  const freshRoom = at.roomOfNewPage() - blockHeight(continued) - 1 * MM - headerHeight;

  for (let row of body) {
    for (;;) {
      const height = rowHeight(row);
      if (height <= at.room()) {
        drawRow(at, fonts, row);
        break;
      }
      const fit = Math.floor((at.room() - 2 * PAD_Y) / lineStep);
      if (height <= freshRoom || fit < 1) {
        nextPage();
        continue;
      }
      const [here, rest] = splitRow(row, fit);
      drawRow(at, fonts, here);
      row = rest;
      nextPage();
    }
  }
  at.y -= 6 * MM;
}

// ---------------------------------------------------------------- signatures and footer

/**
 * One line per signer: the role, the name over a line (a blank line to write it in when unknown), a
 * line for the signature and one for the date, each captioned. The block is never split over a page.
 */
function drawSignatures(at: Cursor, fonts: Fonts, signatures: ReportDoc['signatures']): void {
  if (signatures.length === 0) return;
  const roleWidth = 56 * MM;
  const fields = [
    { x: LEFT + 60 * MM, width: 52 * MM, caption: REPORT_WORDS.name },
    { x: LEFT + 117 * MM, width: 36 * MM, caption: REPORT_WORDS.signature },
    { x: LEFT + 158 * MM, width: 22 * MM, caption: REPORT_WORDS.date },
  ];
  const rows = signatures.map((s) => {
    const role = bilingual(s.role, 'regular', 8.5, 7, roleWidth);
    const name = lines('bold', s.name, 9.5, fields[0]!.width);
    // The writing line sits under the taller of role and name, with room above it for a pen.
    const lineAt = Math.max(blockHeight(role), blockHeight(name), 7 * MM);
    return { role, name, lineAt, height: lineAt + 7 * MM };
  });
  const total = 4 * MM + rows.reduce((h, r) => h + r.height, 0);
  if (total <= at.roomOfNewPage()) at.keep(total);
  at.y -= 4 * MM;
  for (const r of rows) {
    at.keep(r.height);
    const { page } = at;
    const base = at.y - r.lineAt;
    drawLines(page, fonts, r.role, LEFT, at.y);
    drawLines(page, fonts, r.name, fields[0]!.x, base + blockHeight(r.name) + 0.5 * MM);
    for (const f of fields) {
      page.drawLine({ start: { x: f.x, y: base }, end: { x: f.x + f.width, y: base }, thickness: 0.5, color: rgb(0, 0, 0) });
      const caption = `(${f.caption.kk} / ${f.caption.ru})`;
      page.drawText(caption, { x: f.x + f.width / 2 - textWidth('regular', caption, 6.5) / 2, y: base - 3 * MM, size: 6.5, font: fonts.regular, color: GREY });
    }
    at.y -= r.height;
  }
}

function drawFooters(doc: PDFDocument, fonts: Fonts, report: ReportDoc): void {
  const pages = doc.getPages();
  const label = `${REPORT_WORDS.generatedAt.kk} / ${REPORT_WORDS.generatedAt.ru}: `;
  const generated = lines('regular', `${label}${report.generatedAt}`, 7, WIDTH - 25 * MM, GREY).slice(0, 1);
  pages.forEach((page, i) => {
    page.drawLine({ start: { x: LEFT, y: FOOTER_Y + 4.5 * MM }, end: { x: RIGHT, y: FOOTER_Y + 4.5 * MM }, thickness: 0.4, color: RULE });
    drawLines(page, fonts, generated, LEFT, FOOTER_Y + 3 * MM);
    const number = lines('regular', `${i + 1} / ${pages.length}`, 8, 25 * MM);
    drawLines(page, fonts, number, RIGHT - 25 * MM, FOOTER_Y + 3.2 * MM, { width: 25 * MM, to: 'right' });
  });
}

/** Renders the report; throws only on a programming error (the Bridge validated the document). */
export async function renderReportPdf(report: ReportDoc): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${report.title.kk} / ${report.title.ru}`);
  doc.setLanguage('kk-KZ');
  doc.setProducer('Shekara');
  doc.setCreator('Shekara');
  const fonts = await embedFonts(doc, ['regular', 'bold']);
  const at = new Cursor(doc, fonts, lines('regular', `${report.title.kk} / ${report.title.ru}`, 7, WIDTH, GREY).slice(0, 1));
  drawTitle(at, fonts, report);
  drawMeta(at, fonts, report.meta);
  for (const table of report.tables) drawTable(at, fonts, table);
  drawSignatures(at, fonts, report.signatures);
  drawFooters(doc, fonts, report);
  return doc.save();
}
