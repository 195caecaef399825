import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';
import { decodeBase32, encodeBase32 } from './base32.ts';
import { encodeAddendumQr, isAddendumQr, verifyAddendumQr, type AddendumQrPayload, type DeskKey } from './addendum-qr.ts';
import { signDeskCertificate, type DeskCertificate } from './desk-certificate.ts';
import { WIRE_CHECKPOINTS, bytesToUlid, ulidToBytes } from './wire-values.ts';

const seed = (n: number) => new Uint8Array(32).fill(n);
const centreSecret = seed(1);
const centrePublic = ed25519.getPublicKey(centreSecret);
const otherCentreSecret = seed(2);
const deskSecret = seed(3);
const NOW = Date.parse('2026-11-21T09:00:00+05:00');

function certificateBody(overrides: Partial<DeskCertificate> = {}): DeskCertificate {
  return {
    keyId: 'DK-0007',
    deskId: 'dostyk-avto-2',
    checkpointId: 'dostyk-avto',
    publicKey: ed25519.getPublicKey(deskSecret),
    validFrom: '2026-01-01',
    validTo: '2027-12-31',
    ...overrides,
  };
}

function deskKey(overrides: Partial<DeskCertificate> = {}, signer = centreSecret, centreKeyId = 'KZ-C1'): DeskKey {
  return { secretKey: deskSecret, certificate: signDeskCertificate(signer, centreKeyId, certificateBody(overrides)) };
}

const payload: AddendumQrPayload = {
  addendumId: '01JD0000000000000000000ABC',
  applicationNumber: 'A26-000001',
  blankNumber: 'C0000002',
  permitType: 'C',
  plate: '123 АВС 02',
  carrierBinIin: '123456789012',
  issueDate: '2026-11-21',
  checkpointId: 'dostyk-avto',
  keyId: 'DK-0007',
};

const keys = { 'KZ-C1': centrePublic };

