/**
 * Fuzzing what a scan goes through (issue 9 point 6): a keyboard-wedge burst (shared/scan/wedge-detector),
 * a serial scanner's bytes (shared/scan/serial-scanner-profile), then the verify screen's routing and
 * parsing (isAddendumQr, parseScan) and the registry's lookup key (documentKey). Random scanner output
 * (any Unicode, control characters, GS separators, AIM identifiers, Cyrillic layouts, 10 KB pastes) never
 * throws, garbage gets a typed refusal, and the lookups a scan triggers write nothing to the replica.
 * 10,000 runs in all.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_NUMBER, ADDENDUM_NUMBER, BLANK_NUMBER } from '../../shared/documents/c-permit.ts';
import { documentKey, foldLookAlikes } from '../../shared/documents/registry-document.ts';
import { isAddendumQr } from '../../shared/qr/addendum-qr.ts';
import { MAX_SCAN_LENGTH, parseScan } from '../../shared/rules/scan.ts';
import { charForKeyCode } from '../../shared/scan/key-codes.ts';
import { createLineReader, describeSerialLine, LINE_ENDINGS } from '../../shared/scan/serial-scanner-profile.ts';
import { createWedgeDetector, DEFAULT_WEDGE_SETTINGS, type WedgeKey } from '../../shared/scan/wedge-detector.ts';
import { demoRegistry } from '../../server/demo/demo-registry.ts';
import { openDeskDatabase, type DeskCollectionName, type DeskDatabase } from '../../renderer/db/database.ts';
import { findPermit } from '../../renderer/db/lookup.ts';
import { findRegistryDocument } from '../../renderer/documents/registry-lookup.ts';
import { samplePermit } from '../fixtures/permits.ts';

const PATTERN = { application: APPLICATION_NUMBER, addendum: ADDENDUM_NUMBER, blank: BLANK_NUMBER } as const;
const GS = '\u001d';
const AIM = [']C1', ']Q1', ']Q3', ']d2', ']E0', ']A0', ']I1', ']e0'];
/** Cyrillic letters a Russian or Kazakh layout (or a person) puts where our Latin ones were. */
const CYRILLIC = 'АВЕКМНОРСТУХЁЗІҮФЙЦЫЯЧШЩЪЭЮЖәіңғүұқөһ';
const CONTROL = [...Array(32).keys()].map((c) => String.fromCharCode(c)).concat('\u007f', '\u0085', '\u00a0', '\u2028', '\ufeff', '\u200b');

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
/** Numbers a scan really carries: application, addendum and blank numbers. */
const validNumber = fc.oneof(
  fc.tuple(digits(2), digits(6)).map(([y, n]) => `A${y}-${n}`),
  fc.tuple(digits(2), digits(6)).map(([y, n]) => `D${y}-${n}`),
  digits(7).map((n) => `C${n}`),
);

/** Scanner output at its worst: every kind of noise, mixed. */
const scannerText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...CONTROL, ...CYRILLIC, ...'AaDdCc0123456789-]/ .:?=&'), maxLength: 80 }),
  fc.string({ unit: 'binary', minLength: MAX_SCAN_LENGTH - 2, maxLength: 12_000 }),
  fc.tuple(fc.constantFrom(...AIM, ''), fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 })).map(([aim, parts]) => aim + parts.join(GS)),
  // A paste past the limit with a real number in it: refused as too long, not read.
  fc.tuple(validNumber, fc.constantFrom(' ', 'x ', GS, '\n')).map(([n, filler]) => filler.repeat(Math.ceil(MAX_SCAN_LENGTH / filler.length)) + n),
);

/** Everything but the ASCII digits: no document number can be in it. */
const garbage = fc.string({ unit: fc.oneof(fc.constantFrom(...CONTROL, ...CYRILLIC, GS, ']', '-'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !/[0-9]/.test(c))), maxLength: 300 });

function checkScanResult(input: string) {
  const r = parseScan(input);
  if (r.ok) {
    // A recognised scan is a whole, well-formed number of the kind it says, taken from the input.
    expect(PATTERN[r.key.kind].test(r.key.value), r.key.value).toBe(true);
    expect(input.length).toBeLessThanOrEqual(MAX_SCAN_LENGTH);
  } else {
    expect(['empty', 'too-long', 'not-recognised']).toContain(r.error);
    if (r.error === 'too-long') expect(r.raw.length).toBeLessThanOrEqual(64);
  }
  return r;
}

