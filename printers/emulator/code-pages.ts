/**
 * Single-byte code pages the emulator decodes, keyed by their Epson `ESC t n` number. Written out
 * here rather than taken from the encoder's library, so an encoding mistake there shows up in tests.
 */

/**
 * KZ-1048 (STRK1048-2002, alias RK1048), bytes 0x80–0xFF. Source: glibc localedata/charmaps/RK1048
 * (/usr/share/i18n/charmaps/RK1048.gz on Debian). It is Windows-1251 with the Kazakh letters in place
 * of Ukrainian, Belarusian and Macedonian ones: 0x8D Қ, 0x8E Һ, 0xA1 Ұ, 0xA3 Ә, 0xA5 Ө, 0xAA Ғ,
 * 0xAF Ү, 0xB2 І, 0xBD Ң (and lower case 0x9D қ, 0x9E һ, 0xA2 ұ, 0xBC ә, 0xB4 ө, 0xBA ғ, 0xBF ү,
 * 0xB3 і, 0xBE ң). 0x98 is unassigned.
 */
const KZ1048_HIGH =
  'ЂЃ‚ѓ„…†‡€‰Љ‹ЊҚҺЏ' +
  'ђ‘’“”•–—\uFFFD™љ›њқһџ' +
  '\u00A0ҰұӘ¤Ө¦§Ё©Ғ«¬\u00AD®Ү' +
  '°±Ііөµ¶·ё№ғ»әҢңү' +
  'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ' +
  'абвгдежзийклмнопрстуфхцчшщъыьэюя';

function tableOf(high: string): readonly string[] {
  const chars = [...high];
  if (chars.length !== 128) throw new Error(`code page table has ${chars.length} entries, not 128`);
  return chars;
}

function fromTextDecoder(label: string): readonly string[] {
  const decoder = new TextDecoder(label);
  return Array.from({ length: 128 }, (_, i) => decoder.decode(Uint8Array.of(0x80 + i)));
}

export type CodePage = { name: string; high: readonly string[] };

/** Epson ESC t numbers (node-thermal-printer lib/types/epson-config.js uses the same ones). */
export const CODE_PAGES: ReadonlyMap<number, CodePage> = new Map([
  [17, { name: 'PC866', high: fromTextDecoder('ibm866') }],
  [46, { name: 'WPC1251', high: fromTextDecoder('windows-1251') }],
  [53, { name: 'KZ-1048', high: tableOf(KZ1048_HIGH) }],
]);

/** Decodes one byte in a code page; bytes above 0x7F in an unknown page become U+FFFD. */
export function decodeByte(byte: number, page: CodePage | undefined): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  return page?.high[byte - 0x80] ?? '\uFFFD';
}