describe('addendum QR', () => {
  it('round-trips and stays in the QR alphanumeric alphabet', () => {
    const text = encodeAddendumQr(payload, deskKey());
    expect(text).toMatch(/^SHK1\.[A-Z2-7]+$/);
    // About 260 bytes; alphanumeric mode fits it in a version 13 symbol at error correction M.
    expect(text.length).toBeLessThan(440);
    const v = verifyAddendumQr(text, keys, NOW);
    expect(v).toMatchObject({ ok: true, payload, certificate: { deskId: 'dostyk-avto-2', centreKeyId: 'KZ-C1' } });
    expect(isAddendumQr(text)).toBe(true);
    // What a scanner may add or change: a newline, Caps Lock.
    expect(verifyAddendumQr(`${text}\n`, keys, NOW).ok).toBe(true);
    expect(verifyAddendumQr(text.toLowerCase(), keys, NOW).ok).toBe(true);
  });

  it('refuses every single-byte tamper of the signed bytes', () => {
    const text = encodeAddendumQr(payload, deskKey());
    const bytes = decodeBase32(text.slice(5))!;
    for (let i = 0; i < bytes.length; i++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const t = Uint8Array.from(bytes);
        t[i]! ^= flip;
        const v = verifyAddendumQr(`SHK1.${encodeBase32(t)}`, keys, NOW);
        expect(v.ok, `byte ${i} ^ ${flip}`).toBe(false);
      }
    }
  });

  it('refuses every single-character change of the text', () => {
    const text = encodeAddendumQr(payload, deskKey());
    for (let i = 5; i < text.length; i++) {
      const other = text[i] === 'A' ? 'B' : 'A';
      expect(verifyAddendumQr(text.slice(0, i) + other + text.slice(i + 1), keys, NOW).ok, `char ${i}`).toBe(false);
    }
  });

  it('refuses a desk key certified by another centre key, or by a key it does not know', () => {
    const forged = encodeAddendumQr(payload, deskKey({}, otherCentreSecret, 'KZ-C1'));
    expect(verifyAddendumQr(forged, keys, NOW)).toEqual({ ok: false, reason: 'bad-certificate-signature' });
    const foreign = encodeAddendumQr(payload, deskKey({}, otherCentreSecret, 'KZ-C9'));
    expect(verifyAddendumQr(foreign, keys, NOW)).toEqual({ ok: false, reason: 'unknown-centre-key' });
    const proto = encodeAddendumQr(payload, deskKey({}, otherCentreSecret, '__proto__'));
    expect(verifyAddendumQr(proto, keys, NOW)).toEqual({ ok: false, reason: 'unknown-centre-key' });
  });

  it('accepts a rotated centre key it knows', () => {
    const text = encodeAddendumQr(payload, deskKey({}, otherCentreSecret, 'KZ-C2'));
    expect(verifyAddendumQr(text, { ...keys, 'KZ-C2': ed25519.getPublicKey(otherCentreSecret) }, NOW).ok).toBe(true);
  });

  it('refuses by the certificate dates', () => {
    const text = encodeAddendumQr(payload, deskKey({ validFrom: '2026-01-01', validTo: '2026-11-30' }));
    expect(verifyAddendumQr(text, keys, NOW).ok).toBe(true);
    expect(verifyAddendumQr(text, keys, Date.parse('2026-12-01T00:30:00+05:00'))).toEqual({ ok: false, reason: 'certificate-expired' });
    expect(verifyAddendumQr(text, keys, Date.parse('2025-12-31T12:00:00+05:00'))).toEqual({ ok: false, reason: 'certificate-not-yet-valid' });
    const late = encodeAddendumQr({ ...payload, issueDate: '2026-12-05' }, deskKey({ validTo: '2026-11-30' }));
    expect(verifyAddendumQr(late, keys, NOW)).toEqual({ ok: false, reason: 'issued-outside-certificate' });
    expect(verifyAddendumQr(text, keys, Number.NaN)).toEqual({ ok: false, reason: 'certificate-not-yet-valid' });
  });

  it('refuses a desk key of another checkpoint and a wrong signing key', () => {
    expect(() => encodeAddendumQr(payload, deskKey({ checkpointId: 'kolzhat' }))).toThrow(RangeError);
    expect(() => encodeAddendumQr(payload, { ...deskKey(), secretKey: seed(9) })).toThrow(RangeError);
    // A desk that bypasses encode's own check still cannot make a code that passes.
    const key = deskKey({ checkpointId: 'kolzhat' });
    const text = encodeAddendumQr({ ...payload, checkpointId: 'kolzhat' }, key);
    const bytes = decodeBase32(text.slice(5))!;
    const lastField = bytes.length - 65; // checkpoint code sits just before the signature
    bytes[lastField] = WIRE_CHECKPOINTS.indexOf('dostyk-avto');
    const unsigned = bytes.slice(0, bytes.length - 64);
    const msg = new Uint8Array([...new TextEncoder().encode('SHK1-ADD'), ...unsigned]);
    const resigned = new Uint8Array([...unsigned, ...ed25519.sign(msg, deskSecret)]);
    expect(verifyAddendumQr(`SHK1.${encodeBase32(resigned)}`, keys, NOW)).toEqual({ ok: false, reason: 'checkpoint-mismatch' });
  });

  it('tells foreign and future codes apart from damaged ones', () => {
    expect(verifyAddendumQr('A26-000001', keys, NOW)).toEqual({ ok: false, reason: 'not-shekara' });
    expect(verifyAddendumQr('https://egov.kz/x', keys, NOW)).toEqual({ ok: false, reason: 'not-shekara' });
    expect(verifyAddendumQr('SHK2.AAAA', keys, NOW)).toEqual({ ok: false, reason: 'unsupported-version' });
    expect(verifyAddendumQr('SHK1.', keys, NOW)).toEqual({ ok: false, reason: 'malformed' });
    const text = encodeAddendumQr(payload, deskKey());
    expect(verifyAddendumQr(text.slice(0, -10), keys, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyAddendumQr(`${text}AAAAAAAA`, keys, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(isAddendumQr('C0000002')).toBe(false);
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `SHK1.${s}`), fc.stringMatching(/^SHK1\.[A-Z2-7]{0,400}$/)), (s) => {
        const v = verifyAddendumQr(s, keys, NOW);
        expect(v.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        expect(verifyAddendumQr(`SHK1.${encodeBase32(b)}`, keys, NOW).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('wire values', () => {
  it('base32 round-trips and refuses non-canonical text', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
      expect(decodeBase32(encodeBase32(b))).toEqual(b);
    }));
    expect(decodeBase32('AA')).toEqual(new Uint8Array([0]));
    expect(decodeBase32('AB')).toBeNull(); // padding bits set
    expect(decodeBase32('A')).toBeNull(); // no length of bytes gives one character
    expect(decodeBase32('A1')).toBeNull();
  });

  it('ULIDs round-trip through 16 bytes', () => {
    for (const id of ['00000000000000000000000000', '7ZZZZZZZZZZZZZZZZZZZZZZZZZ', '01JD0000000000000000000ABC']) expect(bytesToUlid(ulidToBytes(id))).toBe(id);
  });

  it('every checkpoint has a wire code', () => {
    expect([...WIRE_CHECKPOINTS].sort()).toEqual([...CHECKPOINT_IDS].sort());
  });
});
