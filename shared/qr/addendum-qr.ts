/**
 * The QR printed on an issued addendum: a compact signed record any checkpoint verifies offline.
 *
 * Text: `SHK1.` + base32 (RFC 4648, no padding) of
 *   desk certificate (see desk-certificate.ts: centre key id, key id, desk id, checkpoint, public key,
 *     validity, centre signature)
 *   addendum id (ULID, 16 bytes) · application number · blank number · permit type (one ASCII byte) ·
 *     plate · carrier BIN/IIN · issue date (u16 days) · checkpoint (u8 code)
 *   Ed25519 signature (64 bytes) by the desk key over `SHK1-ADD` + every byte before it.
 * Texts are UTF-8 with a one-byte length. The desk's key id is the certificate's, carried once.
 * The whole text stays in the QR alphanumeric mode, which keeps the symbol small (about version 13).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { APPLICATION_NUMBER, BLANK_NUMBER } from '../documents/c-permit.ts';
import { kzDate } from '../rules/local-date.ts';
import type { CheckpointId } from '../reference/checkpoints.ts';
import { decodeBase32, encodeBase32 } from './base32.ts';
import { ByteReader, ByteWriter } from './byte-codec.ts';
import { isCertificateSignedBy, readDeskCertificate, writeDeskCertificate, type SignedDeskCertificate } from './desk-certificate.ts';
import { bytesToUlid, checkpointCode, checkpointFromCode, daysToIsoDate, isoDateToDays, ulidToBytes } from './wire-values.ts';

export type AddendumQrPayload = {
  addendumId: string;
  applicationNumber: string;
  blankNumber: string;
  permitType: 'C';
  plate: string;
  carrierBinIin: string;
  /** Calendar date of issue at the checkpoint, YYYY-MM-DD. */
  issueDate: string;
  checkpointId: CheckpointId;
  /** The signing desk key; equal to the certificate's keyId. */
  keyId: string;
};

export type DeskKey = { secretKey: Uint8Array; certificate: SignedDeskCertificate };

export type AddendumQrRefusal =
  /** Not our QR at all: the scan goes to the other parsers. */
  | 'not-shekara'
  /** Ours, but a format version this build does not read: update the app. */
  | 'unsupported-version'
  /** Ours, but damaged, truncated or with impossible field values. */
  | 'malformed'
  /** Certified by a centre key this desk does not know (another system, or a key not yet synced). */
  | 'unknown-centre-key'
  | 'bad-certificate-signature'
  | 'certificate-not-yet-valid'
  | 'certificate-expired'
  /** The payload was changed after the desk signed it, or signed by another key. */
  | 'bad-signature'
  /** The desk key was enrolled at another checkpoint than the one the addendum names. */
  | 'checkpoint-mismatch'
  /** The issue date lies outside the days the desk key was allowed to sign on. */
  | 'issued-outside-certificate';

export type AddendumQrVerdict =
  | { ok: true; payload: AddendumQrPayload; certificate: SignedDeskCertificate }
  | { ok: false; reason: AddendumQrRefusal };

const PREFIX = 'SHK1.';
const ADD_CONTEXT = new TextEncoder().encode('SHK1-ADD');
/** Far above a real code (about 370 characters); longer input is refused before decoding. */
const MAX_TEXT = 2048;
const BIN_IIN = /^\d{12}$/;

function signedMessage(unsigned: Uint8Array): Uint8Array {
  const m = new Uint8Array(ADD_CONTEXT.length + unsigned.length);
  m.set(ADD_CONTEXT);
  m.set(unsigned, ADD_CONTEXT.length);
  return m;
}

function isValidPayload(p: AddendumQrPayload): boolean {
  return (
    APPLICATION_NUMBER.test(p.applicationNumber) &&
    BLANK_NUMBER.test(p.blankNumber) &&
    p.permitType === 'C' &&
    p.plate.length >= 1 &&
    p.plate.length <= 20 &&
    BIN_IIN.test(p.carrierBinIin)
  );
}

/**
 * At the issuing desk: the QR text for an issued addendum. Throws on a payload that could not be
 * valid (a programming error, not a field condition): a wrong key, a bad number format.
 */
