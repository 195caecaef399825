import type { FastifyInstance } from 'fastify';
import { CENTRE_KEYS_PATH, centrePublicKeyToJson, certificateToJson, ENROL_PATH, enrolmentRequestSchema } from '../../shared/keys/certificate-json.ts';
import { signDeskCertificate } from '../../shared/qr/desk-certificate.ts';
import { isCheckpointId, type CheckpointId } from '../../shared/reference/checkpoints.ts';
import { addDays, kzDate } from '../../shared/rules/local-date.ts';
import type { Db } from '../db/db.ts';
import { deviceOf } from '../http/access.ts';
import { centrePublicKeys, currentCentreKey } from './centre-keys.ts';

/** How long a desk key may sign addenda before the desk enrols a new one. */
const CERTIFICATE_DAYS = 365;
/** A key id and a 32-byte key in base32: a few hundred bytes. */
export const ENROL_BODY_LIMIT = 4 * 1024;

/** The centre's certificate for a desk's public key, for that desk and checkpoint, and the keys to check it with. */
export async function certifyDeskKey(db: Db, device: { checkpointId: CheckpointId; deskId: string }, keyId: string, publicKey: Uint8Array) {
  const key = await currentCentreKey(db);
  const today = kzDate(Date.now());
  const certificate = signDeskCertificate(key.secretKey, key.keyId, { keyId, deskId: device.deskId, checkpointId: device.checkpointId, publicKey, validFrom: today, validTo: addDays(today, CERTIFICATE_DAYS) });
  return { certificate: certificateToJson(certificate), centrePublicKeys: (await centrePublicKeys(db)).map(centrePublicKeyToJson) };
}

/**
 * A desk sends the public half of the key it made for signing addendum QR codes; the centre certifies
 * it for that desk's own desk and checkpoint (from its device token, never from the request). The
 * secret half never leaves the desk. Enrolling with a one-time code does the same (device-enrol-routes.ts).
 */
export function registerEnrolRoutes(app: FastifyInstance, db: Db): void {
  app.get(CENTRE_KEYS_PATH, { config: { access: 'public' } }, async () => ({ centrePublicKeys: (await centrePublicKeys(db)).map(centrePublicKeyToJson) }));

  app.post(ENROL_PATH, { config: { access: 'device' }, bodyLimit: ENROL_BODY_LIMIT }, async (req, reply) => {
    const device = deviceOf(req);
    const parsed = enrolmentRequestSchema.strict().safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid-enrolment', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    if (!isCheckpointId(device.checkpointId)) return reply.code(403).send({ error: 'not-a-checkpoint-desk', message: `${device.checkpointId} is not a pilot checkpoint` });
    return certifyDeskKey(db, { checkpointId: device.checkpointId, deskId: device.deskId }, parsed.data.keyId, parsed.data.publicKey);
  });
}
