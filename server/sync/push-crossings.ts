import { z } from 'zod';
import { crossingInputSchema, type Crossing, type CrossingInput } from '../../shared/documents/crossing.ts';
import { PUSH_BATCH_MAX, type Replicated } from '../../shared/sync/replication.ts';
import type { Db } from '../db/db.ts';
import type { Device } from './devices.ts';
import { asReplicated, findCrossingsById, insertCrossings, takeSeq } from './store.ts';

/** A desk sends its own receivedAt (0) and _deleted; the centre owns the first and refuses deletes. */
const pushRowSchema = z.object({
  assumedMasterState: z.unknown().nullable().optional(),
  newDocumentState: crossingInputSchema.extend({
    receivedAt: z.unknown().optional(),
    _deleted: z.literal(false, { message: 'a crossing cannot be deleted' }).optional(),
  }),
});
const pushBodySchema = z.array(pushRowSchema).max(PUSH_BATCH_MAX, `at most ${PUSH_BATCH_MAX} rows a push`);

export type PushIssue = { row: number | null; path: string; message: string };
export type PushOutcome = { ok: true; conflicts: Replicated<Crossing>[]; inserted: number } | { ok: false; issues: PushIssue[] };

const INPUT_KEYS = Object.keys(crossingInputSchema.shape) as (keyof CrossingInput)[];
const sameContent = (a: CrossingInput, b: CrossingInput) => INPUT_KEYS.every((k) => a[k] === b[k]);
const inputOf = (doc: CrossingInput): CrossingInput => Object.fromEntries(INPUT_KEYS.map((k) => [k, doc[k]])) as CrossingInput;

/**
 * Stores pushed crossings. All or nothing: one bad row refuses the batch, so a desk never half-syncs.
 * A row already stored with the same content is a retry and is accepted as it is; one stored with other
 * content is a conflict, answered with the stored (master) state. Crossings are append-only.
 */
export async function pushCrossings(db: Db, device: Device, body: unknown, nowMs = Date.now()): Promise<PushOutcome> {
  const parsed = pushBodySchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        row: typeof i.path[0] === 'number' ? i.path[0] : null,
        path: i.path.slice(1).join('.'),
        message: i.message,
      })),
    };
  }
  const rows = parsed.data.map((r) => inputOf(r.newDocumentState));
  // A desk records in its own name only: a stolen or misconfigured token cannot write another desk's crossings.
  const foreign = rows.flatMap((r, row) =>
    r.deskId !== device.deskId || r.checkpointId !== device.checkpointId
      ? [{ row, path: 'newDocumentState.deskId', message: `this device is desk ${device.deskId} at ${device.checkpointId}` }]
      : [],
  );
  if (foreign.length > 0) return { ok: false, issues: foreign };
  return db.transaction(async (tx) => {
    // Lock the sequence first: a concurrent push of the same ids then waits and sees them stored.
    await takeSeq(tx, 'crossings', 0);
    const stored = await findCrossingsById(tx, rows.map((r) => r.id));
    const conflicts: Replicated<Crossing>[] = [];
    const fresh = new Map<string, Crossing>();
    for (const row of rows) {
      const master = stored.get(row.id) ?? fresh.get(row.id);
      if (master) {
        if (!sameContent(inputOf(master), row)) conflicts.push(asReplicated(master));
        continue;
      }
      fresh.set(row.id, { ...row, receivedAt: nowMs });
    }
    await insertCrossings(tx, [...fresh.values()]);
    return { ok: true as const, conflicts, inserted: fresh.size };
  });
}
