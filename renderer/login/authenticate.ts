import { checkPassword } from '../../shared/users/password-verifier.ts';
import { mayLogInAt, userSchema, type User, type UserRole } from '../../shared/users/user.ts';
import type { DeskDatabase } from '../db/database.ts';
import type { LoginAttempts } from './login-attempts.ts';

export type LoginRefusal =
  /** Unknown login or wrong password: one answer for both. */
  | { code: 'wrong'; left: number }
  | { code: 'locked-out'; until: number }
  /** Known, right password, but not at this checkpoint or device, not active, or without the role asked for. */
  | { code: 'not-allowed' }
  /** The desk has never received anyone from the centre: it must sync once. */
  | { code: 'no-people' };

export type LoginOutcome = { ok: true; user: User } | { ok: false; refusal: LoginRefusal };

export type LoginPlace = { checkpointId: string; role: 'desk' | 'supervisor' };

/**
 * Checks a person against the desk's replica of the centre's people, offline. `role` narrows it (a
 * supervisor countersigning a shift's close). The password is checked before anything else is told, so a
 * wrong password never learns whether the person may work here.
 */
export async function authenticate(db: DeskDatabase, place: LoginPlace, attempts: LoginAttempts, loginTyped: string, password: string, role?: UserRole): Promise<LoginOutcome> {
  const login = loginTyped.trim().toLowerCase();
  const until = attempts.lockedUntil(login);
  if (until) return { ok: false, refusal: { code: 'locked-out', until } };
  const found = login ? await db.users.findOne(login).exec() : null;
  if (!found && (await db.users.count().exec()) === 0) return { ok: false, refusal: { code: 'no-people' } };
  // A record the desk cannot read is nobody: the replica came from the network.
  const parsed = found ? userSchema.safeParse(found.toJSON()) : null;
  const user = parsed?.success ? parsed.data : null;
  const right = user ? await checkPassword(password, user.verifier) : await checkPassword(password, DUMMY_VERIFIER).then(() => false);
  if (!user || !right) {
    const r = attempts.fail(login);
    return { ok: false, refusal: r.lockedUntil ? { code: 'locked-out', until: r.lockedUntil } : { code: 'wrong', left: r.left } };
  }
  attempts.succeed(login);
  if (!mayLogInAt(user, place.checkpointId, place.role) || (role && !user.roles.includes(role))) return { ok: false, refusal: { code: 'not-allowed' } };
  return { ok: true, user };
}

/** An unknown login costs the same scrypt as a known one. */
const DUMMY_VERIFIER = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
