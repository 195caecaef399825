import { z } from 'zod';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';
import { decodeBase32, encodeBase32 } from '../qr/base32.ts';
import type { SignedDeskCertificate } from '../qr/desk-certificate.ts';

/** Keys and signatures travel in JSON (enrolment answer, files on the desk) as unpadded base32. */
const b32 = (bytes: number) =>
  z
    .string()
    .transform((s, ctx) => {
      const out = decodeBase32(s);
      if (!out || out.length !== bytes) {
        ctx.addIssue({ code: 'custom', message: `must be ${bytes} bytes in base32` });
        return z.NEVER;
      }
      return out;
    });

export const centrePublicKeySchema = z.object({ keyId: z.string().min(1).max(40), publicKey: b32(32) });
export type CentrePublicKey = z.infer<typeof centrePublicKeySchema>;

export const certificateJsonSchema = z.object({
  keyId: z.string().min(1).max(40),
  deskId: z.string().min(1).max(40),
  checkpointId: z.enum(CHECKPOINT_IDS),
  publicKey: b32(32),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  validTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  centreKeyId: z.string().min(1).max(40),
  signature: b32(64),
});

export function certificateToJson(c: SignedDeskCertificate) {
  return { ...c, publicKey: encodeBase32(c.publicKey), signature: encodeBase32(c.signature) };
}
export type CertificateJson = ReturnType<typeof certificateToJson>;

export function centrePublicKeyToJson(k: CentrePublicKey) {
  return { keyId: k.keyId, publicKey: encodeBase32(k.publicKey) };
}

/** The answer to a desk's enrolment of its signing key. */
export const enrolmentAnswerSchema = z.object({ certificate: certificateJsonSchema, centrePublicKeys: z.array(centrePublicKeySchema).min(1) });
export const enrolmentRequestSchema = z.object({ keyId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/), publicKey: b32(32) });
export const ENROL_PATH = '/enrol/v1/desk-key';
export const CENTRE_KEYS_PATH = '/keys/v1/centre';
