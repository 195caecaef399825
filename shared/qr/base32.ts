/**
 * RFC 4648 base32 without padding. Chosen over base64url for the QR because its alphabet (A–Z, 2–7)
 * sits inside the QR alphanumeric mode (5.5 bits a character instead of 8), so the symbol is smaller,
 * and because decoding accepts ASCII lower case, a scanner typing with Caps Lock on still reads correctly.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/**
 * Upper and lower case ASCII only. Not toUpperCase(): it maps "ſ" to "S" and "ı" to "I", which would
 * give a signed code a second, non-ASCII spelling (found by test/fuzz/qr-payload.test.ts).
 */
const VALUE: Record<string, number> = Object.fromEntries([...ALPHABET].flatMap((c, i) => [[c, i], [c.toLowerCase(), i]]));

export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Null for anything that is not canonical base32: a foreign character, an impossible length, or
 * non-zero padding bits (otherwise two texts would decode to the same bytes).
 */
export function decodeBase32(text: string): Uint8Array | null {
  const tail = (text.length * 5) % 8;
  if (tail >= 5) return null; // no byte count encodes to this many characters
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (const ch of text) {
    const v = VALUE[ch]; // one character: never a name on Object.prototype
    if (v === undefined) return null;
    buffer = ((buffer << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >>> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
