/**
 * Enrolment with a one-time code (issue 9 item 2). The administrator makes a code for one desk
 * (server/admin/device-admin-routes.ts); the desk sends it with the public half of its signing key and
 * gets a new device token and the key's certificate. The code works once: it is claimed by a conditional
 * UPDATE, so two desks sending it at once cannot both enrol. Enrolling a desk again revokes its old token.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DEVICE_ENROL_PATH, deviceEnrolmentRequestSchema, ENROLMENT_REFUSALS, type EnrolmentRefusal } from '../../shared/devices/enrolment.ts';
import { isCheckpointId } from '../../shared/reference/checkpoints.ts';
import type { Db } from '../db/db.ts';
import { forgetCachedDevices, hashToken } from '../sync/devices.ts';
import { certifyDeskKey, ENROL_BODY_LIMIT } from './enrol-routes.ts';

type Claimed = { checkpoint_id: string; desk_id: string; role: 'desk' | 'supervisor' };

/** Claims the code and makes the desk's new token, in one transaction: either all of it or nothing. */
async function enrol(db: Db, code: string, keyId: string): Promise<{ ok: true; token: string; device: Claimed } | { ok: false; refusal: EnrolmentRefusal }> {
  const codeHash = hashToken(code);
  const token = randomBytes(32).toString('base64url');
  const outcome = await db.transaction(async (tx) => {
    const [claimed] = await tx.query<Claimed>(
      'UPDATE enrolment_codes SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING checkpoint_id, desk_id, role',
      [codeHash],
    );
    if (!claimed) return null;
    // The desk's old token (a machine replaced, a desk enrolled twice) stops working now.
    await tx.query('UPDATE devices SET revoked_at = now() WHERE checkpoint_id = $1 AND desk_id = $2 AND revoked_at IS NULL', [claimed.checkpoint_id, claimed.desk_id]);
    await tx.query('INSERT INTO devices (token_hash, checkpoint_id, desk_id, role, key_id, enrolled_at) VALUES ($1, $2, $3, $4, $5, now())', [hashToken(token), claimed.checkpoint_id, claimed.desk_id, claimed.role, keyId]);
    return claimed;
  });
  if (outcome) {
    forgetCachedDevices(db);
    return { ok: true, token, device: outcome };
  }
  // Not claimed: say why only when the code exists (whoever sent it had it); any other code is just invalid.
  const [row] = await db.query<{ used: boolean }>('SELECT used_at IS NOT NULL AS used FROM enrolment_codes WHERE code_hash = $1', [codeHash]);
  return { ok: false, refusal: !row ? 'invalid-code' : row.used ? 'code-used' : 'code-expired' };
}

export function registerDeviceEnrolRoutes(app: FastifyInstance, db: Db): void {
  // Public: the one-time code is the credential (and the rate limit's enrolment bucket guards guessing).
  app.post(DEVICE_ENROL_PATH, { config: { access: 'public' }, bodyLimit: ENROL_BODY_LIMIT }, async (req, reply) => {
    const parsed = deviceEnrolmentRequestSchema.safeParse(req.body);
    // A malformed code is refused like a wrong one: the answer says nothing about what a code looks like inside.
    if (!parsed.success) {
      const badCode = parsed.error.issues.some((i) => i.path[0] === 'code');
      if (badCode) return reply.code(401).send({ error: 'invalid-code', message: ENROLMENT_REFUSALS['invalid-code'] });
      return reply.code(400).send({ error: 'invalid-enrolment', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    }
    const { code, keyId, publicKey } = parsed.data;
    const outcome = await enrol(db, code, keyId);
    if (!outcome.ok) return reply.code(outcome.refusal === 'invalid-code' ? 401 : 410).send({ error: outcome.refusal, message: ENROLMENT_REFUSALS[outcome.refusal] });
    const checkpointId = outcome.device.checkpoint_id;
    // Codes are made for pilot checkpoints only (device-admin-routes.ts); anything else is a broken row.
    if (!isCheckpointId(checkpointId)) throw new Error(`enrolment code for unknown checkpoint ${checkpointId}`);
    const device = { checkpointId, deskId: outcome.device.desk_id };
    const certified = await certifyDeskKey(db, device, keyId, publicKey);
    req.log.info({ checkpointId: device.checkpointId, deskId: device.deskId, keyId }, 'desk enrolled');
    return { deviceToken: outcome.token, ...device, role: outcome.device.role, ...certified };
  });
}
