/**
 * Line wrapping and stacked lines for pdf-lib text (pdf-lib draws a line as given and never wraps),
 * shared by the addendum and the reports.
 */
import { rgb, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import { textWidth, type FontFace } from './fonts.ts';

/**
 * Splits text into lines no wider than maxWidth, breaking at ordinary spaces (a no-break space
 * holds "20 000 кг" together) and, for a word longer than a line, inside the word.
 */
export function wrapText(face: FontFace, text: string, size: number, maxWidth: number): string[] {
  const width = (s: string) => textWidth(face, s, size);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (width(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      while (width(line) > maxWidth && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && width(line.slice(0, cut)) > maxWidth) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

export const MM = 72 / 25.4;

export const INK = rgb(0, 0, 0);
export const GREY = rgb(0.35, 0.35, 0.35);

export type Fonts = Record<FontFace, PDFFont>;
/** One drawn line: its text already fits the width it was wrapped to. */
export type Line = { text: string; face: FontFace; size: number; color: Color };

export function lineHeight(size: number): number {
  return size * 1.22;
}

/** Height of lines stacked one under another. */
export function blockHeight(lines: readonly Line[]): number {
  return lines.reduce((h, l) => h + lineHeight(l.size), 0);
}

export function wrapped(face: FontFace, text: string, size: number, width: number, color: Color = INK): Line[] {
  return wrapText(face, text, size, width).map((t) => ({ text: t, face, size, color }));
}

/**
 * Draws lines downwards from top; returns the y under the last one. With a width, each line is
 * aligned in [x, x + width]: right for figures in a column, centre for a title.
 */
export function drawLines(page: PDFPage, fonts: Fonts, lines: readonly Line[], x: number, top: number, align: { width: number; to: 'right' | 'center' } | null = null): number {
  let y = top;
  for (const l of lines) {
    y -= lineHeight(l.size);
    const slack = align ? align.width - textWidth(l.face, l.text, l.size) : 0;
    const dx = align === null ? 0 : align.to === 'right' ? slack : slack / 2;
    page.drawText(l.text, { x: x + dx, y: y + l.size * 0.25, size: l.size, font: fonts[l.face], color: l.color });
  }
  return y;
}
