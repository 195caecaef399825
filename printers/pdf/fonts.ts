/**
 * DejaVu Sans for every PDF we print: it has every Kazakh letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І). The file bytes
 * and fontkit's parse of them are kept for the life of the process, so a warm render only subsets.
 */
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);

export type FontFace = 'regular' | 'bold';
const FILES: Record<FontFace, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };

const bytesCache = new Map<FontFace, Uint8Array>();

export function fontBytes(face: FontFace): Uint8Array {
  let bytes = bytesCache.get(face);
  if (bytes === undefined) {
    bytes = new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FILES[face]}`)));
    bytesCache.set(face, bytes);
  }
  return bytes;
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type ParsedFont = ReturnType<Fontkit['create']>;
const parsed = new WeakMap<Uint8Array, ParsedFont>();

/**
 * pdf-lib parses the font file on every embed (about 20 ms for DejaVu Sans). The parsed font is
 * read-only for subsetting (each embed makes its own subset), so one parse per file serves all documents.
 */
const cachingFontkit: Fontkit = {
  create(buffer, postscriptName) {
    const key = buffer as Uint8Array;
    let font = parsed.get(key);
    if (font === undefined) {
      font = keepCodePoints(fontkit.create(buffer, postscriptName));
      parsed.set(key, font);
    }
    return font;
  },
};

type GlyphLike = { codePoints: number[] };

/**
 * fontkit keeps the first Glyph it makes for an id, with the code points it was asked with. Its
 * subsetter asks for a compound glyph's parts with none (DejaVu builds Cyrillic о from Latin o), so
 * once a document with "о" was saved, every later document in this process got a Latin "o" with no
 * code point: it printed, but its ToUnicode entry was empty and the letter vanished from the PDF's text
 * (a plate number could no longer be searched or copied). A later request with code points fills them in.
 */
function keepCodePoints(font: ParsedFont): ParsedFont {
  const target = font as unknown as { getGlyph(id: number, characters?: number[]): GlyphLike | null };
  const getGlyph = target.getGlyph.bind(target);
  target.getGlyph = (id, characters = []) => {
    const glyph = getGlyph(id, characters);
    if (glyph && glyph.codePoints.length === 0 && characters.length > 0) glyph.codePoints = characters;
    return glyph;
  };
  return font;
}

const advanceCache: Record<FontFace, Map<number, number>> = { regular: new Map(), bold: new Map() };

/**
 * Width of a text in points, from cached glyph advances: with shaping off (below) this is exactly what
 * pdf-lib draws, at a fraction of the cost of its widthOfTextAtSize, which lays out the text each time.
 */
export function textWidth(face: FontFace, text: string, size: number): number {
  const cache = advanceCache[face];
  let units = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let w = cache.get(cp);
    if (w === undefined) {
      const font = parsedFont(face);
      w = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
      cache.set(cp, w);
    }
    units += w;
  }
  return units * size;
}

function parsedFont(face: FontFace): ParsedFont {
  return cachingFontkit.create(fontBytes(face) as unknown as Parameters<Fontkit['create']>[0]);
}

/**
 * OpenType shaping off: Kazakh and Russian need none of it (every letter is one precomposed glyph, no
 * ligatures), and fontkit's GSUB/GPOS pass was most of a render's time. The cost is DejaVu's kerning.
 */
const NO_SHAPING = Object.fromEntries(
  ['rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'].map((f) => [f, false]),
);

/** Embeds the faces as subsets: only the glyphs the page uses travel in the file. */
export async function embedFonts<F extends FontFace>(doc: PDFDocument, faces: readonly F[]): Promise<Record<F, PDFFont>> {
  doc.registerFontkit(cachingFontkit);
  const out: Partial<Record<F, PDFFont>> = {};
  for (const face of faces) out[face] = await doc.embedFont(fontBytes(face), { subset: true, features: NO_SHAPING });
  return out as Record<F, PDFFont>;
}