export function encodeAddendumQr(payload: AddendumQrPayload, deskKey: DeskKey): string {
  const cert = deskKey.certificate;
  if (payload.keyId !== cert.keyId) throw new RangeError('payload keyId differs from the desk certificate');
  if (payload.checkpointId !== cert.checkpointId) throw new RangeError('desk key is certified for another checkpoint');
  if (!isValidPayload(payload)) throw new RangeError('addendum QR payload has a malformed field');
  const publicKey = ed25519.getPublicKey(deskKey.secretKey);
  if (publicKey.some((b, i) => b !== cert.publicKey[i])) throw new RangeError('secret key does not match the desk certificate');

  const w = new ByteWriter();
  writeDeskCertificate(w, cert);
  w.bytes(ulidToBytes(payload.addendumId))
    .text(payload.applicationNumber)
    .text(payload.blankNumber)
    .u8(payload.permitType.charCodeAt(0))
    .text(payload.plate)
    .text(payload.carrierBinIin)
    .u16(isoDateToDays(payload.issueDate))
    .u8(checkpointCode(payload.checkpointId));
  const unsigned = w.finish();
  const signature = ed25519.sign(signedMessage(unsigned), deskKey.secretKey);
  return PREFIX + encodeBase32(new ByteWriter().bytes(unsigned).bytes(signature).finish());
}

/** Cheap routing for the scanner: does this text claim to be our QR (any version)? */
export function isAddendumQr(text: string): boolean {
  return /^\s*SHK\d+\./i.test(text);
}

type Decoded = { payload: AddendumQrPayload; certificate: SignedDeskCertificate; certBody: Uint8Array; unsigned: Uint8Array; signature: Uint8Array };

function decode(bytes: Uint8Array): Decoded | null {
  try {
    const r = new ByteReader(bytes);
    const cert = readDeskCertificate(r);
    if (cert === null) return null;
    const addendumId = bytesToUlid(r.bytes(16));
    const applicationNumber = r.text();
    const blankNumber = r.text();
    const permitType = String.fromCharCode(r.u8());
    const plate = r.text();
    const carrierBinIin = r.text();
    const issueDate = daysToIsoDate(r.u16());
    const checkpointId = checkpointFromCode(r.u8());
    const unsigned = r.bytesBetween(0, r.offset);
    const signature = r.bytes(64);
    if (r.remaining !== 0 || checkpointId === null || permitType !== 'C' || addendumId[0]! > '7') return null;
    const payload: AddendumQrPayload = {
      addendumId, applicationNumber, blankNumber, permitType, plate, carrierBinIin, issueDate, checkpointId,
      keyId: cert.certificate.keyId,
    };
    if (!isValidPayload(payload)) return null;
    return { payload, certificate: cert.certificate, certBody: cert.body, unsigned, signature };
  } catch {
    return null; // Truncated, or a bad UTF-8 text
  }
}

function safeKzDate(nowMs: number): string | null {
  try {
    return kzDate(nowMs);
  } catch {
    return null; // NaN or beyond the Date range
  }
}

/**
 * At any checkpoint, offline: checks a scanned text. Never throws; every refusal has a reason code the
 * UI can explain. `centrePublicKeys` maps the centre's key ids to their Ed25519 public keys.
 */
export function verifyAddendumQr(text: string, centrePublicKeys: Readonly<Record<string, Uint8Array>>, nowMs: number): AddendumQrVerdict {
  if (typeof text !== 'string' || !isAddendumQr(text)) return { ok: false, reason: 'not-shekara' };
  const trimmed = text.trim();
  if (trimmed.slice(0, PREFIX.length).toUpperCase() !== PREFIX) return { ok: false, reason: 'unsupported-version' };
  if (trimmed.length > MAX_TEXT) return { ok: false, reason: 'malformed' };
  const bytes = decodeBase32(trimmed.slice(PREFIX.length));
  const decoded = bytes === null ? null : decode(bytes);
  if (decoded === null) return { ok: false, reason: 'malformed' };
  const { payload, certificate } = decoded;

  // Own property only: a key id such as "__proto__" must not find something on the prototype.
  const centreKey = Object.prototype.hasOwnProperty.call(centrePublicKeys, certificate.centreKeyId) ? centrePublicKeys[certificate.centreKeyId] : undefined;
  if (centreKey === undefined) return { ok: false, reason: 'unknown-centre-key' };
  if (!isCertificateSignedBy(centreKey, decoded.certBody, certificate.signature)) return { ok: false, reason: 'bad-certificate-signature' };
  let signed = false;
  try {
    signed = ed25519.verify(decoded.signature, signedMessage(decoded.unsigned), certificate.publicKey, { zip215: false });
  } catch {
    signed = false; // a public key that is not a curve point
  }
  if (!signed) return { ok: false, reason: 'bad-signature' };
  // Signatures first, so a forged code never learns which rule it broke.
  if (payload.checkpointId !== certificate.checkpointId) return { ok: false, reason: 'checkpoint-mismatch' };
  if (payload.issueDate < certificate.validFrom || payload.issueDate > certificate.validTo) return { ok: false, reason: 'issued-outside-certificate' };
  const today = safeKzDate(nowMs);
  if (today === null || today < certificate.validFrom) return { ok: false, reason: 'certificate-not-yet-valid' };
  if (today > certificate.validTo) return { ok: false, reason: 'certificate-expired' };
  return { ok: true, payload, certificate };
}
