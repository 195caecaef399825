/**
 * A desk's signing-key certificate. The centre signs it when it enrols the desk; it travels inside
 * every addendum QR, so another checkpoint verifies the addendum offline knowing only the centre's
 * public keys.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { isCheckpointId, type CheckpointId } from '../reference/checkpoints.ts';
import { ByteReader, ByteWriter } from './byte-codec.ts';
import { checkpointCode, checkpointFromCode, daysToIsoDate, isoDateToDays } from './wire-values.ts';

export type DeskCertificate = {
  /** The desk key's id; short, it is printed in every QR. */
  keyId: string;
  deskId: string;
  /** The only checkpoint whose addenda this key may sign. */
  checkpointId: CheckpointId;
  /** Ed25519 public key, 32 bytes. */
  publicKey: Uint8Array;
  /** First and last calendar day (Kazakhstan time, inclusive) the key may sign on. */
  validFrom: string;
  validTo: string;
};

export type SignedDeskCertificate = DeskCertificate & {
  /** Which of the centre's keys signed it, so the centre can rotate keys. */
  centreKeyId: string;
  /** Ed25519 signature by the centre key over CERT_CONTEXT + the encoded body. */
  signature: Uint8Array;
};

/** Domain separation: a certificate signature can never pass for an addendum signature, nor back. */
const CERT_CONTEXT = new TextEncoder().encode('SHK1-CERT');

function writeBody(w: ByteWriter, centreKeyId: string, c: DeskCertificate): ByteWriter {
  if (c.publicKey.length !== 32) throw new RangeError('desk public key must be 32 bytes');
  if (c.validFrom > c.validTo) throw new RangeError('certificate validFrom is after validTo');
  return w
    .text(centreKeyId)
    .text(c.keyId)
    .text(c.deskId)
    .u8(checkpointCode(c.checkpointId))
    .bytes(c.publicKey)
    .u16(isoDateToDays(c.validFrom))
    .u16(isoDateToDays(c.validTo));
}

function signedMessage(body: Uint8Array): Uint8Array {
  const m = new Uint8Array(CERT_CONTEXT.length + body.length);
  m.set(CERT_CONTEXT);
  m.set(body, CERT_CONTEXT.length);
  return m;
}

/** At enrolment, on the centre: certifies a desk's public key. Throws on a certificate that makes no sense. */
export function signDeskCertificate(centreSecretKey: Uint8Array, centreKeyId: string, certificate: DeskCertificate): SignedDeskCertificate {
  if (!isCheckpointId(certificate.checkpointId)) throw new RangeError(`unknown checkpoint: ${certificate.checkpointId}`);
  const body = writeBody(new ByteWriter(), centreKeyId, certificate).finish();
  const signature = ed25519.sign(signedMessage(body), centreSecretKey);
  return { ...certificate, publicKey: Uint8Array.from(certificate.publicKey), centreKeyId, signature };
}

export function writeDeskCertificate(w: ByteWriter, cert: SignedDeskCertificate): void {
  writeBody(w, cert.centreKeyId, cert).bytes(cert.signature);
}

/** The certificate and the exact bytes its signature covers; null when the fields make no sense. */
export function readDeskCertificate(r: ByteReader): { certificate: SignedDeskCertificate; body: Uint8Array } | null {
  const start = r.offset;
  const centreKeyId = r.text();
  const keyId = r.text();
  const deskId = r.text();
  const checkpointId = checkpointFromCode(r.u8());
  const publicKey = r.bytes(32);
  const validFrom = daysToIsoDate(r.u16());
  const validTo = daysToIsoDate(r.u16());
  const body = r.bytesBetween(start, r.offset);
  const signature = r.bytes(64);
  if (checkpointId === null || keyId === '' || centreKeyId === '' || validFrom > validTo) return null;
  return { certificate: { keyId, deskId, checkpointId, publicKey, validFrom, validTo, centreKeyId, signature }, body };
}

/** Never throws: a malformed key or signature is simply not valid. */
export function isCertificateSignedBy(centrePublicKey: Uint8Array, body: Uint8Array, signature: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, signedMessage(body), centrePublicKey, { zip215: false });
  } catch {
    return false;
  }
}
