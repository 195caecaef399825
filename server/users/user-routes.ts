/**
 * The administrator keeps the people who use the desks (issue 9 item 1): POST a batch of people, each
 * with a new password or keeping the verifier stored, all or nothing; GET lists them without verifiers.
 * Passwords are turned into scrypt verifiers here and never stored or logged.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CHECKPOINT_IDS } from '../../shared/reference/checkpoints.ts';
import { loginSchema, USER_ROLES, type User } from '../../shared/users/user.ts';
import type { Db } from '../db/db.ts';
import { insertUsers, takeSeq } from '../sync/store.ts';
import { makePasswordVerifier } from './make-verifier.ts';
import { currentCentreKey } from '../keys/centre-keys.ts';
import { signUser, type UnsignedUser } from '../../shared/users/user-signature.ts';

export const USERS_API = '/admin/api/users';
const USERS_IMPORT_MAX = 500;

/** At least 8 characters, not all digits: a desk's replica holds the verifier, so guessing must stay slow. */
const passwordSchema = z
  .string()
  .min(8, 'a password has at least 8 characters')
  .max(128)
  .refine((p) => !/^\d+$/.test(p), 'a password is not digits alone');

const userInputSchema = z
  .object({
    login: loginSchema,
    name: z.string().trim().min(1).max(120),
    roles: z.array(z.enum(USER_ROLES)).min(1).max(USER_ROLES.length),
    checkpointIds: z.array(z.enum(CHECKPOINT_IDS)).max(CHECKPOINT_IDS.length).default([]),
    password: passwordSchema.optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type UserInput = z.input<typeof userInputSchema>;

const importSchema = z.object({ users: z.array(z.unknown()).min(1).max(USERS_IMPORT_MAX, `at most ${USERS_IMPORT_MAX} people a call`) }).strict();

type RowIssue = { index: number; message: string };

export function registerUserRoutes(app: FastifyInstance, { db, notify }: { db: Db; notify: (collection: 'users') => Promise<void> }): void {
  // The administrator's alone, checked before the handler (server/http/access.ts).
  const adminOnly = { config: { access: 'admin' as const } };
  app.get(USERS_API, adminOnly, async () => {
    const rows = await db.query<{ doc: User }>('SELECT doc FROM users ORDER BY id');
    return { users: rows.map(({ doc: { verifier: _verifier, ...rest } }) => rest) };
  });

  app.post(USERS_API, adminOnly, async (req, reply) => {
    const body = importSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad-request', message: body.error.issues.map((i) => i.message).join('; ') });
    const rows: RowIssue[] = [];
    const inputs: z.infer<typeof userInputSchema>[] = [];
    body.data.users.forEach((raw, index) => {
      const parsed = userInputSchema.safeParse(raw);
      if (parsed.success) inputs.push(parsed.data);
      else rows.push({ index, message: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') });
    });
    const logins = inputs.map((u) => u.login);
    logins.forEach((l, i) => logins.indexOf(l) !== i && rows.push({ index: i, message: `login ${l} appears twice` }));
    if (rows.length > 0) return refuse(reply, rows);

    const key = await currentCentreKey(db);
    const outcome = await db.transaction(async (tx): Promise<{ ok: true; changed: number } | { ok: false; rows: RowIssue[] }> => {
      await takeSeq(tx, 'users', 0); // serialised with other imports of people
      const stored = new Map((await tx.query<{ doc: User }>('SELECT doc FROM users')).map((r) => [r.doc.id, r.doc]));
      const problems: RowIssue[] = [];
      const docs: User[] = [];
      for (const [index, u] of inputs.entries()) {
        const before = stored.get(u.login);
        if (!before && !u.password) problems.push({ index, message: `${u.login} is new and needs a password` });
        // The desks write a shift's officer by name: two people of one checkpoint with one name would share shifts.
        const namesake = [...stored.values(), ...docs].find((o) => o.id !== u.login && o.active && o.name.toLowerCase() === u.name.toLowerCase() && sharesCheckpoint(o.checkpointIds, u.checkpointIds));
        if (namesake && u.active) problems.push({ index, message: `${namesake.id} already has the name ${u.name} at the same checkpoint` });
        if (problems.length > 0) continue;
        const verifier = u.password ? await makePasswordVerifier(u.password) : before!.verifier;
        const next: UnsignedUser = { id: u.login, name: u.name, roles: [...new Set(u.roles)], checkpointIds: [...new Set(u.checkpointIds)], verifier, active: u.active, updatedAt: before?.updatedAt ?? 0 };
        const same = before && sameUser(before, next);
        docs.push(same ? before : signUser(key.secretKey, key.keyId, { ...next, updatedAt: Date.now() }));
      }
      if (problems.length > 0) return { ok: false, rows: problems };
      return { ok: true, changed: await insertUsers(tx, docs) };
    });
    if (!outcome.ok) return refuse(reply, outcome.rows);
    if (outcome.changed > 0) await notify('users');
    return { stored: inputs.length, changed: outcome.changed };
  });
}

/** jsonb keeps its own key order, so compare field by field. */
function sameUser(a: UnsignedUser, b: UnsignedUser): boolean {
  return a.name === b.name && a.verifier === b.verifier && a.active === b.active && a.roles.join() === b.roles.join() && a.checkpointIds.join() === b.checkpointIds.join();
}

function sharesCheckpoint(a: readonly string[], b: readonly string[]): boolean {
  return a.length === 0 || b.length === 0 || a.some((c) => b.includes(c));
}

function refuse(reply: FastifyReply, rows: RowIssue[]) {
  return reply.code(400).send({ error: 'invalid-users', message: rows.map((r) => `users.${r.index}: ${r.message}`).join('; '), issues: rows.map((r) => `users.${r.index}: ${r.message}`), rows });
}
