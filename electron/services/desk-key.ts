/**
 * The desk's own Ed25519 key for signing addendum QR codes, and the centre's certificate for it. The
 * secret is made here and never leaves this machine; only the public half goes to the centre, which
 * certifies it for this desk and checkpoint. Kept as a file in the desk's data folder (0600).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { certificateJsonSchema, centrePublicKeySchema, centrePublicKeyToJson, certificateToJson, ENROL_PATH, enrolmentAnswerSchema, type CentrePublicKey } from '../../shared/keys/certificate-json.ts';
import { decodeBase32, encodeBase32 } from '../../shared/qr/base32.ts';
import type { SignedDeskCertificate } from '../../shared/qr/desk-certificate.ts';

export type DeskKey = { keyId: string; secretKey: Uint8Array; certificate: SignedDeskCertificate | null; centrePublicKeys: CentrePublicKey[] };

const fileSchema = z.object({
  keyId: z.string(),
  secretKey: z.string(),
  certificate: certificateJsonSchema.nullable(),
  centrePublicKeys: z.array(centrePublicKeySchema),
});

const FILE = 'desk-key.json';

/** Writes the key file (0600, write then rename). */
export async function saveDeskKey(dir: string, key: DeskKey): Promise<void> {
  const json = {
    keyId: key.keyId,
    secretKey: encodeBase32(key.secretKey),
    certificate: key.certificate ? certificateToJson(key.certificate) : null,
    centrePublicKeys: key.centrePublicKeys.map(centrePublicKeyToJson),
  };
  // Write then rename: a power cut never leaves half a key file.
  const tmp = join(dir, `${FILE}.tmp`);
  await writeFile(tmp, JSON.stringify(json, null, 1), { mode: 0o600 });
  await rename(tmp, join(dir, FILE));
}

/** The key kept in dir, or null when there is none yet. */
export async function loadDeskKey(dir: string): Promise<DeskKey | null> {
  const path = join(dir, FILE);
  if (!existsSync(path)) return null;
  const parsed = fileSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  return { keyId: parsed.keyId, secretKey: decodeBase32(parsed.secretKey)!, certificate: parsed.certificate, centrePublicKeys: parsed.centrePublicKeys };
}

/** A new key, not yet written anywhere. */
export function makeDeskKey(deskId: string): DeskKey {
  return { keyId: `${deskId}-${randomBytes(2).toString('hex')}`.slice(0, 40), secretKey: ed25519.utils.randomSecretKey(), certificate: null, centrePublicKeys: [] };
}

export async function loadOrCreateDeskKey(dir: string, deskId: string): Promise<DeskKey> {
  await mkdir(dir, { recursive: true });
  const existing = await loadDeskKey(dir);
  if (existing) return existing;
  const key = makeDeskKey(deskId);
  await saveDeskKey(dir, key);
  return key;
}

/**
 * Asks the centre to certify the key when it has no certificate yet. Offline, the desk keeps working;
 * it just cannot print signed addenda until the centre has answered once.
 */
export async function ensureCertified(dir: string, key: DeskKey, serverUrl: string, deviceToken: string, fetchImpl: typeof fetch = fetch): Promise<DeskKey> {
  if (key.certificate) return key;
  const res = await fetchImpl(new URL(ENROL_PATH, serverUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ keyId: key.keyId, publicKey: encodeBase32(ed25519.getPublicKey(key.secretKey)) }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`the centre refused the desk key: ${res.status} ${await res.text().catch(() => '')}`);
  const answer = enrolmentAnswerSchema.parse(await res.json());
  const certified: DeskKey = { ...key, certificate: answer.certificate, centrePublicKeys: answer.centrePublicKeys };
  await saveDeskKey(dir, certified);
  return certified;
}
