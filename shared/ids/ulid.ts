/** Crockford base32, as the ULID spec: sortable by time, no I L O U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type RandomBytes = (n: number) => Uint8Array;

/** Web Crypto exists in every runtime we target (Node ≥ 19, Chromium, Electron). */
export const cryptoRandomBytes: RandomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/**
 * A ULID: 48-bit milliseconds then 80 random bits. Records made offline get their id at the desk,
 * so a retried push carries the same id and the server can treat it as a duplicate.
 */
export function ulid(nowMs: number = Date.now(), random: RandomBytes = cryptoRandomBytes): string {
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs > 2 ** 48 - 1) throw new RangeError(`ulid: bad time ${nowMs}`);
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = random(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[bytes[i]! % 32];
  return time + rand;
}

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The millisecond time a ULID was made at. */
export function ulidTime(id: string): number {
  let t = 0;
  for (const ch of id.slice(0, 10)) t = t * 32 + ALPHABET.indexOf(ch);
  return t;
}
