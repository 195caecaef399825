import { describe, expect, it } from 'vitest';
import { decodeEscPos, type RenderItem } from '../emulator/escpos-decoder.ts';
import { encodeInCodePage, ESC_T_NUMBER } from './code-page-text.ts';
import { printDensity } from './escpos-commands.ts';
import { parsePrinterProfile, type PrinterProfileInput } from './printer-profile.ts';
import { bodyLines, textLines, type SlipLine } from './slip.ts';
import { buildTestPageJob, RUSSIAN_ALPHABET } from './test-page.ts';

const profile = (over: Partial<PrinterProfileInput> = {}) =>
  parsePrinterProfile({ id: 'desk-1', name: 'Desk 1', target: 'tcp://127.0.0.1:9100', paperWidthMm: 80, codePage: 'cp866', supportsQrCommand: true, cut: true, ...over });
const INFO = { deskId: 'dostyk-avto-1', printedAt: '2026-12-02 16:00' };

/** Kazakh letters missing from both pages (І і, U+0406/0456, are in WPC1251 for Ukrainian, and print right). */
const KAZAKH_ONLY = [...'ӘҒҚҢӨҰҮҺәғқңөұүһ'];
const body = { bold: false, large: false, align: 'left' } as const;
const RUSSIAN = 'Перевозчик: ООО Ёлка, съешь же ещё этих мягких булок';
const KAZAKH = 'Тасымалдаушы: ЖШС Қазақ';

const rasters = (items: RenderItem[]) => items.filter((i): i is Extract<RenderItem, { kind: 'raster' }> => i.kind === 'raster');
/** The printed text with wrapped lines joined again (lines wrap at spaces, 48 columns on 80 mm). */
const joined = (job: { lines: string[] }) => job.lines.join(' ');
const inked = (r: { rows: Buffer }) => r.rows.some((b) => b !== 0);

describe('text in PC866 and WPC1251', () => {
  it('encodes Russian and ASCII, and refuses a line with a Kazakh letter', () => {
    expect(encodeInCodePage('Ёё Aa 1', 'cp866')).toEqual(Buffer.from([0xf0, 0xf1, 0x20, 0x41, 0x61, 0x20, 0x31]));
    expect(encodeInCodePage('Ёё Aa 1', 'wpc1251')).toEqual(Buffer.from([0xa8, 0xb8, 0x20, 0x41, 0x61, 0x20, 0x31]));
    for (const letter of KAZAKH_ONLY) {
      expect(encodeInCodePage(`Абв ${letter}`, 'cp866'), letter).toBeNull();
      expect(encodeInCodePage(`Абв ${letter}`, 'wpc1251'), letter).toBeNull();
    }
    expect(encodeInCodePage('І і', 'cp866')).toBeNull();
    expect(encodeInCodePage('І і', 'wpc1251')).toEqual(Buffer.from([0xb2, 0x20, 0xb3]));
    // « » are in WPC1251 but not in PC866.
    expect(encodeInCodePage('«»', 'wpc1251')).not.toBeNull();
    expect(encodeInCodePage('«»', 'cp866')).toBeNull();
  });

  for (const [codePage, escT] of [['cp866', 17], ['wpc1251', 46]] as const) {
    it(`${codePage}: ESC t ${escT}, the Russian line as text, the Kazakh line as a raster image`, () => {
      expect(ESC_T_NUMBER[codePage]).toBe(escT);
      const lines: SlipLine[] = [{ text: RUSSIAN, style: body }, { text: KAZAKH, style: body }];
      const p = profile({ codePage });
      const job = decodeEscPos(Buffer.concat(textLines(lines, p)));
      expect(job.unknown).toEqual([]);
      expect(job.codePages).toEqual([escT]);
      expect(job.lines.length).toBeGreaterThan(1);
      expect(joined(job)).toContain(RUSSIAN);
      expect(job.text).not.toContain('Тасымалдаушы');
      expect(job.text).not.toContain('?');
      const images = rasters(job.items);
      expect(images).toHaveLength(1);
      expect(images[0]!.widthDots).toBe(p.dotsPerLine);
      expect(inked(images[0]!)).toBe(true);
      // bodyLines takes the same path for these code pages.
      expect(Buffer.concat(bodyLines(lines, p))).toEqual(Buffer.concat(textLines(lines, p)));
    });

    it(`${codePage}: the test page has the Russian alphabet as text and the Kazakh lines as raster`, () => {
      const job = decodeEscPos(buildTestPageJob(profile({ codePage, supportsQrCommand: false }), INFO));
      expect(job.unknown).toEqual([]);
      expect(job.codePages).toEqual([escT]);
      expect(joined(job)).toContain(`Русский: ${RUSSIAN_ALPHABET}`);
      expect(joined(job)).toContain(RUSSIAN_ALPHABET.toLowerCase());
      for (const letter of KAZAKH_ONLY) expect(job.text, letter).not.toContain(letter);
      expect(job.text).not.toMatch(/Қазақша|Сынақ/);
      expect(job.text).not.toContain('?');
      // Title and the two Kazakh alphabet lines (wrapped, so at least three images), the ruler, the QR, the barcode.
      expect(rasters(job.items).length).toBeGreaterThanOrEqual(3 + 3);
      expect(job.lines.some((l) => l.startsWith('80 mm, 576 dots, '))).toBe(true);
      expect(job.cuts).toBe(1);
    });
  }

  it('PC866 draws the punctuation line (« ») that WPC1251 prints as text', () => {
    const punctuation = '0123456789 № . , : ; - / ( ) « » %';
    expect(joined(decodeEscPos(buildTestPageJob(profile({ codePage: 'wpc1251' }), INFO)))).toContain(punctuation);
    expect(decodeEscPos(buildTestPageJob(profile({ codePage: 'cp866' }), INFO)).text).not.toContain('0123456789');
  });
});

describe('print density on the test page', () => {
  for (const density of [2, -3]) {
    it(`density ${density}: GS ( K fn 49 once after the print area, the rest still decodes`, () => {
      const bytes = buildTestPageJob(profile({ codePage: 'cp866', density }), INFO);
      const command = printDensity(density);
      expect([...command]).toEqual([0x1d, 0x28, 0x4b, 2, 0, 49, density & 0xff]);
      const at = bytes.indexOf(command);
      expect(at).toBe(2 + 4); // ESC @, then GS W nL nH
      expect(bytes.indexOf(command, at + 1)).toBe(-1);
      const job = decodeEscPos(bytes);
      expect(job.unknown).toEqual([]);
      expect(job.printAreaDots).toBe(576);
      expect(joined(job)).toContain(`Русский: ${RUSSIAN_ALPHABET}`);
      expect(job.lines.some((l) => l.includes(`density ${density > 0 ? '+' : ''}${density}`))).toBe(true);
      expect(job.cuts).toBe(1);
    });
  }

  it('no density (or 0): no GS ( K in the job', () => {
    for (const p of [profile(), profile({ density: 0 })]) expect(buildTestPageJob(p, INFO).includes(Buffer.from([0x1d, 0x28, 0x4b]))).toBe(false);
  });
});