describe('scan parsing under fuzzing', () => {
  it('any scanner text: parseScan, isAddendumQr and documentKey never throw and answer in their types (3,000 runs)', () => {
    fc.assert(
      fc.property(scannerText, (text) => {
        checkScanResult(text);
        expect(typeof isAddendumQr(text)).toBe('boolean');
        const key = documentKey(text.trim());
        expect(key.length).toBeLessThanOrEqual(64);
        expect(key).not.toMatch(/[\s\u0000-\u001f]/);
        expect(documentKey(key)).toBe(key); // a stored key finds itself
      }),
      { numRuns: 3000 },
    );
  });

  it('garbage (no digit anywhere) is refused with a typed error (1,500 runs)', () => {
    fc.assert(
      fc.property(garbage, (text) => {
        const r = checkScanResult(text);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error).toBe(text.length > MAX_SCAN_LENGTH ? 'too-long' : text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() === '' ? 'empty' : 'not-recognised');
      }),
      { numRuns: 1500 },
    );
  });

  it('a real number survives GS separators, control characters, a URL around it and the Russian layout; AIM identifiers never make it another number (1,500 runs)', () => {
    const RU_LAYOUT: Record<string, string> = { A: 'Ф', D: 'В' };
    fc.assert(
      fc.property(
        validNumber,
        fc.constantFrom(...AIM, ''),
        fc.constantFrom('', GS, '\r\n', '\t', ' ', '\u0004'),
        fc.constantFrom('', 'https://epermit.gov.kz/check?n=', 'Рұқсат: '),
        fc.boolean(),
        fc.boolean(),
        (n, aim, sep, around, isRussian, isLower) => {
          let typed = isRussian ? (RU_LAYOUT[n[0]!] ?? n[0]!) + n.slice(1) : n;
          if (isLower) typed = typed.toLowerCase();
          const plain = checkScanResult(`${sep}${around}${typed}${sep}`);
          expect(plain).toMatchObject({ ok: true, key: { value: n } });
          // An AIM symbology identifier left on by the scanner: read as this number, or refused; never another.
          const withAim = checkScanResult(`${aim}${around}${typed}${sep}`);
          if (withAim.ok) expect(withAim.key.value).toBe(n);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('registry numbers typed on either layout, with spaces and control characters, find the same key (1,000 runs)', () => {
    const LOOK: Record<string, string> = { A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х', Y: 'У', Z: 'З', I: 'І' };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCEHIKMOPTXYZ0123456789-'), minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 10 }), fc.array(fc.constantFrom(' ', '\t', '\n', GS, '\u0000'), { maxLength: 4 }), (n, swaps, noise) => {
        let typed = [...n].map((ch, i) => (swaps.includes(i) ? (LOOK[ch] ?? ch) : ch)).join('');
        for (const [i, ch] of noise.entries()) typed = typed.slice(0, i * 3) + ch + typed.slice(i * 3);
        expect(documentKey(typed.toLowerCase())).toBe(documentKey(n));
        expect(foldLookAlikes(typed)).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('scanner input stages under fuzzing', () => {
  const keyArb = fc.record({
    code: fc.oneof(fc.constantFrom('KeyA', 'KeyD', 'KeyC', 'KeyZ', 'Digit0', 'Digit9', 'Numpad5', 'Minus', 'Slash', 'Space', 'Enter', 'Tab', 'ShiftLeft', 'ControlLeft', 'AltRight', 'Backspace', 'Unidentified', ''), fc.string({ maxLength: 12 })),
    key: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), fc.constantFrom('Enter', 'Tab', 'Shift', 'Dead', 'Process', 'Unidentified', ''), fc.string({ unit: 'binary', maxLength: 3 })),
    shiftKey: fc.boolean(),
    gap: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5000 }), fc.constantFrom(-5, 0.5, 1e9)),
  });

  it('any key sequence: the wedge detector never throws and every burst decodes to key-code characters (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 60 }), fc.constantFrom('Enter', 'Tab', 'none') as fc.Arbitrary<'Enter' | 'Tab' | 'none'>, fc.constantFrom('', ']C1', ']Q1'), (keys, suffix, prefix) => {
        const settings = { ...DEFAULT_WEDGE_SETTINGS, suffix, prefix };
        const d = createWedgeDetector(settings);
        let t = 1000;
        const captures = keys.flatMap((k) => d.key({ code: k.code, key: k.key, shiftKey: k.shiftKey, timeMs: (t += k.gap) }));
        captures.push(...d.flush(t + 10_000));
        for (const c of captures) {
          expect(['scan', 'typed']).toContain(c.kind);
          expect(c.medianIntervalMs === null || Number.isFinite(c.medianIntervalMs)).toBe(true);
          checkScanResult(c.decoded);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a number scanned under any keyboard layout decodes to itself and is recognised (500 runs)', () => {
    const codeOf = (ch: string): Omit<WedgeKey, 'timeMs' | 'key'> => (/[A-Z]/.test(ch) ? { code: `Key${ch}`, shiftKey: true } : /\d/.test(ch) ? { code: `Digit${ch}`, shiftKey: false } : { code: 'Minus', shiftKey: false });
    fc.assert(
      fc.property(validNumber, fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), { minLength: 10, maxLength: 10 }), fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 10, maxLength: 10 }), (n, layoutChars, gaps) => {
        let t = 1000;
        const keys: WedgeKey[] = [...n].map((ch, i) => {
          const { code, shiftKey } = codeOf(ch);
          expect(charForKeyCode(code, shiftKey)).toBe(ch);
          return { code, shiftKey, key: layoutChars[i]!, timeMs: (t += gaps[i]!) };
        });
        const d = createWedgeDetector();
        const out = keys.flatMap((k) => d.key(k));
        out.push(...d.key({ code: 'Enter', key: 'Enter', shiftKey: false, timeMs: t + 5 }));
        expect(out).toHaveLength(1);
        expect(out[0]).toMatchObject({ kind: 'scan', decoded: n });
        expect(checkScanResult(out[0]!.decoded)).toMatchObject({ ok: true, key: { value: n } });
      }),
      { numRuns: 500 },
    );
  });

  it('serial bytes: the same lines and drops however the port chunks them; no line carries the ending or passes the limit, memory stays bounded (1,000 runs)', () => {
    const MAX = 64;
    const piece = fc.oneof(
      { arbitrary: fc.uint8Array({ maxLength: 20 }), weight: 4 },
      { arbitrary: fc.constantFrom(Uint8Array.of(13), Uint8Array.of(10), Uint8Array.of(13, 10), Uint8Array.of(0x1d)), weight: 4 },
      // Near and past the limit, with and without an ending: a scanner set to the wrong ending, line noise.
      { arbitrary: fc.integer({ min: MAX - 2, max: MAX * 3 }).map((n) => new Uint8Array(n).fill(0x41)), weight: 2 },
    );
    fc.assert(
      fc.property(fc.constantFrom('CR', 'LF', 'CRLF') as fc.Arbitrary<keyof typeof LINE_ENDINGS>, fc.array(piece, { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 20 }), (ending, pieces, cuts) => {
        const stream = Uint8Array.from(pieces.flatMap((p) => [...p]));
        const whole = createLineReader(ending, MAX);
        const expected = whole.feed(stream).map((l) => [...l]);
        const chunked = createLineReader(ending, MAX);
        const got: number[][] = [];
        for (let at = 0, i = 0; at < stream.length; at += cuts[i++ % cuts.length]!) {
          for (const line of chunked.feed(stream.slice(at, at + cuts[i % cuts.length]!))) {
            expect(line.length).toBeGreaterThan(0);
            expect(line.length).toBeLessThanOrEqual(MAX);
            expect(Buffer.from(line).toString('latin1').includes(LINE_ENDINGS[ending])).toBe(false);
            const scan = describeSerialLine(line);
            expect(scan.decoded).toMatch(/^[\x20-\x7e]*$/);
            expect(scan.raw).toMatch(/^[\x20-\x7e]*$/);
            checkScanResult(scan.decoded);
            got.push([...line]);
          }
        }
        expect(got).toEqual(expected);
        expect(chunked.dropped()).toBe(whole.dropped());
        // Byte by byte, the worst chunking: every ending split, every run crossing the limit one byte at a time.
        const bytewise = createLineReader(ending, MAX);
        const single: number[][] = [];
        for (const b of stream) {
          single.push(...bytewise.feed(Uint8Array.of(b)).map((l) => [...l]));
          expect(bytewise.buffered()).toBeLessThanOrEqual(MAX + LINE_ENDINGS[ending].length - 1);
        }
        expect(single).toEqual(expected);
        expect(bytewise.dropped()).toBe(whole.dropped());
      }),
      { numRuns: 1000 },
    );
  });
});

