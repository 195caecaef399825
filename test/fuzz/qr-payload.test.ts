/**
 * Fuzzing the addendum QR decoder and verifier (issue 9 point 6): whatever a scanner hands over, the
 * verifier answers with a typed refusal and never throws, and a signed code that was changed in any
 * way (a byte, a character, its length) never verifies. 10,000 runs in all; signature checks cost
 * about 5 ms each, so the properties that reach them get fewer runs than the ones refused earlier.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_IDS } from '../../shared/reference/checkpoints.ts';
import { decodeBase32, encodeBase32 } from '../../shared/qr/base32.ts';
import { ByteWriter } from '../../shared/qr/byte-codec.ts';
import { encodeAddendumQr, isAddendumQr, verifyAddendumQr, type AddendumQrPayload, type AddendumQrVerdict, type DeskKey } from '../../shared/qr/addendum-qr.ts';
import { signDeskCertificate, writeDeskCertificate } from '../../shared/qr/desk-certificate.ts';
import { WIRE_CHECKPOINTS } from '../../shared/qr/wire-values.ts';

const seed = (n: number) => new Uint8Array(32).fill(n);
const centreSecret = seed(1);
const deskSecret = seed(3);
const KEYS: Record<string, Uint8Array> = { 'KZ-C1': ed25519.getPublicKey(centreSecret) };
const NOW = Date.parse('2026-11-21T09:00:00+05:00');

const REFUSALS = new Set(['not-shekara', 'unsupported-version', 'malformed', 'unknown-centre-key', 'bad-certificate-signature', 'certificate-not-yet-valid', 'certificate-expired', 'bad-signature', 'checkpoint-mismatch', 'issued-outside-certificate']);

function deskKey(checkpointId: (typeof CHECKPOINT_IDS)[number] = 'dostyk-avto'): DeskKey {
  const certificate = signDeskCertificate(centreSecret, 'KZ-C1', { keyId: 'DK-0007', deskId: `${checkpointId}-2`, checkpointId, publicKey: ed25519.getPublicKey(deskSecret), validFrom: '2026-01-01', validTo: '2027-12-31' });
  return { secretKey: deskSecret, certificate };
}

const PAYLOAD: AddendumQrPayload = {
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

/** A few genuine codes: Cyrillic and Latin plates, two checkpoints. */
const GENUINE = [
  encodeAddendumQr(PAYLOAD, deskKey()),
  encodeAddendumQr({ ...PAYLOAD, addendumId: '7ZZZZZZZZZZZZZZZZZZZZZZZZZ', applicationNumber: 'A26-999999', blankNumber: 'C9999999', plate: 'Ү777ҚҚ', carrierBinIin: '000000000000' }, deskKey()),
  encodeAddendumQr({ ...PAYLOAD, checkpointId: 'kolzhat', plate: 'KZ 001 AAA 05' }, deskKey('kolzhat')),
];

/** The verdict, checked to be one of the typed answers; a throw fails the property by itself. */
function verify(text: string, keys: Record<string, Uint8Array> = KEYS): AddendumQrVerdict {
  const v = verifyAddendumQr(text, keys, NOW);
  if (!v.ok) expect(REFUSALS.has(v.reason), v.reason).toBe(true);
  return v;
}

const asciiUpper = (s: string) => s.replace(/[a-z]/g, (c) => c.toUpperCase());

/**
 * Every character whose upper case is a base32 letter: the ASCII lower case, and any other in the
 * Basic Multilingual Plane that String.toUpperCase maps there (found at run time, not listed by hand).
 */
const CASE_VARIANTS = new Map<string, string[]>();
for (let code = 0; code < 0x10000; code++) {
  const ch = String.fromCharCode(code);
  const upper = ch.toUpperCase();
  if (upper !== ch && /^[A-Z2-7]$/.test(upper)) CASE_VARIANTS.set(upper, [...(CASE_VARIANTS.get(upper) ?? []), ch]);
}
const variantOf = (ch: string, pick: number) => {
  const all = CASE_VARIANTS.get(ch) ?? [ch];
  return all[pick % all.length]!;
};

