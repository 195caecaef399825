import { createHash } from 'node:crypto';
import type { User } from '../../shared/users/user.ts';
import { makePasswordVerifier } from '../users/make-verifier.ts';
import { signUser } from '../../shared/users/user-signature.ts';
import type { CentreKey } from '../keys/centre-keys.ts';

/** Every demo person's password (README): the demo is for trying the desk, never for a real checkpoint. */
export const DEMO_PASSWORD = 'shekara-demo';

/** The demo's people: two officers, a supervisor and a technician, at every checkpoint. */
export const DEMO_USERS: readonly Pick<User, 'id' | 'name' | 'roles'>[] = [
  { id: 'asqar', name: 'Серікұлы Асқар', roles: ['officer'] },
  { id: 'maria', name: 'Иванова Мария', roles: ['officer'] },
  { id: 'gulnar', name: 'Ахметова Гүлнар', roles: ['supervisor'] },
  { id: 'erlan', name: 'Жұмабеков Ерлан', roles: ['technician'] },
];

/** Salted by login, so a seed of a given day writes the same verifiers; signed with the centre's key. */
export async function demoUsers(centreKey: CentreKey, nowMs: number): Promise<User[]> {
  return Promise.all(
    DEMO_USERS.map(async (u) =>
      signUser(centreKey.secretKey, centreKey.keyId, {
        ...u,
        roles: [...u.roles],
        checkpointIds: [],
        verifier: await makePasswordVerifier(DEMO_PASSWORD, createHash('sha256').update(`demo:${u.id}`).digest().subarray(0, 16)),
        active: true,
        updatedAt: nowMs,
      }),
    ),
  );
}
