import type { FastifyInstance } from 'fastify';
import { CENTRE_KEYS_PATH, centrePublicKeyToJson, certificateToJson, ENROL_PATH, enrolmentRequestSchema } from '../../shared/keys/certificate-json.ts';
import { signDeskCertificate } from '../../shared/qr/desk-certificate.ts';
import { isCheckpointId } from '../../shared/reference/checkpoints.ts';
import { addDays, kzDate } from '../../shared/rules/local-date.ts';
import type { Db } from '../db/db.ts';
import type { Device } from '../sync/devices.ts';
import { centrePublicKeys, currentCentreKey } from './centre-keys.ts';

/** How long a desk key may sign addenda before the desk enrols a new one. */
const CERTIFICATE_DAYS = 365;

/**
 * A desk sends the public half of the key it made for signing addendum QR codes; the centre certifies
 * it for that desk's own desk and checkpoint (from its device token, never from the request). The
 * secret half never leaves the desk. Issue 9 puts full enrolment around this.
 */
export function registerEnrolRoutes(app: FastifyInstance, db: Db, authorise: (authorization: string | undefined) => Promise<Device | null>): void {
  app.get(CENTRE_KEYS_PATH, async () => ({ centrePublicKeys: (await centrePublicKeys(db)).map(centrePublicKeyToJson) }));

  app.post(ENROL_PATH, async (req, reply) => {
    const device = await authorise(req.headers.authorization);
    if (!device) return reply.code(401).send({ error: 'unauthorized', message: 'unknown or missing device token' });
    const parsed = enrolmentRequestSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid-enrolment', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    if (!isCheckpointId(device.checkpointId)) return reply.code(403).send({ error: 'not-a-checkpoint-desk', message: `${device.checkpointId} is not a pilot checkpoint` });
    const key = await currentCentreKey(db);
    const today = kzDate(Date.now());
    const certificate = signDeskCertificate(key.secretKey, key.keyId, {
      keyId: parsed.data.keyId,
      deskId: device.deskId,
      checkpointId: device.checkpointId,
      publicKey: parsed.data.publicKey,
      validFrom: today,
      validTo: addDays(today, CERTIFICATE_DAYS),
    });
    return { certificate: certificateToJson(certificate), centrePublicKeys: (await centrePublicKeys(db)).map(centrePublicKeyToJson) };
  });
}