describe('addendum QR under fuzzing', () => {
  it('genuine codes verify (the fixtures are sound)', () => {
    for (const text of GENUINE) expect(verify(text).ok).toBe(true);
  });

  it('arbitrary text never throws and never verifies (2,500 runs)', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: fc.constantFrom('\u0000', '\u001d', '\u001e', '\u0004', '\r', '\n', '\t', '\u007f', '\u00a0', '\ufeff', '\u2028'), maxLength: 40 }),
      fc.string({ unit: 'binary', minLength: 2000, maxLength: 5000 }).map((s) => `SHK1.${s}`),
      fc.tuple(fc.constantFrom('SHK1.', 'shk1.', ' SHK1.', 'SHK0.', 'SHK2.', 'SHK12.', 'SHK1', 'ШНК1.', ']Q1SHK1.', 'SHK99999999999999999999.'), fc.string({ maxLength: 500 })).map(([p, s]) => p + s),
    );
    fc.assert(fc.property(texts, (s) => void expect(verify(s).ok).toBe(false)), { numRuns: 2500 });
  });

  it('random base32 after the prefix: refused as malformed or unknown, never thrown (2,500 runs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcdefghijklmnopqrstuvwxyz'), maxLength: 700 }), (body) => {
        const v = verify(`SHK1.${body}`);
        expect(v.ok).toBe(false);
      }),
      { numRuns: 2500 },
    );
  });

  it('well-formed codes with random field bytes and random signatures never verify (300 runs)', () => {
    const codes = fc.record({
      centreKeyId: fc.oneof(fc.constantFrom('KZ-C1', '__proto__', 'constructor', 'toString', 'hasOwnProperty'), fc.string({ minLength: 1, maxLength: 20 })),
      keyId: fc.string({ minLength: 1, maxLength: 20 }),
      deskId: fc.string({ maxLength: 40 }),
      checkpoint: fc.integer({ min: 0, max: 255 }),
      publicKey: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      days: fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff })),
      certSignature: fc.uint8Array({ minLength: 64, maxLength: 64 }),
      addendum: fc.uint8Array({ minLength: 16, maxLength: 16 }),
      texts: fc.array(fc.string({ maxLength: 30 }), { minLength: 4, maxLength: 4 }),
      permitType: fc.integer({ min: 0, max: 255 }),
      issued: fc.integer({ min: 0, max: 0xffff }),
      signature: fc.uint8Array({ minLength: 64, maxLength: 64 }),
    });
    fc.assert(
      fc.property(codes, (c) => {
        const w = new ByteWriter().text(c.centreKeyId).text(c.keyId).text(c.deskId).u8(c.checkpoint).bytes(c.publicKey).u16(c.days[0]).u16(c.days[1]).bytes(c.certSignature);
        w.bytes(c.addendum).text(c.texts[0]!).text(c.texts[1]!).u8(c.permitType).text(c.texts[2]!).text(c.texts[3]!).u16(c.issued).u8(c.checkpoint).bytes(c.signature);
        expect(verify(`SHK1.${encodeBase32(w.finish())}`).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a genuine code changed at the character level never verifies, unless only ASCII case or outer whitespace changed (2,000 runs)', () => {
    const edit = fc.oneof(
      // Any character in place of one: another base32 letter, a Unicode one whose upper case is a base32 letter (ſ, ı), anything.
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), ch: fc.oneof(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcdefz01890'), fc.constantFrom('ſ', 'ı', 'K', 'ﬀ', 'ﬆ', 'ẞ', 'ǅ', 'Ａ', 'А', 'О'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567 \n\u001d'), minLength: 1, maxLength: 8 }) }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      // The same letter in another case: ASCII lower case (the same code), or ı, ſ (not the same text).
      fc.record({ kind: fc.constant('case' as const), at: fc.nat(), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...GENUINE), fc.array(edit, { minLength: 1, maxLength: 3 }), (genuine, edits) => {
        let text = genuine;
        for (const e of edits) {
          const at = 5 + (e.at % Math.max(1, text.length - 5)); // the body, after SHK1.
          if (e.kind === 'replace') text = text.slice(0, at) + e.ch + text.slice(at + 1);
          else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.n);
          else if (e.kind === 'insert') text = text.slice(0, at) + e.s + text.slice(at);
          else if (e.kind === 'case') text = text.slice(0, at) + variantOf(text[at] ?? '', e.pick) + text.slice(at + 1);
          else if (e.kind === 'swap') text = text.slice(0, at) + (text[at + 1] ?? '') + (text[at] ?? '') + text.slice(at + 2);
          else text = text.slice(0, at);
        }
        const v = verify(text);
        // A scanner with Caps Lock reads the same code: that is not a change. Anything else is.
        if (v.ok) expect(asciiUpper(text.trim())).toBe(genuine);
      }),
      { numRuns: 2000 },
    );
  });

  it('a genuine code changed at the byte level (bit flips, changed, dropped or added bytes) never verifies (600 runs)', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('xor' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('add' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...GENUINE), fc.array(edit, { minLength: 1, maxLength: 3 }), (genuine, edits) => {
        const original = decodeBase32(genuine.slice(5))!;
        let bytes = Uint8Array.from(original);
        for (const e of edits) {
          const at = e.at % Math.max(1, bytes.length);
          if (e.kind === 'xor') bytes[at]! ^= e.mask;
          else if (e.kind === 'drop') bytes = Uint8Array.from([...bytes.slice(0, at), ...bytes.slice(at + e.n)]);
          else bytes = Uint8Array.from([...bytes.slice(0, at), ...e.bytes, ...bytes.slice(at)]);
        }
        fc.pre(bytes.length !== original.length || bytes.some((b, i) => b !== original[i])); // two flips may cancel out
        expect(verify(`SHK1.${encodeBase32(bytes)}`).ok).toBe(false);
      }),
      { numRuns: 600 },
    );
  });

  it('a genuine code under centre keys that do not match never verifies (100 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GENUINE), fc.dictionary(fc.oneof(fc.constant('KZ-C1'), fc.string({ maxLength: 10 })), fc.uint8Array({ minLength: 0, maxLength: 40 }), { maxKeys: 4 }), (text, keys) => {
        fc.pre(!Object.values(keys).some((k) => k.length === 32 && k.every((b, i) => b === KEYS['KZ-C1']![i])));
        expect(verify(text, keys).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('base32 decodes only canonical ASCII text, so no second spelling of a code exists (2,000 runs)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat(), fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), fc.nat().map((n) => ({ pick: n }))), fc.boolean(), (bytes, at, replacement, isLast) => {
        const text = encodeBase32(bytes);
        expect(decodeBase32(text)).toEqual(bytes);
        expect(decodeBase32(text.toLowerCase())).toEqual(bytes);
        fc.pre(text.length > 0);
        // The last character half the time: it carries the padding bits, where a second spelling would hide.
        const i = isLast ? text.length - 1 : at % text.length;
        const ch = typeof replacement === 'string' ? replacement : variantOf(text[i]!, replacement.pick);
        const changed = text.slice(0, i) + ch + text.slice(i + 1);
        const decoded = decodeBase32(changed);
        // The same bytes again only from the same letters, in either ASCII case.
        if (decoded !== null && decoded.length === bytes.length && decoded.every((b, k) => b === bytes[k])) expect(asciiUpper(changed)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('isAddendumQr routes by the prefix only and never throws', () => {
    for (const text of GENUINE) expect(isAddendumQr(`\n${text.toLowerCase()}\r\n`)).toBe(true);
    expect(WIRE_CHECKPOINTS.length).toBeGreaterThan(0);
  });
});
