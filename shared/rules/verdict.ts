import type { CPermit } from '../documents/c-permit.ts';
import type { Crossing, Direction } from '../documents/crossing.ts';
import type { CheckpointId } from '../reference/checkpoints.ts';
import { isInPilot, type PilotWindow } from '../reference/pilot-window.ts';
import { kzDate } from './local-date.ts';
import { normalizePlate, platesMatch } from './plate.ts';

/** Why a document does not let this vehicle cross; each code names the paragraph it comes from. */
export type ReasonCode =
  | 'not-found'
  | 'already-used'
  | 'no-exit-recorded'
  | 'annulled'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-checkpoint'
  | 'vehicle-not-on-card'
  | 'plate-mismatch'
  | 'outside-pilot-window';

export type Reason = { code: ReasonCode; paragraph: string; params?: Record<string, string> };

export type VerdictStatus = 'valid' | 'used' | 'unknown' | 'wrong-vehicle' | 'refused';

export type Verdict = {
  status: VerdictStatus;
  isAllowed: boolean;
  reasons: Reason[];
  permit: CPermit | null;
};

export type VerdictInput = {
  permit: CPermit | null;
  /** Every crossing known for this permit, from any desk. */
  crossings: readonly Crossing[];
  checkpointId: CheckpointId;
  direction: Direction;
  /** Plate of the vehicle at the desk, when the officer has entered it. */
  presentedPlate?: string;
  nowMs: number;
  /**
   * The pilot window in force (reference data, reference/pilot-window.ts). Checked only when given: the
   * text's window ended on 1 June 2025 with no extension in the text, so a deployment passes the version
   * it has confirmed. Callers that pass nothing (the desk's Verify screen today) get no window check.
   */
  pilotWindow?: PilotWindow | null;
};

const PARA = {
  oneTrip: 'Seed 000, Rules §2(6), §13',
  annulled: 'Seed 000, Rules §14(4), §20',
  validity: 'Seed 000, Annex 3 item 5',
  checkpoint: 'Seed 000, Rules §3; Annex 3 item 7',
  vehicle: 'Seed 000, Rules §8, §17',
} as const;

/**
 * The verdict on a C-permit addendum presented at a desk. Every reason that applies is listed, not just
 * the first, so the officer can tell the carrier all of what is wrong at once.
 */
export function verifyCPermit(input: VerdictInput): Verdict {
  const { permit } = input;
  if (!permit) return { status: 'unknown', isAllowed: false, reasons: [{ code: 'not-found', paragraph: 'Seed 000, Rules §14' }], permit: null };

  const reasons: Reason[] = [];
  const exits = input.crossings.filter((c) => c.direction === 'exit');
  const entries = input.crossings.filter((c) => c.direction === 'entry');
  let isUsed = false;
  // One trip there and back: one exit, then one entry.
  if (input.direction === 'exit' && exits.length > 0) {
    isUsed = true;
    reasons.push({ code: 'already-used', paragraph: PARA.oneTrip, params: { at: exits[0]!.occurredAt, checkpoint: exits[0]!.checkpointId } });
  }
  if (input.direction === 'entry' && entries.length > 0) {
    isUsed = true;
    reasons.push({ code: 'already-used', paragraph: PARA.oneTrip, params: { at: entries[0]!.occurredAt, checkpoint: entries[0]!.checkpointId } });
  }
  if (input.direction === 'entry' && exits.length === 0) reasons.push({ code: 'no-exit-recorded', paragraph: PARA.oneTrip });

  if (permit.status === 'annulled') reasons.push({ code: 'annulled', paragraph: PARA.annulled });

  const today = kzDate(input.nowMs);
  if (today > permit.validTo) reasons.push({ code: 'expired', paragraph: PARA.validity, params: { validTo: permit.validTo } });
  if (today < permit.validFrom) reasons.push({ code: 'not-yet-valid', paragraph: PARA.validity, params: { validFrom: permit.validFrom } });

  if (input.pilotWindow !== undefined && (input.pilotWindow === null || !isInPilot(input.pilotWindow, input.checkpointId, today))) {
    reasons.push({ code: 'outside-pilot-window', paragraph: 'Seed 000, Order §1; Rules §3', params: { endsBefore: input.pilotWindow?.endsBefore ?? '' } });
  }

  if (input.direction === 'exit' && permit.exitCheckpointId !== input.checkpointId) {
    reasons.push({ code: 'wrong-checkpoint', paragraph: PARA.checkpoint, params: { expected: permit.exitCheckpointId } });
  }

  let isWrongVehicle = false;
  const plate = input.presentedPlate?.trim();
  if (plate) {
    if (!permit.permitCardPlates.some((p) => platesMatch(p, plate))) {
      isWrongVehicle = true;
      reasons.push({ code: 'vehicle-not-on-card', paragraph: PARA.vehicle, params: { plate: normalizePlate(plate) } });
    }
    const isTrailer = permit.trailer ? platesMatch(permit.trailer.plate, plate) : false;
    if (!platesMatch(permit.vehicle.plate, plate) && !isTrailer) {
      isWrongVehicle = true;
      reasons.push({ code: 'plate-mismatch', paragraph: PARA.vehicle, params: { expected: permit.vehicle.plate } });
    }
  }

  const status: VerdictStatus = isUsed ? 'used' : isWrongVehicle ? 'wrong-vehicle' : reasons.length > 0 ? 'refused' : 'valid';
  return { status, isAllowed: reasons.length === 0, reasons, permit };
}
