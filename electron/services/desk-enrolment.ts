/**
 * Enrols this desk with the one-time code the administrator made for it (issue 9 item 2): makes or loads
 * the desk's signing key, sends the code and the key's public half to the centre, and keeps what comes
 * back: the certificate in the desk-key file, and the desk's identity (server, token, checkpoint, desk,
 * role) in desk-identity.json, which readDeskConfig falls back to when the environment sets no token.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DEVICE_ENROL_PATH, deviceEnrolmentAnswerSchema, ENROLMENT_REFUSALS, normaliseEnrolmentCode, type EnrolmentFailure, type EnrolmentRefusal } from '../../shared/devices/enrolment.ts';
import { encodeBase32 } from '../../shared/qr/base32.ts';
import { loadDeskKey, makeDeskKey, saveDeskKey, type DeskKey } from './desk-key.ts';

export const DESK_IDENTITY_FILE = 'desk-identity.json';

export const deskIdentitySchema = z.object({
  serverUrl: z.string().url(),
  deviceToken: z.string().min(16).max(200),
  checkpointId: z.string().min(1).max(40),
  deskId: z.string().min(1).max(40),
  role: z.enum(['desk', 'supervisor']),
});
export type DeskIdentity = z.infer<typeof deskIdentitySchema>;

/** Why enrolment failed, as a code the CLI and the setup wizard turn into a sentence (shared/devices/enrolment-texts.ts). */
export type { EnrolmentFailure };

export class DeskEnrolmentError extends Error {
  override name = 'DeskEnrolmentError';
  constructor(
    readonly reason: EnrolmentFailure,
    message: string,
  ) {
    super(message);
  }
}

/** The identity an earlier enrolment kept in dataDir, or null when there is none (or it is unreadable). */
export function readDeskIdentity(dataDir: string): DeskIdentity | null {
  const path = join(dataDir, DESK_IDENTITY_FILE);
  if (!existsSync(path)) return null;
  try {
    const parsed = deskIdentitySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function writeDeskIdentity(dataDir: string, identity: DeskIdentity): Promise<void> {
  // Write then rename: a power cut leaves the old identity or the new one, never half a file. 0600: it holds the token.
  const tmp = join(dataDir, `${DESK_IDENTITY_FILE}.tmp`);
  await writeFile(tmp, JSON.stringify(identity, null, 1), { mode: 0o600 });
  await rename(tmp, join(dataDir, DESK_IDENTITY_FILE));
}

export type EnrolDeskOptions = { dataDir: string; serverUrl: string; code: string; fetchImpl?: typeof fetch; timeoutMs?: number };

export async function enrolDesk({ dataDir, serverUrl, code, fetchImpl = fetch, timeoutMs = 15_000 }: EnrolDeskOptions): Promise<{ identity: DeskIdentity; key: DeskKey }> {
  // A refused code changes nothing on disk: a new key is kept only once the centre has certified it.
  // The desk id is not known before the centre answers: a key made now is named for enrolment.
  const key = (await loadDeskKey(dataDir)) ?? makeDeskKey('desk');
  let res: Response;
  try {
    res = await fetchImpl(new URL(DEVICE_ENROL_PATH, serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: normaliseEnrolmentCode(code), keyId: key.keyId, publicKey: encodeBase32(ed25519.getPublicKey(key.secretKey)) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new DeskEnrolmentError('unreachable', `the central server ${serverUrl} cannot be reached: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: unknown; message?: unknown };
    const error = typeof body.error === 'string' ? body.error : '';
    if (error in ENROLMENT_REFUSALS) throw new DeskEnrolmentError(error as EnrolmentRefusal, ENROLMENT_REFUSALS[error as EnrolmentRefusal]);
    if (res.status === 429) throw new DeskEnrolmentError('rate-limited', `too many attempts: try again in ${res.headers.get('retry-after') ?? 'a few'} s`);
    throw new DeskEnrolmentError('refused', `the central server refused the enrolment: ${res.status} ${typeof body.message === 'string' ? body.message : ''}`.trim());
  }
  const answer = deviceEnrolmentAnswerSchema.parse(await res.json());
  await mkdir(dataDir, { recursive: true });
  const certified: DeskKey = { ...key, certificate: answer.certificate, centrePublicKeys: answer.centrePublicKeys };
  await saveDeskKey(dataDir, certified);
  const identity: DeskIdentity = { serverUrl, deviceToken: answer.deviceToken, checkpointId: answer.checkpointId, deskId: answer.deskId, role: answer.role };
  await writeDeskIdentity(dataDir, identity);
  return { identity, key: certified };
}
