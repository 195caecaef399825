import { crossingInputSchema, type Crossing, type Direction } from '../../shared/documents/crossing.ts';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import { nextStamp } from '../sync/desk-clock.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import type { DeskDatabase } from '../db/database.ts';
import { clip, recordAuditQuietly } from '../audit/audit-log.ts';

export type RecordCrossingInput = {
  permit: CPermit;
  documentNumber: string;
  direction: Direction;
  checkpointId: CheckpointId;
  deskId: string;
  officerName: string;
  plate: string;
  /** Crossings already known for this permit: the new one is stamped after them. */
  seenCrossings?: readonly { hlc: string }[];
  /** Who is signed in, for the audit log (null until logins exist). */
  userId?: string | null;
  nowMs?: number;
};

/**
 * Writes the crossing to the local replica: it redeems the permit here at once, and replication pushes
 * it when the centre answers. receivedAt stays 0 until the centre stamps it. The desk's audit log then
 * records it; a failure there does not undo the crossing.
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
    hlc: nextStamp(input.deskId, nowMs, input.seenCrossings?.map((c) => c.hlc).sort().at(-1)),
  });
  const crossing: Crossing = { ...record, receivedAt: 0 };
  await db.crossings.insert(crossing);
  await recordAuditQuietly(db, { deskId: crossing.deskId, checkpointId: crossing.checkpointId }, {
    kind: 'crossing',
    userId: input.userId ?? null,
    subject: clip(crossing.documentNumber, 80),
    details: { crossingId: crossing.id, permitId: crossing.permitId, direction: crossing.direction, plate: crossing.plate, officer: clip(crossing.officerName, 200) },
  }, nowMs);
  return crossing;
}
