/**
 * Text in the single-byte code pages a thermal printer may have besides KZ-1048. PC866 and WPC1251
 * hold Russian but not the Kazakh letters (WPC1251 has only І), so a line is only sent as text when
 * every character has a byte;
 * otherwise the caller draws it (research/anchors.md §4: clones print '?' or wrong letters instead).
 */

/** Epson ESC t numbers, as the emulator and node-thermal-printer number them. */
export const ESC_T_NUMBER = { kz1048: 53, cp866: 17, wpc1251: 46 } as const;

const DECODER_LABEL = { cp866: 'ibm866', wpc1251: 'windows-1251' } as const;

const tables = new Map<keyof typeof DECODER_LABEL, Map<string, number>>();

function tableFor(page: keyof typeof DECODER_LABEL): Map<string, number> {
  let table = tables.get(page);
  if (table) return table;
  const decoder = new TextDecoder(DECODER_LABEL[page]);
  table = new Map();
  for (let b = 0x80; b <= 0xff; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch !== '\uFFFD' && !table.has(ch)) table.set(ch, b);
  }
  tables.set(page, table);
  return table;
}

/** The line's bytes in the code page, or null when a character (most Kazakh letters) is not in it. */
export function encodeInCodePage(text: string, page: keyof typeof DECODER_LABEL): Buffer | null {
  const table = tableFor(page);
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) out.push(code);
    else {
      const b = table.get(ch);
      if (b === undefined) return null;
      out.push(b);
    }
  }
  return Buffer.from(out);
}
