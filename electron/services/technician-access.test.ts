import { ed25519 } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePasswordVerifier } from '../../server/users/make-verifier.ts';
import type { User } from '../../shared/users/user.ts';
import { signUser } from '../../shared/users/user-signature.ts';
import { createTechnicianAccess, isTechnicianVerifier, makeTechnicianVerifier } from './technician-access.ts';

const CODE = '4827-1190';

describe('technician access', () => {
  let verifier: string;
  beforeAll(async () => {
    verifier = await makeTechnicianVerifier(CODE);
  });

  /** A clock the test moves by hand. */
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  };

  it('opens a session for the right code and refuses a wrong one with the tries left', async () => {
    const access = createTechnicianAccess({ verifier });
    const wrong = await access.unlock('0000-0000');
    expect(wrong).toMatchObject({ ok: false, error: 'wrong-code' });
    expect(wrong.ok === false && wrong.message).toContain('4 tries left');
    const right = await access.unlock(CODE);
    if (!right.ok) throw new Error(right.message);
    expect(access.check(right.session)).toBe(true);
    expect(access.check('made-up-session')).toBe(false);
  });

  it('locks out after five wrong codes, even for the right code, until the lockout passes', async () => {
    const c = clock();
    const access = createTechnicianAccess({ verifier, now: c.now, lockoutMs: 60_000 });
    for (let i = 0; i < 4; i++) expect(await access.unlock(`wrong-${i}`)).toMatchObject({ error: 'wrong-code' });
    expect(await access.unlock('wrong-4')).toMatchObject({ ok: false, error: 'locked-out' });
    expect(await access.unlock(CODE)).toMatchObject({ ok: false, error: 'locked-out' });
    c.advance(59_999);
    expect(await access.unlock(CODE)).toMatchObject({ ok: false, error: 'locked-out' });
    c.advance(1);
    expect(await access.unlock(CODE)).toMatchObject({ ok: true });
  });

  it('counts concurrent wrong codes too: a burst cannot outrun the lockout', async () => {
    const access = createTechnicianAccess({ verifier });
    // Ten guesses fired at once, then the right code: all checked against the lockout in turn.
    const results = await Promise.all([...Array.from({ length: 10 }, (_, i) => access.unlock(`guess-${i}`)), access.unlock(CODE)]);
    expect(results.filter((r) => !r.ok && r.error === 'wrong-code')).toHaveLength(4);
    expect(results.slice(4).every((r) => !r.ok && r.error === 'locked-out')).toBe(true);
  });

  it('ends a session after idleMs without activity; each check extends it', async () => {
    const c = clock();
    const access = createTechnicianAccess({ verifier, now: c.now, idleMs: 1_000 });
    const opened = await access.unlock(CODE);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.expiresAt).toBe(new Date(c.now() + 1_000).toISOString());
    // Three checks 900 ms apart: 2.7 s in all, alive because each one counts as activity.
    for (let i = 0; i < 3; i++) {
      c.advance(900);
      expect(access.check(opened.session)).toBe(true);
    }
    c.advance(1_000);
    expect(access.check(opened.session)).toBe(false);
    c.advance(-1_000); // gone for good once expired, even if asked "earlier"
    expect(access.check(opened.session)).toBe(false);
  });

  it('lock() ends the session at once', async () => {
    const access = createTechnicianAccess({ verifier });
    const opened = await access.unlock(CODE);
    if (!opened.ok) throw new Error(opened.message);
    access.lock(opened.session);
    expect(access.check(opened.session)).toBe(false);
  });

  it('answers not-configured without a verifier, whatever the code', async () => {
    const access = createTechnicianAccess({ verifier: null });
    expect(await access.unlock(CODE)).toMatchObject({ ok: false, error: 'not-configured' });
    expect(await access.unlock('')).toMatchObject({ ok: false, error: 'not-configured' });
  });

  it('recognises a made verifier and rejects junk', () => {
    expect(isTechnicianVerifier(verifier)).toBe(true);
    for (const junk of ['', CODE, 'scrypt$16384$8$1$short$hash', verifier.replace('scrypt$', 'bcrypt$'), `${verifier}$extra`, verifier.slice(0, -20)]) {
      expect(isTechnicianVerifier(junk), junk).toBe(false);
    }
  });

  it('a verifier made from another code does not open', async () => {
    const access = createTechnicianAccess({ verifier: await makeTechnicianVerifier('other-code') });
    expect(await access.unlock(CODE)).toMatchObject({ ok: false, error: 'wrong-code' });
  });

  describe('a technician’s own login', () => {
    const centreSecret = ed25519.utils.randomSecretKey();
    const centreKeys = () => [{ keyId: 'c1', publicKey: ed25519.getPublicKey(centreSecret) }];
    let technician: User;
    let officer: User;
    beforeAll(async () => {
      const verifier = await makePasswordVerifier('erlan-password-1');
      technician = signUser(centreSecret, 'c1', { id: 'erlan', name: 'Жұмабеков Ерлан', roles: ['technician'], checkpointIds: ['dostyk-avto'], verifier, active: true, updatedAt: 1 });
      officer = signUser(centreSecret, 'c1', { id: 'asqar', name: 'Серікұлы Асқар', roles: ['officer'], checkpointIds: [], verifier, active: true, updatedAt: 1 });
    });

    it('opens on the centre-signed record and the right password, and names the technician', async () => {
      const access = createTechnicianAccess({ verifier: null, centreKeys, checkpointId: 'dostyk-avto' });
      const r = await access.unlock({ user: technician, password: 'erlan-password-1' });
      if (!r.ok) throw new Error(r.message);
      expect(r.name).toBe('Жұмабеков Ерлан');
      expect(access.who(r.session)).toBe('Жұмабеков Ерлан');
      expect(access.check(r.session)).toBe(true);
    });

    it('refuses a record the page changed, an officer, another checkpoint’s technician and a wrong password', async () => {
      const access = createTechnicianAccess({ verifier: null, centreKeys, checkpointId: 'dostyk-avto' });
      // An officer's record with the technician role added by the page: the signature no longer holds.
      expect(await access.unlock({ user: { ...officer, roles: ['technician'] }, password: 'erlan-password-1' })).toMatchObject({ ok: false, error: 'wrong-code' });
      expect(await access.unlock({ user: officer, password: 'erlan-password-1' })).toMatchObject({ ok: false, error: 'not-a-technician' });
      const elsewhere = createTechnicianAccess({ verifier: null, centreKeys, checkpointId: 'kolzhat' });
      expect(await elsewhere.unlock({ user: technician, password: 'erlan-password-1' })).toMatchObject({ ok: false, error: 'not-a-technician' });
      expect(await access.unlock({ user: technician, password: 'wrong-password' })).toMatchObject({ ok: false, error: 'wrong-code' });
      // A desk that never got the centre's keys trusts no record.
      const unkeyed = createTechnicianAccess({ verifier: null, checkpointId: 'dostyk-avto' });
      expect(await unkeyed.unlock({ user: technician, password: 'erlan-password-1' })).toMatchObject({ ok: false, error: 'wrong-code' });
    });
  });
});
