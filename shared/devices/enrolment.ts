/**
 * Enrolling a desk with a one-time code (issue 9 item 2): the administrator makes a code for a desk, the
 * technician types it on the desk, and the desk gets its device token and its signing key's certificate.
 * The wire contract, shared by the centre (server/keys/device-enrol-routes.ts) and the desk
 * (electron/services/desk-enrolment.ts).
 */
import { z } from 'zod';
import { centrePublicKeySchema, certificateJsonSchema, enrolmentRequestSchema } from '../keys/certificate-json.ts';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

export const DEVICE_ENROL_PATH = '/enrol/v1/device';

/** No 0/O, 1/I/L: a code is read off a screen or paper and typed by hand (31 signs, about 59 bits a code). */
export const ENROLMENT_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROLMENT_CODE_LENGTH = 12;
export const ENROLMENT_CODE_HOURS = 24;

/** What the technician typed, as the centre compares it: capitals, without spaces and dashes. */
export function normaliseEnrolmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** ABCD-EFGH-JKMN: how a code is shown, in groups of four. */
export function formatEnrolmentCode(code: string): string {
  return normaliseEnrolmentCode(code).replace(/(.{4})(?=.)/g, '$1-');
}

export const enrolmentCodeSchema = z
  .string()
  .max(40)
  .transform(normaliseEnrolmentCode)
  .refine((c) => c.length === ENROLMENT_CODE_LENGTH && [...c].every((ch) => ENROLMENT_CODE_ALPHABET.includes(ch)), 'not an enrolment code');

export const deviceEnrolmentRequestSchema = z.object({ code: enrolmentCodeSchema, keyId: enrolmentRequestSchema.shape.keyId, publicKey: enrolmentRequestSchema.shape.publicKey }).strict();

export const ENROLLED_ROLES = ['desk', 'supervisor'] as const;

export const deviceEnrolmentAnswerSchema = z.object({
  deviceToken: z.string().min(16).max(200),
  checkpointId: z.enum(CHECKPOINT_IDS),
  deskId: z.string().min(1).max(40),
  role: z.enum(ENROLLED_ROLES),
  certificate: certificateJsonSchema,
  centrePublicKeys: z.array(centrePublicKeySchema).min(1),
});
export type DeviceEnrolmentAnswer = z.infer<typeof deviceEnrolmentAnswerSchema>;

/**
 * Why the centre refused a code. Unknown codes are all alike (nothing tells a guess how close it was);
 * a code that exists but was used or expired is said so, because whoever sends it had the real code.
 */
export const ENROLMENT_REFUSALS = {
  'invalid-code': 'the enrolment code is not valid',
  'code-used': 'this enrolment code has been used already',
  'code-expired': 'this enrolment code has expired',
} as const;
export type EnrolmentRefusal = keyof typeof ENROLMENT_REFUSALS;

/**
 * Why a desk's enrolment failed, as the desk tells it: the centre's refusals above, the centre not
 * reached, too many attempts from this address, or any other refusal. The CLI (build/enrol.ts) and the
 * setup wizard turn each into the same sentence (enrolment-texts.ts).
 */
export const ENROLMENT_FAILURES = ['invalid-code', 'code-used', 'code-expired', 'unreachable', 'rate-limited', 'refused'] as const;
// desk-enrolment.ts passes a refusal on as a failure: the compiler holds the refusals inside this list.
export type EnrolmentFailure = (typeof ENROLMENT_FAILURES)[number];

/**
 * Why an address typed for the central server is refused. https is required: the enrolment code, the
 * device token and the people's password verifiers travel on this connection, and on plain http anyone
 * on the network path (the checkpoint's LAN, the provider) reads or changes them. http is allowed only
 * for this machine itself (localhost, 127.0.0.0/8, ::1), where nothing leaves the computer: the demo, the
 * tests, a local TLS proxy. A private address (10.x, 192.168.x) is not exempt: a checkpoint's own network
 * is where a listener would sit. The address is the server's origin only (no path, query or password).
 */
export type ServerUrlProblem = 'not-a-url' | 'not-https' | 'has-path';

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The centre's origin (scheme, host and port, no trailing slash), or why the address is refused. */
export function parseServerUrl(typed: string): { ok: true; url: string } | { ok: false; problem: ServerUrlProblem } {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    return { ok: false, problem: 'not-a-url' };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return { ok: false, problem: 'not-a-url' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, problem: 'not-https' };
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return { ok: false, problem: 'has-path' };
  return { ok: true, url: url.origin };
}
