/** Line wrapping for pdf-lib text: pdf-lib draws a line as given and never wraps. */
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
