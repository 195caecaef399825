/**
 * Decodes an ESC/POS byte stream to the text a printer would put on paper: follows `ESC t n` code
 * page selection and steps over the common commands with their argument lengths (formatting, feed,
 * cut, barcodes, QR codes, raster images). Besides the text it keeps a render model of what the paper
 * would show (text lines with their code page and mode, GS v 0 rasters, GS ( k QR codes, cuts), which
 * render-png.ts draws. Enough for tests and dry runs, not a full printer.
 */
import { CODE_PAGES, decodeByte } from './code-pages.ts';

export type Align = 'left' | 'center' | 'right';

/** One thing on the paper, top to bottom. */
export type RenderItem =
  /** A printed line; `codePage` is the ESC t page in effect when it was printed (0 after ESC @). */
  | { kind: 'text'; text: string; codePage: number; align: Align; bold: boolean; widthScale: number; heightScale: number }
  /** GS v 0: rows of `widthDots / 8` bytes, most significant bit the leftmost dot, 1 = black. */
  | { kind: 'raster'; widthDots: number; heightDots: number; rows: Buffer; align: Align }
  /** GS ( k print of the stored symbol; `data` is the stored bytes. */
  | { kind: 'qr'; data: Buffer; moduleSize: number; errorCorrection: 'L' | 'M' | 'Q' | 'H'; align: Align }
  | { kind: 'feed'; dots: number }
  | { kind: 'cut' };

export type DecodedJob = {
  text: string;
  lines: string[];
  /** Every `ESC t n` seen, in order. */
  codePages: number[];
  cuts: number;
  items: RenderItem[];
  /** GS W print area width in dots, when the job set one: the paper width it was made for. */
  printAreaDots: number | null;
  /** Commands the decoder did not know, as hex, so a test can tell "ignored" from "understood". */
  unknown: string[];
};

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

/** ESC commands with a fixed number of argument bytes. */
const ESC_ARGS: Record<number, number> = {
  0x40: 0, // @ initialise
  0x74: 1, // t code page
  0x61: 1, // a justification
  0x45: 1, // E emphasis
  0x47: 1, // G double strike
  0x2d: 1, // - underline
  0x21: 1, // ! print mode
  0x4d: 1, // M font
  0x52: 1, // R international character set
  0x56: 1, // V rotation
  0x7b: 1, // { upside down
  0x32: 0, // 2 default line spacing
  0x33: 1, // 3 line spacing
  0x20: 1, // SP right-side character spacing
  0x64: 1, // d print and feed n lines
  0x4a: 1, // J print and feed n dots
  0x65: 1, // e print and reverse feed
  0x70: 3, // p drawer kick m t1 t2
  0x42: 2, // B buzzer (clones) n t
  0x24: 2, // $ absolute position
  0x5c: 2, // \ relative position
  0x63: 2, // c 3/4/5 n paper sensors, panel keys
  0x3d: 1, // = peripheral device
  0x25: 1, // % user-defined characters on/off
  0x44: -1, // D tab stops: NUL-terminated
};

/** GS commands with a fixed number of argument bytes. */
const GS_ARGS: Record<number, number> = {
  0x21: 1, // ! character size
  0x42: 1, // B white/black reverse
  0x48: 1, // H HRI position
  0x66: 1, // f HRI font
  0x68: 1, // h barcode height
  0x77: 1, // w barcode width
  0x4c: 2, // L left margin
  0x57: 2, // W print area width
  0x72: 1, // r status
  0x61: 1, // a automatic status back
  0x49: 1, // I printer id
  0x50: 2, // P motion units
  0x24: 2, // $ absolute vertical position
  0x5c: 2, // \ relative vertical position
  0x2f: 1, // / print downloaded image
  0x62: 1, // b smoothing
};

