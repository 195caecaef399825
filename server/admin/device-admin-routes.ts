/**
 * The administrator's side of desk enrolment (issue 9 item 2): make a one-time code for a desk, list the
 * devices the centre knows, and revoke a desk (a stolen or retired machine). Tokens and codes are kept
 * only as hashes and never listed; a code is shown once, in the answer that made it.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ENROLLED_ROLES, ENROLMENT_CODE_ALPHABET, ENROLMENT_CODE_HOURS, ENROLMENT_CODE_LENGTH } from '../../shared/devices/enrolment.ts';
import { CHECKPOINT_IDS } from '../../shared/reference/checkpoints.ts';
import type { Db } from '../db/db.ts';
import { forgetCachedDevices, hashToken } from '../sync/devices.ts';

export const ENROLMENT_CODES_API = '/admin/api/enrolment-codes';
export const DEVICES_API = '/admin/api/devices';
const SMALL_BODY = 4 * 1024;

const deskIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'a desk id is 1-40 letters, digits and dashes');
const codeRequestSchema = z.object({ checkpointId: z.enum(CHECKPOINT_IDS), deskId: deskIdSchema, role: z.enum(ENROLLED_ROLES).default('desk') }).strict();
const revokeSchema = z.object({ checkpointId: z.string().min(1).max(40), deskId: deskIdSchema }).strict();

export function makeEnrolmentCode(): string {
  return Array.from({ length: ENROLMENT_CODE_LENGTH }, () => ENROLMENT_CODE_ALPHABET[randomInt(ENROLMENT_CODE_ALPHABET.length)]).join('');
}

export type DeviceRow = { checkpointId: string; deskId: string; role: string; createdAt: string; enrolledAt: string | null; revokedAt: string | null; keyId: string | null };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function registerDeviceAdminRoutes(app: FastifyInstance, db: Db): void {
  const admin = { config: { access: 'admin' as const }, bodyLimit: SMALL_BODY };
  const issues = (e: z.ZodError) => e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));

  app.post(ENROLMENT_CODES_API, admin, async (req, reply) => {
    const body = codeRequestSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad-request', issues: issues(body.error) });
    const { checkpointId, deskId, role } = body.data;
    const code = makeEnrolmentCode();
    const [row] = await db.query<{ expires_at: Date | string }>(
      `INSERT INTO enrolment_codes (code_hash, checkpoint_id, desk_id, role, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5)) RETURNING expires_at`,
      [hashToken(code), checkpointId, deskId, role, ENROLMENT_CODE_HOURS],
    );
    return { code, expiresAt: iso(row!.expires_at), checkpointId, deskId, role };
  });

  app.get(DEVICES_API, { config: { access: 'admin' } }, async () => {
    const rows = await db.query<{ checkpoint_id: string; desk_id: string; role: string; created_at: Date | string; enrolled_at: Date | string | null; revoked_at: Date | string | null; key_id: string | null }>(
      'SELECT checkpoint_id, desk_id, role, created_at, enrolled_at, revoked_at, key_id FROM devices ORDER BY checkpoint_id, desk_id, created_at',
    );
    const devices: DeviceRow[] = rows.map((r) => ({ checkpointId: r.checkpoint_id, deskId: r.desk_id, role: r.role, createdAt: iso(r.created_at)!, enrolledAt: iso(r.enrolled_at), revokedAt: iso(r.revoked_at), keyId: r.key_id }));
    return { devices };
  });

  app.post(`${DEVICES_API}/revoke`, admin, async (req, reply) => {
    const body = revokeSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad-request', issues: issues(body.error) });
    const { checkpointId, deskId } = body.data;
    // The administrator's own token is not revoked here: that would lock the centre out of its page.
    const revoked = await db.query<{ token_hash: string }>(
      `UPDATE devices SET revoked_at = now() WHERE checkpoint_id = $1 AND desk_id = $2 AND revoked_at IS NULL AND role <> 'admin' RETURNING token_hash`,
      [checkpointId, deskId],
    );
    // Unused codes for the desk go too: a revoked desk is not enrolled again with a code made before.
    await db.query('UPDATE enrolment_codes SET expires_at = least(expires_at, now()) WHERE checkpoint_id = $1 AND desk_id = $2 AND used_at IS NULL', [checkpointId, deskId]);
    forgetCachedDevices(db);
    if (revoked.length === 0) return reply.code(404).send({ error: 'no-such-device', message: `no active device for desk ${deskId} at ${checkpointId}` });
    req.log.info({ checkpointId, deskId, tokens: revoked.length }, 'desk revoked');
    return { revoked: revoked.length };
  });
}
