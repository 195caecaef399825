import { describe, expect, it } from 'vitest';
import { sampleCrossing, samplePermit } from '../../test/fixtures/permits.ts';
import { addendumEligibility } from './addendum-eligibility.ts';

type Input = Parameters<typeof addendumEligibility>[0];

const NOW = Date.parse('2026-11-20T05:00:00Z'); // 20 November at the checkpoint
const base: Input = { permit: samplePermit({ blankNumber: '' }), crossings: [], checkpointId: 'dostyk-avto', issuedBlankNumber: null, nowMs: NOW };
const codes = (over: Partial<Input> = {}) => addendumEligibility({ ...base, ...over }).reasons.map((r) => r.code);

describe('addendum eligibility (seed 000 Rules §13)', () => {
  it('issues on the booked day at the booked checkpoint', () => {
    expect(addendumEligibility(base)).toEqual({ isEligible: true, reasons: [] });
  });

  it('Rules §13, Annex 2 row 3: only on the day of crossing', () => {
    expect(codes({ nowMs: Date.parse('2026-11-21T05:00:00Z') })).toEqual(['not-booked-today']);
  });

  it('Rules §13: one blank per application, whether issued here or known to the centre', () => {
    expect(codes({ issuedBlankNumber: 'C0100001' })).toEqual(['blank-already-issued']);
    expect(codes({ permit: samplePermit({ blankNumber: 'C0000002' }) })).toEqual(['blank-already-issued']);
  });

  it('refuses whatever refuses the exit: used, annulled, other checkpoint, vehicle not on the card', () => {
    expect(codes({ crossings: [sampleCrossing()] })).toContain('already-used');
    expect(codes({ permit: samplePermit({ blankNumber: '', status: 'annulled' }) })).toContain('annulled');
    expect(codes({ checkpointId: 'kolzhat' })).toContain('wrong-checkpoint');
    expect(codes({ presentedPlate: '999ZZZ01' })).toContain('vehicle-not-on-card');
  });

  it('Rules §8, §17: the application’s own vehicle must be on the permit card', () => {
    expect(codes({ permit: samplePermit({ blankNumber: '', permitCardPlates: ['777 ККК 02'] }) })).toEqual(['vehicle-not-on-card']);
  });
});
