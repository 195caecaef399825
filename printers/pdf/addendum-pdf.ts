/**
 * The addendum to the foreign-permit blank (seed 000 Annex 3) as one A4 page: the annex header, the
 * title, the 13 items with their Kazakh labels (Russian under each) and values, then the issuing block
 * (date, checkpoint, officer, signature and seal places) and the signed QR. Text is DejaVu Sans,
 * embedded as a subset, so every Kazakh letter prints and can be searched and copied from the file.
 */
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import type { Checkpoint } from '../../shared/reference/checkpoints.ts';
import { ADDENDUM_ITEMS, ANNEX_HEADER, FORM_WORD, ISSUE_LABELS, ITEM_LABELS, TITLE, type AddendumItem } from './addendum-labels.ts';
import { addendumValues, formatDate } from './addendum-values.ts';
import { embedFonts, textWidth } from './fonts.ts';
import { drawQr } from './qr-vector.ts';
import { blockHeight, drawLines, GREY, INK, MM, wrapped, type Fonts, type Line } from './text-layout.ts';

export type AddendumLanguage = 'kk-ru' | 'kk';

export type AddendumPdfInput = {
  permit: CPermit;
  /** The blank this addendum goes with (Annex 3 item 13); the desk's ledger gave it. */
  blankNumber: string;
  /** Epoch ms of issue; printed in Kazakhstan time. */
  issuedAt: number;
  /** The issuing checkpoint. */
  checkpoint: Checkpoint;
  /** From encodeAddendumQr (shared/qr). */
  qrText: string;
  officerName: string;
  /** 'kk-ru' (default): Kazakh with Russian under it; 'kk': Kazakh only. */
  language?: AddendumLanguage;
};

const A4: [number, number] = [210 * MM, 297 * MM];
const LEFT = 20 * MM;
const RIGHT = A4[0] - 12 * MM;
const TOP = A4[1] - 12 * MM;
const BOTTOM = 12 * MM;
const LABEL_WIDTH = 76 * MM;
const VALUE_X = LEFT + LABEL_WIDTH + 4 * MM;
const VALUE_WIDTH = RIGHT - VALUE_X;
/** 40 mm holds a version 13 symbol at about 0.52 mm a module: 3 px at 150 dpi, 4 dots on a 203 dpi slip. */
const QR_SIZE = 40 * MM;
const BLOCK_HEIGHT = QR_SIZE + 8 * MM;
const RULE = rgb(0.75, 0.75, 0.75);

type Row = { item: AddendumItem; labels: Line[]; values: Line[]; height: number };

const KZ_OFFSET_MS = 5 * 3600_000; // Kazakhstan is UTC+5 all year since March 2024

function layoutRows(input: AddendumPdfInput, scale: number): Row[] {
  const ru = (input.language ?? 'kk-ru') === 'kk-ru';
  const values = addendumValues(input.permit, input.blankNumber);
  const numberWidth = 7 * MM;
  return ADDENDUM_ITEMS.map((item) => {
    const label = ITEM_LABELS[item];
    const labels = wrapped('regular', `${item}. ${label.kk}`, 8.5 * scale, LABEL_WIDTH);
    if (ru) labels.push(...wrapped('regular', label.ru, 7 * scale, LABEL_WIDTH - numberWidth, GREY));
    const value = values[item];
    const valueSize = (item === 13 ? 12 : 10) * scale;
    const lines = wrapped(item === 13 ? 'bold' : 'regular', value.kk, valueSize, VALUE_WIDTH);
    if (ru && value.ru !== undefined && value.ru !== value.kk) lines.push(...wrapped('regular', value.ru, 7.5 * scale, VALUE_WIDTH, GREY));
    return { item, labels, values: lines, height: Math.max(blockHeight(labels), blockHeight(lines)) + 3.2 * MM * scale };
  });
}

function drawHeader(page: PDFPage, fonts: Fonts, ru: boolean): number {
  const x = 112 * MM;
  const width = RIGHT - x;
  const lines = wrapped('regular', ANNEX_HEADER.kk, 7, width);
  if (ru) lines.push(...wrapped('regular', ANNEX_HEADER.ru, 6.5, width, GREY));
  lines.push({ text: ru ? `${FORM_WORD.kk} / ${FORM_WORD.ru}` : FORM_WORD.kk, face: 'bold', size: 8, color: INK });
  const titleTop = drawLines(page, fonts, lines, x, TOP) - 5 * MM;
  const title = wrapped('bold', TITLE.kk, 11, RIGHT - LEFT);
  if (ru) title.push(...wrapped('regular', TITLE.ru, 9, RIGHT - LEFT, GREY));
  return drawLines(page, fonts, title, LEFT, titleTop, { width: RIGHT - LEFT, to: 'center' }) - 4 * MM;
}

