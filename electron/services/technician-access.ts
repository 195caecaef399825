/**
 * Who may reach the technician's screens (issue 7 item 6) until issue 9 brings per-person logins: a
 * technician code whose scrypt verifier the desk is configured with (SHEKARA_TECHNICIAN_VERIFIER).
 * A right code opens a session that ends after 15 idle minutes; five wrong codes lock the desk's
 * technician access for five minutes. Every technician Bridge call carries the session.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

const N = 16_384;
const R = 8;
const P = 1;

/** scrypt$N$r$p$salt$hash (base64url), the form SHEKARA_TECHNICIAN_VERIFIER takes. */
export async function makeTechnicianVerifier(code: string, salt = randomBytes(16)): Promise<string> {
  const hash = await scrypt(code, salt, 32, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

const VERIFIER = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{40,})$/;

export function isTechnicianVerifier(value: string): boolean {
  return VERIFIER.test(value);
}

async function verify(code: string, verifier: string): Promise<boolean> {
  const m = VERIFIER.exec(verifier);
  if (!m) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const got = await scrypt(code, Buffer.from(m[4]!, 'base64url'), expected.length, { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]), maxmem: 256 * Number(m[1]) * Number(m[2]) });
  return timingSafeEqual(got, expected);
}

export type UnlockResult =
  | { ok: true; session: string; expiresAt: string }
  | { ok: false; error: 'wrong-code' | 'locked-out' | 'not-configured'; message: string };

export type TechnicianAccess = {
  unlock(code: string): Promise<UnlockResult>;
  /** True while the session is open; each check counts as activity. */
  check(session: string): boolean;
  lock(session: string): void;
};

export function createTechnicianAccess({
  verifier,
  now = Date.now,
  maxFailures = 5,
  lockoutMs = 5 * 60_000,
  idleMs = 15 * 60_000,
}: {
  verifier: string | null;
  now?: () => number;
  maxFailures?: number;
  lockoutMs?: number;
  idleMs?: number;
}): TechnicianAccess {
  const sessions = new Map<string, number>(); // session → expires at
  let failures = 0;
  let lockedUntil = 0;
  // Attempts run one at a time: checked concurrently, a burst of guesses would all pass the lockout
  // check before the first wrong one was counted.
  let attempts: Promise<unknown> = Promise.resolve();
  async function attempt(code: string): Promise<UnlockResult> {
    if (!verifier) return { ok: false, error: 'not-configured', message: 'no technician code is set for this desk (SHEKARA_TECHNICIAN_VERIFIER)' };
    if (now() < lockedUntil) return { ok: false, error: 'locked-out', message: `too many wrong codes; try again in ${Math.ceil((lockedUntil - now()) / 1000)} s` };
    if (!(await verify(code, verifier))) {
      failures++;
      if (failures >= maxFailures) {
        failures = 0;
        lockedUntil = now() + lockoutMs;
        return { ok: false, error: 'locked-out', message: `too many wrong codes; try again in ${Math.ceil(lockoutMs / 1000)} s` };
      }
      return { ok: false, error: 'wrong-code', message: `wrong code (${maxFailures - failures} tries left)` };
    }
    failures = 0;
    const session = randomBytes(24).toString('base64url');
    const expiresAt = now() + idleMs;
    sessions.set(session, expiresAt);
    return { ok: true, session, expiresAt: new Date(expiresAt).toISOString() };
  }
  return {
    unlock(code) {
      const result = attempts.then(() => attempt(code));
      attempts = result.catch(() => undefined);
      return result;
    },
    check(session) {
      const until = sessions.get(session);
      if (until === undefined) return false;
      if (now() >= until) {
        sessions.delete(session);
        return false;
      }
      sessions.set(session, now() + idleMs);
      return true;
    },
    lock: (session) => void sessions.delete(session),
  };
}
