import { scryptAsync } from '@noble/hashes/scrypt.js';
import { VERIFIER_PATTERN } from './user.ts';

/**
 * Checking a password against a scrypt verifier, the same code at the desk (browser, offline) and in
 * tests. The centre makes verifiers with Node's scrypt (server/users/make-verifier.ts); both follow
 * RFC 7914, so either checks the other's.
 */
function fromBase64url(s: string): Uint8Array | null {
  if (s.length % 4 === 1) return null; // no base64 has that length
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Largest cost a desk accepts from a record: a verifier must not be able to freeze the desk. */
const MAX_N = 1 << 17;

export async function checkPassword(password: string, verifier: string): Promise<boolean> {
  const m = VERIFIER_PATTERN.exec(verifier);
  if (!m) return false;
  const N = Number(m[1]);
  const r = Number(m[2]);
  const p = Number(m[3]);
  if (N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || p < 1 || p > 4) return false;
  const expected = fromBase64url(m[5]!);
  const salt = fromBase64url(m[4]!);
  if (!expected || !salt) return false;
  const got = await scryptAsync(new TextEncoder().encode(password.normalize('NFC')), salt, { N, r, p, dkLen: expected.length, maxmem: 256 * N * r + 1024 });
  // Constant time over the whole hash: a desk's verifier is no secret, but the habit costs nothing.
  let diff = got.length ^ expected.length;
  for (let i = 0; i < Math.min(got.length, expected.length); i++) diff |= got[i]! ^ expected[i]!;
  return diff === 0;
}
