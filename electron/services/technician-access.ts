/**
 * Who may reach the technician's screens: a technician who logged in at the desk (issue 9: their
 * centre-signed record and password, checked here again), or, to set up a desk before it has ever
 * synced its people, the desk's technician code (SHEKARA_TECHNICIAN_VERIFIER).
 * A right code opens a session that ends after 15 idle minutes; five wrong codes lock the desk's
 * technician access for five minutes. Every technician Bridge call carries the session.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { checkPassword } from '../../shared/users/password-verifier.ts';
import { hasRole, type User } from '../../shared/users/user.ts';
import { isSignedByCentre } from '../../shared/users/user-signature.ts';

type CentreKey = { keyId: string; publicKey: Uint8Array };

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
  | { ok: true; session: string; expiresAt: string; name: string | null }
  | { ok: false; error: 'wrong-code' | 'locked-out' | 'not-configured' | 'not-a-technician'; message: string };

/** What a person's login offers: the centre-signed record the page read from its replica, and the password typed. */
export type PersonCredentials = { user: User; password: string };

export type TechnicianAccess = {
  /** With the desk's technician code (for setting up a desk that has no people from the centre yet), or a person's login. */
  unlock(credentials: string | PersonCredentials): Promise<UnlockResult>;
  /** True while the session is open; each check counts as activity. */
  check(session: string): boolean;
  /** The technician's name of a session opened by a person's login; null for the desk's code. */
  who(session: string): string | null;
  lock(session: string): void;
};

/**
 * A person is a technician here only on the centre's word: the record must carry the centre's signature
 * (a page could send any record), be active, have the technician role and this checkpoint, and the
 * password must match its verifier.
 */
async function personProblem(c: PersonCredentials, centreKeys: readonly CentreKey[], checkpointId: string): Promise<'wrong' | 'not-a-technician' | null> {
  if (!isSignedByCentre(c.user, centreKeys)) return 'wrong';
  if (!(await checkPassword(c.password, c.user.verifier))) return 'wrong';
  if (!c.user.active || !hasRole(c.user, 'technician')) return 'not-a-technician';
  if (c.user.checkpointIds.length > 0 && !(c.user.checkpointIds as string[]).includes(checkpointId)) return 'not-a-technician';
  return null;
}

export function createTechnicianAccess({
  verifier,
  centreKeys = () => [],
  checkpointId = '',
  now = Date.now,
  maxFailures = 5,
  lockoutMs = 5 * 60_000,
  idleMs = 15 * 60_000,
}: {
  verifier: string | null;
  /** The centre's public keys the desk holds (desk-key.ts), to check a person's record. */
  centreKeys?: () => readonly CentreKey[];
  checkpointId?: string;
  now?: () => number;
  maxFailures?: number;
  lockoutMs?: number;
  idleMs?: number;
}): TechnicianAccess {
  const sessions = new Map<string, { until: number; name: string | null }>();
  let failures = 0;
  let lockedUntil = 0;
  // Attempts run one at a time: checked concurrently, a burst of guesses would all pass the lockout
  // check before the first wrong one was counted.
  let attempts: Promise<unknown> = Promise.resolve();
  async function attempt(credentials: string | PersonCredentials): Promise<UnlockResult> {
    const byCode = typeof credentials === 'string';
    if (byCode && !verifier) return { ok: false, error: 'not-configured', message: 'no technician code is set for this desk (SHEKARA_TECHNICIAN_VERIFIER)' };
    if (now() < lockedUntil) return { ok: false, error: 'locked-out', message: `too many wrong codes; try again in ${Math.ceil((lockedUntil - now()) / 1000)} s` };
    const problem = byCode ? ((await verify(credentials, verifier!)) ? null : 'wrong') : await personProblem(credentials, centreKeys(), checkpointId);
    if (problem === 'not-a-technician') return { ok: false, error: 'not-a-technician', message: 'this person is not a technician of this checkpoint' };
    if (problem === 'wrong') {
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
    const name = byCode ? null : credentials.user.name;
    sessions.set(session, { until: expiresAt, name });
    return { ok: true, session, expiresAt: new Date(expiresAt).toISOString(), name };
  }
  return {
    unlock(credentials) {
      const result = attempts.then(() => attempt(credentials));
      attempts = result.catch(() => undefined);
      return result;
    },
    check(session) {
      const open = sessions.get(session);
      if (open === undefined) return false;
      if (now() >= open.until) {
        sessions.delete(session);
        return false;
      }
      sessions.set(session, { ...open, until: now() + idleMs });
      return true;
    },
    who: (session) => sessions.get(session)?.name ?? null,
    lock: (session) => void sessions.delete(session),
  };
}