describe('lookups a scan triggers, on the desk replica', () => {
  let db: DeskDatabase;
  const COLLECTIONS: DeskCollectionName[] = ['permits', 'crossings', 'documents', 'journal'];
  const snapshot = async () => Object.fromEntries(await Promise.all(COLLECTIONS.map(async (c) => [c, JSON.stringify((await db[c].find().exec()).map((d) => d.toJSON()))])));

  beforeAll(async () => {
    db = await openDeskDatabase(`fuzz-scan-${Math.random()}`, undefined, { only: COLLECTIONS });
    await db.permits.insert(samplePermit());
    await db.documents.bulkInsert(demoRegistry('2026-11-21'));
  });
  afterAll(async () => {
    await db?.remove();
  });

  it('garbage finds nothing, throws nothing and writes nothing (500 runs)', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.oneof(garbage, scannerText), async (text) => {
        // The verify screen's own order: our QR aside, then a permit by its key, then the registry.
        if (isAddendumQr(text.trim())) return;
        const scan = parseScan(text);
        const permit = scan.ok ? await findPermit(db, scan.key) : null;
        const hit = permit ? null : await findRegistryDocument(db, text);
        if (!/[0-9]/.test(text)) expect(permit === null && (hit === null || hit.row.number === documentKey(text.trim()))).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('the real numbers are still found after the fuzzing', async () => {
    expect((await findPermit(db, { kind: 'application', value: 'A26-000001' }))?.id).toBe('A26-000001');
    expect(await findRegistryDocument(db, 'ns-000452')).toMatchObject({ row: { kind: 'seal-escort', number: 'NS-000452' } });
  });
});
