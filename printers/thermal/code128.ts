/**
 * Code 128 (set B: printable ASCII) drawn as a bitmap, so the barcode on a test page is the same on
 * every printer, including those whose GS k firmware draws Code 128 differently or not at all.
 */
import { blankBitmap, setDot, type Bitmap } from './bitmap.ts';

/** Bar and space widths, in modules, of symbol values 0-106 (ISO/IEC 15417 table). */
const PATTERNS = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 122231 113222 ' +
  '123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 212123 212321 ' +
  '232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 ' +
  '313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 314111 221411 431111 111224 ' +
  '111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 ' +
  '111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 ' +
  '114311 411113 411311 113141 114131 311141 411131 211412 211214 211232 2331112'
).split(' ');
const START_B = 104;
const STOP = 106;

/** The module widths of the whole symbol (bars and spaces alternating, a bar first). Throws outside ASCII 32-126. */
export function code128Modules(text: string): number[] {
  if (text.length === 0 || text.length > 40 || !/^[\x20-\x7e]+$/.test(text)) throw new RangeError('Code 128 set B takes 1 to 40 printable ASCII characters');
  const values = [...text].map((c) => c.charCodeAt(0) - 32);
  const checksum = (START_B + values.reduce((sum, v, i) => sum + v * (i + 1), 0)) % 103;
  return [START_B, ...values, checksum, STOP].flatMap((v) => [...PATTERNS[v]!].map(Number));
}

/** The barcode centred on a line `dotsPerLine` wide, `moduleDots` per module, with 10-module quiet zones. */
export function code128Bitmap(text: string, dotsPerLine: number, heightDots = 80): Bitmap {
  const modules = code128Modules(text);
  const total = modules.reduce((a, b) => a + b, 0) + 20;
  const moduleDots = Math.max(1, Math.min(3, Math.floor(dotsPerLine / total)));
  if (total * moduleDots > dotsPerLine) throw new RangeError(`"${text}" is too long for a ${dotsPerLine}-dot line`);
  const bitmap = blankBitmap(dotsPerLine, heightDots);
  let x = Math.floor((dotsPerLine - total * moduleDots) / 2) + 10 * moduleDots;
  modules.forEach((w, i) => {
    if (i % 2 === 0) for (let dx = 0; dx < w * moduleDots; dx++) for (let y = 0; y < heightDots; y++) setDot(bitmap, x + dx, y);
    x += w * moduleDots;
  });
  return bitmap;
}
