import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePasswordVerifier } from '../../server/users/make-verifier.ts';
import { checkPassword } from '../../shared/users/password-verifier.ts';
import type { User } from '../../shared/users/user.ts';
import { signUser, type UnsignedUser } from '../../shared/users/user-signature.ts';
import { ed25519 } from '@noble/curves/ed25519.js';
import { openDeskDatabase, type DeskDatabase } from '../db/database.ts';
import { authenticate, type LoginPlace } from './authenticate.ts';
import { createLoginAttempts, LOCKOUT_MS, MAX_FAILURES, type StorageLike } from './login-attempts.ts';

const DESK: LoginPlace = { checkpointId: 'dostyk-avto', role: 'desk' };

function memoryStorage(): StorageLike {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

const centreKey = ed25519.utils.randomSecretKey();

async function person(id: string, password: string, over: Partial<UnsignedUser> = {}): Promise<User> {
  return signUser(centreKey, 'c-test', { id, name: `Name of ${id}`, roles: ['officer'], checkpointIds: [], verifier: await makePasswordVerifier(password), active: true, updatedAt: 1, ...over });
}

describe('offline login at the desk', () => {
  let db: DeskDatabase;
  let now = 1_800_000_000_000;
  let storage: StorageLike;
  const attempts = () => createLoginAttempts(storage, () => now);

  beforeEach(async () => {
    db = await openDeskDatabase(`login-${Math.random()}`, undefined, { only: ['users'] });
    storage = memoryStorage();
  });
  afterEach(async () => {
    await db.remove();
  });

  it('says the desk must sync first when it holds nobody', async () => {
    const out = await authenticate(db, DESK, attempts(), 'asqar', 'whatever-1');
    expect(out).toEqual({ ok: false, refusal: { code: 'no-people' } });
  });

  it('lets the right password in, checked against a verifier the centre made with Node’s scrypt', async () => {
    await db.users.bulkInsert([await person('asqar', 'Құпия-сөз-1')]);
    const out = await authenticate(db, DESK, attempts(), '  ASQAR ', 'Құпия-сөз-1');
    expect(out.ok && out.user.id).toBe('asqar');
  });

  it('gives one answer for an unknown login and a wrong password, and counts both', async () => {
    await db.users.bulkInsert([await person('asqar', 'right-password')]);
    const wrong = await authenticate(db, DESK, attempts(), 'asqar', 'wrong-password');
    const unknown = await authenticate(db, DESK, attempts(), 'nobody', 'wrong-password');
    expect(wrong).toEqual({ ok: false, refusal: { code: 'wrong', left: MAX_FAILURES - 1 } });
    expect(unknown).toEqual({ ok: false, refusal: { code: 'wrong', left: MAX_FAILURES - 1 } });
  });

  it('locks a login out after five wrong passwords, across a reload, even for the right one; it opens again after five minutes', async () => {
    await db.users.bulkInsert([await person('asqar', 'right-password')]);
    for (let i = 1; i < MAX_FAILURES; i++) expect((await authenticate(db, DESK, attempts(), 'asqar', `guess-${i}`)).ok).toBe(false);
    const fifth = await authenticate(db, DESK, attempts(), 'asqar', 'guess-5');
    expect(fifth).toEqual({ ok: false, refusal: { code: 'locked-out', until: now + LOCKOUT_MS } });
    // A new page (a reload) reads the same storage: still locked, the right password included.
    expect(await authenticate(db, DESK, createLoginAttempts(storage, () => now), 'asqar', 'right-password')).toEqual({ ok: false, refusal: { code: 'locked-out', until: now + LOCKOUT_MS } });
    now += LOCKOUT_MS + 1;
    const after = await authenticate(db, DESK, attempts(), 'asqar', 'right-password');
    expect(after.ok).toBe(true);
  });

  it('refuses a person who left, one of another checkpoint, an officer at the supervisor station, and a non-supervisor countersigning', async () => {
    await db.users.bulkInsert([
      await person('left', 'password-1', { active: false }),
      await person('elsewhere', 'password-1', { checkpointIds: ['kolzhat'] }),
      await person('officer', 'password-1'),
      await person('boss', 'password-1', { roles: ['supervisor'], checkpointIds: ['dostyk-avto'] }),
    ]);
    const notAllowed = { ok: false, refusal: { code: 'not-allowed' } };
    expect(await authenticate(db, DESK, attempts(), 'left', 'password-1')).toEqual(notAllowed);
    expect(await authenticate(db, DESK, attempts(), 'elsewhere', 'password-1')).toEqual(notAllowed);
    expect(await authenticate(db, { ...DESK, role: 'supervisor' }, attempts(), 'officer', 'password-1')).toEqual(notAllowed);
    expect(await authenticate(db, DESK, attempts(), 'officer', 'password-1', 'supervisor')).toEqual(notAllowed);
    const boss = await authenticate(db, { ...DESK, role: 'supervisor' }, attempts(), 'boss', 'password-1', 'supervisor');
    expect(boss.ok && boss.user.id).toBe('boss');
  });

  it('never accepts a verifier that is malformed or too costly', async () => {
    const v = await makePasswordVerifier('password-1');
    expect(await checkPassword('password-1', v)).toBe(true);
    expect(await checkPassword('password-1', v.replace('scrypt$16384$', 'scrypt$1048576$'))).toBe(false);
    expect(await checkPassword('password-1', v.slice(0, -2))).toBe(false);
    expect(await checkPassword('password-2', v)).toBe(false);
  });
});
