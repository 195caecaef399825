import { describe, expect, it } from 'vitest';
import { sampleCrossing, samplePermit } from '../../test/fixtures/permits.ts';
import { pilotWindowOn } from '../reference/pilot-window.ts';
import { verifyCPermit, type VerdictInput } from './verdict.ts';

// 2026-11-22 10:00 at the checkpoint (UTC+5).
const NOW = Date.parse('2026-11-22T05:00:00Z');
const base = (over: Partial<VerdictInput> = {}): VerdictInput => ({
  permit: samplePermit(),
  crossings: [],
  checkpointId: 'dostyk-avto',
  direction: 'exit',
  nowMs: NOW,
  ...over,
});
const codes = (input: VerdictInput) => verifyCPermit(input).reasons.map((r) => r.code);

describe('verifyCPermit', () => {
  it('Seed 000 Rules §13: lets a paid, unused, current permit out at its own checkpoint', () => {
    const v = verifyCPermit(base({ presentedPlate: '123abc02' }));
    expect(v).toMatchObject({ status: 'valid', isAllowed: true, reasons: [] });
  });

  it('Seed 000 Rules §14: reports an unknown document with its paragraph', () => {
    const v = verifyCPermit(base({ permit: null }));
    expect(v.status).toBe('unknown');
    expect(v.reasons[0]).toMatchObject({ code: 'not-found' });
    expect(v.reasons[0]!.paragraph).toMatch(/Seed 000/);
  });

  it('Seed 000 Rules §2(6), §13: refuses a second exit and names where the first one happened', () => {
    const v = verifyCPermit(base({ crossings: [sampleCrossing({ checkpointId: 'kolzhat' })] }));
    expect(v.status).toBe('used');
    expect(v.isAllowed).toBe(false);
    expect(v.reasons[0]).toMatchObject({ code: 'already-used', params: { checkpoint: 'kolzhat' } });
  });

  it('Seed 000 Rules §2(6): allows the entry after an exit, but not without one', () => {
    expect(codes(base({ direction: 'entry', crossings: [sampleCrossing()] }))).toEqual([]);
    expect(codes(base({ direction: 'entry' }))).toEqual(['no-exit-recorded']);
  });

  it('Seed 000 Rules §3, §8, §14(4), Annex 3 item 5: lists every reason at once', () => {
    const permit = samplePermit({ status: 'annulled', validTo: '2026-11-21', exitCheckpointId: 'bakhty' });
    expect(codes(base({ permit, presentedPlate: '999ZZZ01' }))).toEqual([
      'annulled',
      'expired',
      'wrong-checkpoint',
      'vehicle-not-on-card',
      'plate-mismatch',
    ]);
  });

  it('Seed 000 Annex 3 item 5: the last valid day is valid, the day before validFrom is not yet', () => {
    expect(codes(base({ permit: samplePermit({ validTo: '2026-11-22' }) }))).toEqual([]);
    expect(codes(base({ permit: samplePermit({ validFrom: '2026-11-23' }) }))).toEqual(['not-yet-valid']);
  });

  it('Seed 000 Annex 3 item 5: uses the date at the checkpoint (UTC+5), not UTC', () => {
    // 2026-11-22 20:00 UTC is already 23 November in Kazakhstan.
    const late = Date.parse('2026-11-22T20:00:00Z');
    expect(codes(base({ nowMs: late, permit: samplePermit({ validTo: '2026-11-22' }) }))).toEqual(['expired']);
  });

  it('Seed 000 Rules §8, §17: accepts the trailer plate; a plate on the card that is not this permit’s vehicle is a mismatch', () => {
    expect(verifyCPermit(base({ presentedPlate: '45BCA02' })).status).toBe('valid');
    const permit = samplePermit({ permitCardPlates: ['123 АВС 02', '777 ККК 02'] });
    const v = verifyCPermit(base({ permit, presentedPlate: '777KKK02' }));
    expect(v.status).toBe('wrong-vehicle');
    expect(v.reasons.map((r) => r.code)).toEqual(['plate-mismatch']);
  });

  it('Seed 000 Order §1, Rules §3: refuses outside the pilot window when a window is in force', () => {
    const window = pilotWindowOn('2025-05-01')!;
    const inPilot = Date.parse('2025-05-31T05:00:00Z');
    const permit = samplePermit({ validFrom: '2025-05-30', validTo: '2025-06-29' });
    expect(codes(base({ permit, nowMs: inPilot, pilotWindow: window }))).toEqual([]);
    expect(codes(base({ permit, nowMs: Date.parse('2025-06-01T05:00:00Z'), pilotWindow: window }))).toEqual(['outside-pilot-window']);
    expect(codes(base({ pilotWindow: null }))).toEqual(['outside-pilot-window']);
    expect(codes(base())).toEqual([]); // no window given: not checked
  });
});
