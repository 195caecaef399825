/**
 * Draws a decoded job as the paper would look, for dry runs and tests: text in font A cells (12 × 24
 * dots, DejaVu Sans), GS v 0 rasters dot for dot, GS ( k QR codes redrawn from their stored data with
 * the qrcode package, cuts as dashed lines. One PNG pixel is one printer dot.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import type { Align, DecodedJob, RenderItem } from './escpos-decoder.ts';

const FONT = 'Emulator DejaVu Sans';
const CELL = { width: 12, height: 24 };
const CUT_HEIGHT = 16;
const MARGIN = 8;
let fontsLoaded = false;

function loadFonts(): void {
  if (fontsLoaded) return;
  const require = createRequire(import.meta.url);
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) GlobalFonts.registerFromPath(require.resolve(`dejavu-fonts-ttf/ttf/${file}`), FONT);
  fontsLoaded = true;
}

/** Paper width in dots: what the job set with GS W, else its widest raster, else the emulator's default. */
export function paperWidthOf(job: Pick<DecodedJob, 'items' | 'printAreaDots'>, defaultDots = 576): number {
  if (job.printAreaDots) return job.printAreaDots;
  const widest = Math.max(0, ...job.items.map((it) => (it.kind === 'raster' ? it.widthDots : 0)));
  return widest || defaultDots;
}

function qrModules(item: Extract<RenderItem, { kind: 'qr' }>) {
  return QRCode.create([{ data: new Uint8Array(item.data), mode: 'byte' }], { errorCorrectionLevel: item.errorCorrection }).modules;
}

function heightOf(item: RenderItem): number {
  switch (item.kind) {
    case 'text':
      return CELL.height * item.heightScale;
    case 'raster':
      return item.heightDots;
    case 'qr':
      return item.data.length === 0 ? 0 : (qrModules(item).size + 8) * item.moduleSize; // quiet zone above and below
    case 'feed':
      return item.dots;
    case 'cut':
      return CUT_HEIGHT;
  }
}

const xFor = (align: Align, width: number, paper: number) => (align === 'center' ? Math.floor((paper - width) / 2) : align === 'right' ? paper - width : 0);

function drawItem(ctx: SKRSContext2D, item: RenderItem, y: number, paper: number): void {
  if (item.kind === 'text') {
    const w = CELL.width * item.widthScale;
    const h = CELL.height * item.heightScale;
    ctx.font = `${item.bold ? 'bold ' : ''}${20 * item.heightScale}px "${FONT}"`;
    const chars = [...item.text];
    let x = xFor(item.align, chars.length * w, paper);
    // A printer's font is monospaced: each character gets its cell, squeezed if the glyph is wider.
    for (const ch of chars) {
      ctx.fillText(ch, x + 0.5, y + Math.round(h * 0.78), w - 1);
      x += w;
    }
  } else if (item.kind === 'raster') {
    const image = ctx.createImageData(item.widthDots, item.heightDots);
    const widthBytes = item.widthDots / 8;
    for (let r = 0; r < item.heightDots; r++)
      for (let c = 0; c < item.widthDots; c++) {
        const black = (item.rows[r * widthBytes + (c >> 3)]! & (0x80 >> (c & 7))) !== 0;
        const p = (r * item.widthDots + c) * 4;
        image.data[p] = image.data[p + 1] = image.data[p + 2] = black ? 0 : 255;
        image.data[p + 3] = 255;
      }
    ctx.putImageData(image, xFor(item.align, item.widthDots, paper), y);
  } else if (item.kind === 'qr' && item.data.length > 0) {
    const modules = qrModules(item);
    const m = item.moduleSize;
    const x0 = xFor(item.align, modules.size * m, paper);
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) ctx.fillRect(x0 + c * m, y + (4 + r) * m, m, m);
  } else if (item.kind === 'cut') {
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(0, y + CUT_HEIGHT / 2);
    ctx.lineTo(paper, y + CUT_HEIGHT / 2);
    ctx.stroke();
  }
}

/** The job as a PNG, one pixel per dot, as wide as its paper. */
export async function renderJobPng(job: Pick<DecodedJob, 'items' | 'printAreaDots'>, { defaultDots = 576 }: { defaultDots?: number } = {}): Promise<Buffer> {
  loadFonts();
  const paper = paperWidthOf(job, defaultDots);
  const height = MARGIN * 2 + job.items.reduce((sum, it) => sum + heightOf(it), 0);
  const canvas = createCanvas(paper, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, paper, height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  let y = MARGIN;
  for (const item of job.items) {
    drawItem(ctx, item, y, paper);
    y += heightOf(item);
  }
  return canvas.encode('png');
}
