import data from './data/pilot-windows.json' with { type: 'json' };
import type { CheckpointId } from './checkpoints.ts';

/**
 * The C-permit pilot's window (seed 000 Order §1, Rules §3) as versioned data: the text's own dates are
 * version 1; an extension is a new version with its own source and effective date. The version in force
 * on a day is the latest whose effectiveFrom is on or before it.
 */
export type PilotWindow = { version: number; effectiveFrom: string; firstDay: string; endsBefore: string; checkpoints: readonly CheckpointId[]; source: string };

export const PILOT_WINDOWS = data.versions as PilotWindow[];

export function pilotWindowOn(date: string, versions: readonly PilotWindow[] = PILOT_WINDOWS): PilotWindow | null {
  let best: PilotWindow | null = null;
  for (const v of versions) if (v.effectiveFrom <= date && (!best || v.effectiveFrom >= best.effectiveFrom)) best = v;
  return best;
}

/** Whether the pilot covers this checkpoint on this day (YYYY-MM-DD, Kazakhstan time). */
export function isInPilot(window: PilotWindow, checkpointId: CheckpointId, date: string): boolean {
  return window.checkpoints.includes(checkpointId) && date >= window.firstDay && date < window.endsBefore;
}
