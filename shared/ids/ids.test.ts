import { describe, expect, it } from 'vitest';
import { createHlc, formatHlc, hlcReceive, hlcTick, parseHlc } from './hlc.ts';
import { ULID_PATTERN, ulid } from './ulid.ts';

describe('ulid', () => {
  it('is 26 Crockford characters that sort by time', () => {
    const a = ulid(1_700_000_000_000);
    const b = ulid(1_700_000_000_001);
    expect(a).toMatch(ULID_PATTERN);
    expect(a < b).toBe(true);
  });

  it('does not repeat within a millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => ulid(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });
});

describe('hybrid logical clock', () => {
  it('keeps order when the wall clock stalls or jumps back', () => {
    let s = createHlc('desk-1');
    const stamps: string[] = [];
    for (const now of [1000, 1000, 900, 2000, 1500]) {
      s = hlcTick(s, now);
      stamps.push(formatHlc(s));
    }
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('moves past a stamp received from a desk whose clock is ahead', () => {
    const s = hlcReceive(createHlc('a'), formatHlc({ wallMs: 5000, counter: 3, node: 'b' }), 1000);
    expect(s).toEqual({ wallMs: 5000, counter: 4, node: 'a' });
    expect(parseHlc(formatHlc(s))).toEqual(s);
  });

  it('refuses a malformed stamp', () => {
    expect(() => parseHlc('nonsense')).toThrow(/malformed/);
  });
});
