import { crossingInputSchema, type Crossing, type Direction } from '../../shared/documents/crossing.ts';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import { createHlc, formatHlc, hlcTick, parseHlc } from '../../shared/ids/hlc.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import type { DeskDatabase } from '../db/database.ts';

const HLC_KEY = 'shekara.hlc';

let lastStamp: string | null = null;

/**
 * The desk's clock survives reloads (localStorage), so stamps keep increasing even if the wall clock is
 * set back; the in-memory copy covers a storage that refuses writes.
 */
export function nextStamp(deskId: string, nowMs: number): string {
  const saved = globalThis.localStorage?.getItem(HLC_KEY) ?? null;
  const latest = [saved, lastStamp].filter((s): s is string => s !== null).sort().at(-1);
  const state = latest ? parseHlc(latest) : createHlc(deskId);
  const next = formatHlc(hlcTick({ ...state, node: deskId }, nowMs));
  lastStamp = next;
  globalThis.localStorage?.setItem(HLC_KEY, next);
  return next;
}

export type RecordCrossingInput = {
  permit: CPermit;
  documentNumber: string;
  direction: Direction;
  checkpointId: CheckpointId;
  deskId: string;
  officerName: string;
  plate: string;
  nowMs?: number;
};

/**
 * Writes the crossing to the local replica: it redeems the permit here at once, and replication pushes
 * it when the centre answers. receivedAt stays 0 until the centre stamps it.
 */
export async function recordCrossing(db: DeskDatabase, input: RecordCrossingInput): Promise<Crossing> {
  const nowMs = input.nowMs ?? Date.now();
  const record = crossingInputSchema.parse({
    id: ulid(nowMs),
    permitId: input.permit.id,
    documentNumber: input.documentNumber,
    direction: input.direction,
    checkpointId: input.checkpointId,
    deskId: input.deskId,
    officerName: input.officerName.trim(),
    plate: input.plate.trim(),
    occurredAt: new Date(nowMs).toISOString(),
    hlc: nextStamp(input.deskId, nowMs),
  });
  const crossing: Crossing = { ...record, receivedAt: 0 };
  await db.crossings.insert(crossing);
  return crossing;
}
