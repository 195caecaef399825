import { randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

/** scrypt cost: ~50 ms in Node, a few hundred in a desk's browser; the desk checks one password a login. */
const N = 16_384;
const R = 8;
const P = 1;

/** A password's verifier as desks check it (shared/users/password-verifier.ts); the password is never stored. */
export async function makePasswordVerifier(password: string, salt = randomBytes(16)): Promise<string> {
  const hash = await scrypt(password.normalize('NFC'), salt, 32, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}