function issueTime(ms: number): string {
  const iso = new Date(ms + KZ_OFFSET_MS).toISOString();
  return `${formatDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

function drawIssueBlock(page: PDFPage, fonts: Fonts, input: AddendumPdfInput, ru: boolean): void {
  const qrX = RIGHT - QR_SIZE;
  drawQr(page, input.qrText, { x: qrX, y: BOTTOM + 6 * MM, size: QR_SIZE });
  const L = ISSUE_LABELS;
  const both = (l: { kk: string; ru: string }) => (ru ? `${l.kk} / ${l.ru}` : l.kk);
  const captions = ru ? [L.qr.kk, L.qr.ru] : [L.qr.kk];
  captions.forEach((c, i) => {
    page.drawText(c, { x: qrX + QR_SIZE / 2 - textWidth('regular', c, 6) / 2, y: BOTTOM + (4.5 - 2.6 * i) * MM, size: 6, font: fonts.regular, color: GREY });
  });

  const width = qrX - LEFT - 6 * MM;
  const field = (label: { kk: string; ru: string }, value: string): Line[] => [
    ...wrapped('regular', both(label), 7, width, GREY),
    ...wrapped('regular', value, 10, width),
  ];
  const lines: Line[] = [
    ...field(L.issuedAt, issueTime(input.issuedAt)),
    ...field(L.checkpoint, ru ? `${input.checkpoint.nameKk} / ${input.checkpoint.nameRu}` : input.checkpoint.nameKk),
    ...field({ kk: `${L.application.kk}; ${L.addendum.kk}`, ru: `${L.application.ru}; ${L.addendum.ru}` }, `${input.permit.applicationNumber}; ${input.permit.addendumNumber}`),
    ...field(L.officer, input.officerName),
  ];
  const top = BOTTOM + BLOCK_HEIGHT;
  const y = drawLines(page, fonts, lines, LEFT, top);
  // Signature line and seal place: Rules §13 wants both on the issued blank and addendum.
  const signY = Math.max(BOTTOM + 6 * MM, y - 9 * MM);
  page.drawLine({ start: { x: LEFT, y: signY }, end: { x: LEFT + 55 * MM, y: signY }, thickness: 0.5, color: INK });
  page.drawText(`(${both(L.signature)})`, { x: LEFT, y: signY - 3 * MM, size: 6.5, font: fonts.regular, color: GREY });
  page.drawText(both(L.seal), { x: LEFT + 62 * MM, y: signY, size: 9, font: fonts.regular, color: GREY });
}

/** Renders the addendum; throws only on a programming error (the inputs are validated records). */
export async function renderAddendumPdf(input: AddendumPdfInput): Promise<Uint8Array> {
  const ru = (input.language ?? 'kk-ru') === 'kk-ru';
  const doc = await PDFDocument.create();
  doc.setTitle(`${TITLE.kk} ${input.blankNumber}`);
  doc.setProducer('Shekara');
  doc.setCreator('Shekara');
  const fonts = await embedFonts(doc, ['regular', 'bold']);
  const page = doc.addPage(A4);

  const itemsTop = drawHeader(page, fonts, ru);
  const room = itemsTop - (BOTTOM + BLOCK_HEIGHT + 4 * MM);
  // Long goods names or addresses shrink the items' type until they fit above the issuing block.
  let scale = 1;
  let rows = layoutRows(input, scale);
  while (rows.reduce((h, r) => h + r.height, 0) > room && scale > 0.6) {
    scale -= 0.05;
    rows = layoutRows(input, scale);
  }
  let y = itemsTop;
  page.drawLine({ start: { x: LEFT, y }, end: { x: RIGHT, y }, thickness: 0.4, color: RULE });
  for (const row of rows) {
    const pad = 1.6 * MM * scale;
    drawLines(page, fonts, row.labels, LEFT, y - pad);
    drawLines(page, fonts, row.values, VALUE_X, y - pad);
    y -= row.height;
    page.drawLine({ start: { x: LEFT, y }, end: { x: RIGHT, y }, thickness: 0.4, color: RULE });
  }
  drawIssueBlock(page, fonts, input, ru);
  return doc.save();
}
