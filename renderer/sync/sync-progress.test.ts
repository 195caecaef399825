import { describe, expect, it } from 'vitest';
import { createSyncProgress, secondsLeft } from './sync-progress.ts';

describe('initial sync progress', () => {
  it('adds up pages and estimates the time left from the rate so far', () => {
    let now = 1_000_000;
    const p = createSyncProgress(() => now);
    p.record('permits', 2000, 98_000);
    now += 1000;
    p.record('permits', 2000, 96_000);
    const permits = p.progress$.value.permits!;
    expect(permits).toEqual({ done: 4000, remaining: 96_000, startedAt: 1_000_000 });
    expect(secondsLeft(permits, now)).toBe(24); // 4,000 documents a second
    expect(secondsLeft({ done: 0, remaining: 10, startedAt: now }, now)).toBeNull();
  });
});
