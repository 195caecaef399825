/**
 * Failed logins per login name, kept in the desk's localStorage so a reload does not reset them: after
 * MAX_FAILURES wrong passwords in a row the login is refused for LOCKOUT_MS, whatever password is typed.
 * Unknown logins count the same as known ones, so the lockout says nothing of who exists.
 */
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60_000;

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

type Record = { failures: number; lockedUntil: number };

const key = (login: string) => `shekara.login.${login}`;

export type LoginAttempts = {
  /** Until when this login is locked out (ms), or null. */
  lockedUntil(login: string): number | null;
  /** Counts a failure; returns the lockout's end when this one reached the limit. */
  fail(login: string): { lockedUntil: number | null; left: number };
  succeed(login: string): void;
};

export function createLoginAttempts(storage: StorageLike | undefined, now: () => number = Date.now): LoginAttempts {
  const memory = new Map<string, string>();
  const store: StorageLike = storage ?? { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) };
  const read = (login: string): Record => {
    try {
      const r = JSON.parse(store.getItem(key(login)) ?? 'null') as Partial<Record> | null;
      return { failures: Number(r?.failures) || 0, lockedUntil: Number(r?.lockedUntil) || 0 };
    } catch {
      return { failures: 0, lockedUntil: 0 };
    }
  };
  return {
    lockedUntil(login) {
      const r = read(login);
      return r.lockedUntil > now() ? r.lockedUntil : null;
    },
    fail(login) {
      const r = read(login);
      // A lockout that ran out starts a fresh count.
      const failures = (r.lockedUntil && r.lockedUntil <= now() ? 0 : r.failures) + 1;
      const lockedUntil = failures >= MAX_FAILURES ? now() + LOCKOUT_MS : 0;
      store.setItem(key(login), JSON.stringify({ failures: lockedUntil ? 0 : failures, lockedUntil }));
      return { lockedUntil: lockedUntil || null, left: lockedUntil ? 0 : MAX_FAILURES - failures };
    },
    succeed(login) {
      store.removeItem(key(login));
    },
  };
}
