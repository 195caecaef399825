/**
 * Text lines drawn as 1-bit images, for printers without a Kazakh code page: DejaVu Sans (bundled
 * with the app, so offline) has every Kazakh and Russian letter. One canvas is reused per job.
 */
import { createCanvas, GlobalFonts, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { blankBitmap, type Bitmap } from './bitmap.ts';

export const FONT_FAMILY = 'Shekara DejaVu Sans';
let fontsLoaded = false;

/**
 * The canvas is native code and reads real files only, not the packaged app's app.asar archive:
 * electron-builder.yml unpacks the fonts beside it (asarUnpack), and this is their path there.
 */
export function outsideAsar(path: string): string {
  const unpacked = path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return unpacked !== path && existsSync(unpacked) ? unpacked : path;
}

function loadFonts(): void {
  if (fontsLoaded) return;
  const require = createRequire(import.meta.url);
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    if (!GlobalFonts.registerFromPath(outsideAsar(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)), FONT_FAMILY)) throw new Error(`font ${file} did not load`);
  }
  fontsLoaded = true;
}

export type TextStyle = { bold: boolean; large: boolean; align: 'left' | 'center' };

/** Line heights match font A (24 dots) and its double height (48), so both modes feed the same paper. */
const METRICS = { normal: { px: 21, height: 24 }, large: { px: 34, height: 48 } };

export class RasterTextRenderer {
  private readonly canvas: Canvas;
  private readonly ctx: SKRSContext2D;

  constructor(readonly dotsPerLine: number) {
    loadFonts();
    this.canvas = createCanvas(dotsPerLine, METRICS.large.height);
    this.ctx = this.canvas.getContext('2d');
  }

  private font(style: Pick<TextStyle, 'bold' | 'large'>): string {
    return `${style.bold ? 'bold ' : ''}${METRICS[style.large ? 'large' : 'normal'].px}px "${FONT_FAMILY}"`;
  }

  /** Whether the text fits on one printed line in this style. */
  fits(text: string, style: Pick<TextStyle, 'bold' | 'large'>): boolean {
    this.ctx.font = this.font(style);
    return this.ctx.measureText(text).width <= this.dotsPerLine;
  }

  /** One line as a full-width bitmap; grey antialiasing pixels darker than mid-grey become dots. */
  render(text: string, style: TextStyle): Bitmap {
    const { height } = METRICS[style.large ? 'large' : 'normal'];
    const ctx = this.ctx;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, this.dotsPerLine, height);
    ctx.fillStyle = '#000';
    ctx.font = this.font(style);
    ctx.textBaseline = 'alphabetic';
    const width = ctx.measureText(text).width;
    const x = style.align === 'center' ? Math.max(0, Math.floor((this.dotsPerLine - width) / 2)) : 0;
    ctx.fillText(text, x, Math.round(height * 0.78));
    const pixels = ctx.getImageData(0, 0, this.dotsPerLine, height).data;
    const bitmap = blankBitmap(this.dotsPerLine, height);
    const widthBytes = this.dotsPerLine / 8;
    for (let y = 0; y < height; y++)
      for (let x8 = 0; x8 < widthBytes; x8++) {
        let byte = 0;
        for (let bit = 0; bit < 8; bit++) if (pixels[(y * this.dotsPerLine + x8 * 8 + bit) * 4]! < 128) byte |= 0x80 >> bit;
        bitmap.rows[y * widthBytes + x8] = byte;
      }
    return bitmap;
  }
}
