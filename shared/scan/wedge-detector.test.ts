import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWedgeSettings, createWedgeDetector, DEFAULT_WEDGE_SETTINGS, type WedgeCapture, type WedgeKey } from './wedge-detector.ts';

/** What the OS makes of each key under three layouts: the scanner presses the same keys in all of them. */
const RU: Record<string, string> = { A: 'Ф', B: 'И', C: 'С', D: 'В', Q: 'Й', R: 'К', Z: 'Я' };
const KK_DIGITS = ['қ', '"', 'ә', 'і', 'ң', 'ғ', ',', '.', 'ү', 'ұ'];

function keysOf(text: string, layout: 'us' | 'ru' | 'kk', gaps: (i: number) => number, suffix = true): WedgeKey[] {
  let t = 1_000;
  const keys: WedgeKey[] = [...text].map((ch, i) => {
    t += i === 0 ? 0 : gaps(i);
    if (/[A-Z]/.test(ch)) return { code: `Key${ch}`, key: layout === 'ru' ? (RU[ch] ?? ch) : ch, shiftKey: true, timeMs: t };
    if (/\d/.test(ch)) return { code: `Digit${ch}`, key: layout === 'kk' ? KK_DIGITS[Number(ch)]! : ch, shiftKey: false, timeMs: t };
    return { code: 'Minus', key: layout === 'kk' ? 'ө' : '-', shiftKey: false, timeMs: t };
  });
  if (suffix) keys.push({ code: 'Enter', key: 'Enter', shiftKey: false, timeMs: t + gaps(text.length) });
  return keys;
}

function run(keys: readonly WedgeKey[], settings = DEFAULT_WEDGE_SETTINGS): WedgeCapture[] {
  const d = createWedgeDetector(settings);
  const out = keys.flatMap((k) => d.key(k));
  return [...out, ...d.flush((keys.at(-1)?.timeMs ?? 0) + settings.idleMs)];
}

describe('keyboard-wedge detection', () => {
  it('reads a scan whatever the layout: raw is what the layout typed, decoded is what the scanner meant', () => {
    const fast = () => 8;
    expect(run(keysOf('A26-000123', 'us', fast))).toEqual([{ kind: 'scan', raw: 'A26-000123', decoded: 'A26-000123', intervalsMs: Array(9).fill(8), medianIntervalMs: 8 }]);
    expect(run(keysOf('A26-000123', 'ru', fast))[0]).toMatchObject({ kind: 'scan', raw: 'Ф26-000123', decoded: 'A26-000123' });
    expect(run(keysOf('A26-000123', 'kk', fast))[0]).toMatchObject({ kind: 'scan', raw: 'Aә,өқққ"әі', decoded: 'A26-000123' });
  });

  it('tells a fast typist from a scanner, over any code and any timing of either', () => {
    const code = fc.stringMatching(/^[A-Z0-9-]{6,30}$/);
    const scanner = fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 31, maxLength: 31 });
    // A person: most gaps 60-300 ms, a few quick pairs (a practised "00"), never most of them.
    const person = fc.array(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 60, max: 300 }) }, { weight: 1, arbitrary: fc.integer({ min: 10, max: 35 }) }), { minLength: 31, maxLength: 31 });
    fc.assert(
      fc.property(code, scanner, person, fc.constantFrom('us' as const, 'ru' as const, 'kk' as const), (text, scanGaps, personGaps, layout) => {
        const scanned = run(keysOf(text, layout, (i) => scanGaps[i % 31]!));
        expect(scanned).toHaveLength(1);
        expect(scanned[0]).toMatchObject({ kind: 'scan', decoded: text });
        // Nobody hits two quick pairs in a row: a quick gap is followed by an ordinary one.
        const typedGaps = personGaps.map((g, i) => (g <= 35 && (personGaps[i - 1] ?? 100) <= 35 ? 120 : g));
        // Split at each pause by default; with a long idle time the whole entry is one burst, judged on timing alone.
        const typed = run(keysOf(text, layout, (i) => typedGaps[i % 31]!));
        expect(typed.map((c) => c.kind)).toEqual(typed.map(() => 'typed'));
        const whole = run(keysOf(text, layout, (i) => typedGaps[i % 31]!), { ...DEFAULT_WEDGE_SETTINGS, idleMs: 400 });
        expect(whole).toMatchObject([{ kind: 'typed', decoded: text }]);
      }),
      { numRuns: 300 },
    );
  });

  it('strips the prefix, ends on idle without a suffix, and calls a short quick burst typing', () => {
    const settings = { ...DEFAULT_WEDGE_SETTINGS, prefix: 'Q', suffix: 'none' as const };
    expect(run(keysOf('QC0100001', 'us', () => 5, false), settings)).toMatchObject([{ kind: 'scan', decoded: 'C0100001' }]);
    expect(run(keysOf('A2', 'us', () => 5))).toMatchObject([{ kind: 'typed', decoded: 'A2' }]);
    // Two scans a second apart are two captures, not one.
    const two = [...keysOf('C0100001', 'us', () => 5, false), ...keysOf('C0100002', 'us', () => 5, false).map((k) => ({ ...k, timeMs: k.timeMs + 1_000 }))];
    expect(run(two, settings).map((c) => c.decoded)).toEqual(['C0100001', 'C0100002']);
  });

  it('checks a technician’s settings field by field', () => {
    expect(checkWedgeSettings(DEFAULT_WEDGE_SETTINGS)).toEqual([]);
    expect(checkWedgeSettings({ maxIntervalMs: 2, minLength: 1, prefix: 'x'.repeat(11), suffix: 'Enter', idleMs: 1 }).map((p) => p.field)).toEqual(['maxIntervalMs', 'minLength', 'prefix', 'idleMs']);
  });
});
