import type { CPermit } from '../documents/c-permit.ts';
import type { Crossing } from '../documents/crossing.ts';
import type { CheckpointId } from '../reference/checkpoints.ts';
import { kzDate } from './local-date.ts';
import { normalizePlate, platesMatch } from './plate.ts';
import { verifyCPermit, type Reason } from './verdict.ts';

export type EligibilityReason = Reason | { code: 'not-booked-today' | 'blank-already-issued'; paragraph: string; params?: Record<string, string> };

/**
 * May the desk print this application's addendum and hand over a blank now (seed 000 Rules §13)?
 * Everything that would refuse the exit refuses the issue too, plus: the blank is handed over on the
 * day of crossing booked for this checkpoint, and only once per application.
 */
export function addendumEligibility(input: {
  permit: CPermit;
  crossings: readonly Crossing[];
  checkpointId: CheckpointId;
  presentedPlate?: string;
  /** A blank this desk already issued for the application, if any. */
  issuedBlankNumber: string | null;
  nowMs: number;
}): { isEligible: boolean; reasons: EligibilityReason[] } {
  const verdict = verifyCPermit({ ...input, direction: 'exit' });
  const reasons: EligibilityReason[] = [...verdict.reasons];
  // The application's own vehicle must be on the carrier's permit card (Rules §8, §17), plate given or not.
  const vehicle = input.permit.vehicle.plate;
  if (!input.permit.permitCardPlates.some((p) => platesMatch(p, vehicle)) && !reasons.some((r) => r.code === 'vehicle-not-on-card')) {
    reasons.push({ code: 'vehicle-not-on-card', paragraph: 'Seed 000, Rules §8, §17', params: { plate: normalizePlate(vehicle) } });
  }
  const today = kzDate(input.nowMs);
  if (input.permit.plannedCrossingDate !== today) {
    reasons.push({ code: 'not-booked-today', paragraph: 'Seed 000, Rules §13; Annex 2 row 3', params: { planned: input.permit.plannedCrossingDate } });
  }
  const issued = input.issuedBlankNumber ?? (input.permit.blankNumber || null);
  if (issued) reasons.push({ code: 'blank-already-issued', paragraph: 'Seed 000, Rules §13', params: { blankNumber: issued } });
  return { isEligible: reasons.length === 0, reasons };
}
