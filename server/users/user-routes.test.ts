import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword } from '../../shared/users/password-verifier.ts';
import { userSchema, type User } from '../../shared/users/user.ts';
import type { Db } from '../db/db.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demo-users.ts';
import { seedDemo } from '../demo/seed.ts';
import { openTestServer, pullAll, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';
import { USERS_API } from './user-routes.ts';

const ADMIN = 'central-admin-token-users-0123456789';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(TEST_DATABASES)('the people who use the desks, on $name', (database) => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(database, [
      [TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' }],
      [ADMIN, { checkpointId: 'centre', deskId: 'admin', role: 'admin' }],
    ]));
    await seedDemo(db, { permits: 5, today: '2026-12-02' });
  });
  afterAll(() => close());

  const post = (users: unknown[], token = ADMIN) => app.inject({ method: 'POST', url: USERS_API, headers: bearer(token), payload: { users } });
  const pulled = async () => (await pullAll(app, 'users', 100)).docs.map((d) => userSchema.parse(d));

  it('seeds the demo’s people, whose demo password the desks check offline', async () => {
    const users = await pulled();
    expect(users.map((u) => u.id).sort()).toEqual(DEMO_USERS.map((u) => u.id).sort());
    expect(await checkPassword(DEMO_PASSWORD, users.find((u) => u.id === 'asqar')!.verifier)).toBe(true);
  });

  it('is the administrator’s alone: no token 401, a desk’s 403, and the list never carries verifiers', async () => {
    expect((await app.inject({ method: 'POST', url: USERS_API, payload: { users: [] } })).statusCode).toBe(401);
    expect((await post([{ login: 'x-person', name: 'X', roles: ['officer'], password: 'long-enough-1' }], TOKEN)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: USERS_API, headers: bearer(TOKEN) })).statusCode).toBe(403);
    const list = await app.inject({ method: 'GET', url: USERS_API, headers: bearer(ADMIN) });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('scrypt$');
    expect(list.body).toContain('asqar');
  });

  it('adds a person with a verifier, never the password, and all or nothing', async () => {
    const before = await pulled();
    const bad = await post([
      { login: 'dana', name: 'Сейітова Дана', roles: ['officer'], checkpointIds: ['kolzhat'], password: 'Дана-құпия-1' },
      { login: 'newbie', name: 'No Password', roles: ['officer'] }, // new and no password
      { login: 'short', name: 'Short', roles: ['officer'], password: '1234567' },
      { login: 'Ж', name: 'Bad login', roles: ['officer'], password: 'long-enough-1' },
      { login: 'extra', name: 'Extra', roles: ['officer'], password: 'long-enough-1', isAdmin: true },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: string) => i.split(':')[0])).toEqual(['users.2', 'users.3', 'users.4']);
    const newbie = await post([{ login: 'newbie', name: 'No Password', roles: ['officer'] }]);
    expect(newbie.json().issues).toEqual(['users.0: newbie is new and needs a password']);
    expect(await pulled()).toEqual(before);

    const ok = await post([{ login: 'dana', name: 'Сейітова Дана', roles: ['officer'], checkpointIds: ['kolzhat'], password: 'Дана-құпия-1' }]);
    expect(ok.json()).toEqual({ stored: 1, changed: 1 });
    const rows = await db.query<{ doc: User }>(`SELECT doc FROM users WHERE id = 'dana'`);
    expect(JSON.stringify(rows[0]!.doc)).not.toContain('Дана-құпия-1');
    const dana = (await pulled()).find((u) => u.id === 'dana')!;
    expect(await checkPassword('Дана-құпия-1', dana.verifier)).toBe(true);
    expect(dana.checkpointIds).toEqual(['kolzhat']);
  });

  it('re-importing the same person changes nothing; taking someone off reaches every desk, theirs included', async () => {
    expect((await post([{ login: 'dana', name: 'Сейітова Дана', roles: ['officer'], checkpointIds: ['kolzhat'] }])).json()).toEqual({ stored: 1, changed: 0 });
    const off = await post([{ login: 'dana', name: 'Сейітова Дана', roles: ['officer'], checkpointIds: ['kolzhat'], active: false }]);
    expect(off.json()).toEqual({ stored: 1, changed: 1 });
    // A Dostyk desk pulls the change too (every desk pulls every person), with the verifier kept.
    const dana = (await pulled()).find((u) => u.id === 'dana')!;
    expect(dana.active).toBe(false);
    expect(await checkPassword('Дана-құпия-1', dana.verifier)).toBe(true);
  });

  it('refuses a second active person of one name at one checkpoint: the desks write a shift’s officer by name', async () => {
    const res = await post([{ login: 'asqar2', name: 'Серікұлы Асқар', roles: ['officer'], checkpointIds: ['dostyk-avto'], password: 'long-enough-1' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('asqar already has the name');
  });
});