export function decodeEscPos(bytes: Uint8Array): DecodedJob {
  const lines: string[] = [];
  const codePages: number[] = [];
  const unknown: string[] = [];
  const items: RenderItem[] = [];
  let line = '';
  let page = 0;
  let cuts = 0;
  let i = 0;
  let printAreaDots: number | null = null;
  // Print modes, as ESC @ leaves them.
  let align: Align = 'left';
  let bold = false;
  let widthScale = 1;
  let heightScale = 1;
  const qr = { moduleSize: 3, errorCorrection: 'L' as 'L' | 'M' | 'Q' | 'H', data: Buffer.alloc(0) };
  const reset = () => {
    page = 0;
    align = 'left';
    bold = false;
    widthScale = heightScale = 1;
  };
  const at = (k: number): number => bytes[k] ?? 0;
  const endLine = () => {
    lines.push(line);
    items.push({ kind: 'text', text: line, codePage: page, align, bold, widthScale, heightScale });
    line = '';
  };
  const hex = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('hex');

  while (i < bytes.length) {
    const b = at(i);
    if (b === ESC) {
      const cmd = at(i + 1);
      const n = ESC_ARGS[cmd];
      if (cmd === 0x40) reset();
      else if (cmd === 0x74) codePages.push((page = at(i + 2)));
      else if (cmd === 0x61) align = (['left', 'center', 'right'] as const)[at(i + 2) % 48] ?? 'left';
      else if (cmd === 0x45) bold = (at(i + 2) & 1) === 1;
      else if (cmd === 0x64 || cmd === 0x4a) {
        if (line) endLine();
        if (cmd === 0x64) for (let k = 1; k < at(i + 2); k++) endLine();
        else items.push({ kind: 'feed', dots: at(i + 2) });
      } else if (cmd === 0x2a) {
        // ESC * m nL nH d1…dk: bit image, k = n (8-dot modes) or 3n (24-dot modes).
        const count = at(i + 3) + at(i + 4) * 256;
        i += 5 + (at(i + 2) >= 32 ? 3 * count : count);
        continue;
      }
      if (n === -1) {
        i += 2;
        while (i < bytes.length && at(i) !== 0) i++;
        i++;
        continue;
      }
      if (n === undefined) unknown.push(hex(i, i + 2));
      i += 2 + (n ?? 0);
    } else if (b === GS) {
      const cmd = at(i + 1);
      if (cmd === 0x56) {
        // GS V m [n]: cut; modes 65, 66, 97, 98 carry a feed amount.
        cuts++;
        if (line) endLine();
        items.push({ kind: 'cut' });
        i += [65, 66, 97, 98].includes(at(i + 2)) ? 4 : 3;
      } else if (cmd === 0x28) {
        // GS ( fn pL pH …: QR codes, PDF417, graphics; the length says how much to skip.
        const length = at(i + 3) + at(i + 4) * 256;
        if (at(i + 2) === 0x6b && at(i + 5) === 0x31) {
          // GS ( k cn=49: QR code. fn 67 module size, 69 error correction, 80 store, 81 print.
          const fn = at(i + 6);
          if (fn === 0x43) qr.moduleSize = at(i + 7);
          else if (fn === 0x45) qr.errorCorrection = (['L', 'M', 'Q', 'H'] as const)[at(i + 7) - 0x30] ?? 'L';
          else if (fn === 0x50) qr.data = Buffer.from(bytes.subarray(i + 8, i + 5 + length));
          else if (fn === 0x51) items.push({ kind: 'qr', data: qr.data, moduleSize: qr.moduleSize, errorCorrection: qr.errorCorrection, align });
        }
        i += 5 + length;
      } else if (cmd === 0x76 && at(i + 2) === 0x30) {
        // GS v 0 m xL xH yL yH d…: raster image of x bytes by y dots.
        const widthBytes = at(i + 4) + at(i + 5) * 256;
        const heightDots = at(i + 6) + at(i + 7) * 256;
        // Epson prints it only at the start of a line; text already in the buffer stays for its line.
        const rows = Buffer.alloc(widthBytes * heightDots); // zero-padded if the job was cut short
        rows.set(bytes.subarray(i + 8, i + 8 + rows.length));
        items.push({ kind: 'raster', widthDots: widthBytes * 8, heightDots, rows, align });
        i += 8 + widthBytes * heightDots;
      } else if (cmd === 0x6b) {
        // GS k m …: barcode; m ≤ 6 is NUL-terminated, m ≥ 65 has a length byte.
        const m = at(i + 2);
        if (m <= 6) {
          i += 3;
          while (i < bytes.length && at(i) !== 0) i++;
          i++;
        } else i += 4 + at(i + 3);
      } else if (cmd === 0x2a) {
        // GS * x y d…: downloaded bit image, x·y·8 bytes.
        i += 4 + at(i + 2) * at(i + 3) * 8;
      } else {
        if (cmd === 0x21) {
          widthScale = (at(i + 2) >> 4) + 1;
          heightScale = (at(i + 2) & 0x0f) + 1;
        } else if (cmd === 0x57) printAreaDots = at(i + 2) + at(i + 3) * 256;
        const n = GS_ARGS[cmd];
        if (n === undefined) unknown.push(hex(i, i + 2));
        i += 2 + (n ?? 0);
      }
    } else if (b === FS) {
      const cmd = at(i + 1);
      if (cmd === 0x28) i += 5 + at(i + 3) + at(i + 4) * 256;
      else if (cmd === 0x70) i += 4; // FS p n m: print NV image
      else i += 2; // FS & / FS . / FS C…: Kanji mode on/off and the like
    } else if (b === DLE) {
      const cmd = at(i + 1);
      i += cmd === 0x14 ? 5 : 3; // DLE DC4 fn m t, DLE EOT n / DLE ENQ n
    } else if (b === 0x0a) {
      endLine();
      i++;
    } else if (b === 0x0c) {
      if (line) endLine();
      i++;
    } else if (b === 0x09) {
      line += '\t';
      i++;
    } else if (b < 0x20 || b === 0x7f) {
      i++; // CR and other controls print nothing
    } else {
      line += decodeByte(b, CODE_PAGES.get(page));
      i++;
    }
  }
  if (line) endLine();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { text: lines.join('\n'), lines, codePages, cuts, items, printAreaDots, unknown };
}
