import { z } from 'zod';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

/**
 * The people who may use a desk, kept by the centre's administrator and pulled by the desks of their
 * checkpoints, so a desk logs people in without the network. A desk holds each person's password
 * verifier, never the password: scrypt with a per-person salt, costly enough that a stolen replica is
 * slow to attack (ARCHITECTURE "Data and sync": officers and their offline login verifiers).
 */
export const USER_ROLES = ['officer', 'supervisor', 'technician', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** scrypt$N$r$p$salt$hash, salt and hash base64url (the technician code's verifier has the same form). */
export const VERIFIER_PATTERN = /^scrypt\$(\d{4,7})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{40,88})$/;

/** A login: what the person types; lowercase Latin letters, digits, dot, dash. */
export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9.-]{2,39}$/, 'a login is 3–40 Latin letters, digits, dots or dashes, starting with a letter');

export const userSchema = z.object({
  /** The login; the record's id. */
  id: loginSchema,
  /** As it goes on records and paper (the journal's officer, the shift's officer). */
  name: z.string().trim().min(1).max(120),
  roles: z.array(z.enum(USER_ROLES)).min(1).max(USER_ROLES.length),
  /** The checkpoints whose desks may log this person in; empty for every checkpoint (technicians, the centre). */
  checkpointIds: z.array(z.enum(CHECKPOINT_IDS)).max(CHECKPOINT_IDS.length),
  verifier: z.string().regex(VERIFIER_PATTERN, 'not a scrypt verifier'),
  /** False once the person leaves: the desks refuse the login at their next sync. */
  active: z.boolean(),
  /** When the administrator last changed the record (ms). */
  updatedAt: z.number().int().nonnegative(),
  /**
   * The centre's Ed25519 signature over the fields above (user-signature.ts), and which centre key made
   * it: the desk's machine side trusts a technician only on a record the centre signed, never on what
   * the page says.
   */
  centreKeyId: z.string().min(1).max(40),
  signature: z.string().regex(/^[A-Z2-7]{100,110}$/, 'not a signature'),
});
export type User = z.infer<typeof userSchema>;

/** Which roles may log in at a kind of device: the supervisor station is the supervisors' own. */
export function rolesAllowedAt(deviceRole: 'desk' | 'supervisor'): readonly UserRole[] {
  return deviceRole === 'supervisor' ? ['supervisor', 'technician'] : ['officer', 'supervisor', 'technician'];
}

export function hasRole(user: Pick<User, 'roles'>, role: UserRole): boolean {
  return user.roles.includes(role);
}

/** True when this person may log in at this device of this checkpoint. */
export function mayLogInAt(user: User, checkpointId: string, deviceRole: 'desk' | 'supervisor'): boolean {
  if (!user.active) return false;
  if (user.checkpointIds.length > 0 && !(user.checkpointIds as string[]).includes(checkpointId)) return false;
  return user.roles.some((r) => rolesAllowedAt(deviceRole).includes(r));
}
