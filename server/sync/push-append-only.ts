import { z } from 'zod';
import { DESK_BLANK_EVENT_TYPES, SUPERVISOR_BLANK_EVENT_TYPES, blankEventInputSchema } from '../../shared/documents/blank-event.ts';
import { shiftEventInputSchema } from '../../shared/documents/shift.ts';
import { crossingInputSchema } from '../../shared/documents/crossing.ts';
import { auditEntryInputSchema } from '../../shared/audit/audit-entry.ts';
import { journalEntryInputSchema, journalEntryProblems, type JournalEntryInput } from '../../shared/documents/journal-entry.ts';
import { PUSH_BATCH_MAX, type Replicated } from '../../shared/sync/replication.ts';
import type { Db } from '../db/db.ts';
import { raiseAlerts } from '../alerts/raise-alerts.ts';
import type { Device } from './devices.ts';
import { asReplicated, findById, insertAppendOnly, republish, takeSeq, type AppendOnlyCollection } from './store.ts';

type Doc = { id: string; receivedAt: number } & Record<string, unknown>;
type Rule = {
  /** The record as the desk may send it, without the centre's receivedAt. */
  schema: z.ZodType<Record<string, unknown> & { id: string }>;
  /** Why this device may not write this record, or null. */
  refuse(row: Record<string, unknown>, device: Device): { path: string; message: string } | null;
};

const ownDesk = (deskField: string) => (row: Record<string, unknown>, device: Device) =>
  row[deskField] !== device.deskId || row.checkpointId !== device.checkpointId
    ? { path: `newDocumentState.${deskField}`, message: `this device is desk ${device.deskId} at ${device.checkpointId}` }
    : null;

/**
 * What each append-only collection accepts from a desk. A desk records in its own name only, so a stolen
 * or misconfigured token cannot write another desk's records; and it cannot write the centre's or a
 * supervisor's blank events (receiving and handing out stacks).
 */
const RULES: Record<AppendOnlyCollection, Rule> = {
  crossings: { schema: crossingInputSchema, refuse: ownDesk('deskId') },
  blankEvents: {
    schema: blankEventInputSchema,
    refuse: (row, device) => ownDesk('authorDeskId')(row, device) ?? refuseBlankEventType(row.type, device),
  },
  // A desk opens and closes its own shifts (the supervisor counts at the desk, in the desk's name).
  shifts: { schema: shiftEventInputSchema, refuse: (row, device) => ownDesk('authorDeskId')(row, device) ?? ownDesk('deskId')(row, device) },
  // A mark, write-off or seal event is recorded by the desk whose officer made it.
  // Marks, sales, write-offs and seal events whose fields agree with their event (journalEntryProblems).
  journal: {
    schema: journalEntryInputSchema,
    refuse: (row, device) => {
      const own = ownDesk('deskId')(row, device);
      if (own) return own;
      const problem = journalEntryProblems(row as JournalEntryInput)[0];
      return problem ? { path: `newDocumentState.${problem.path}`, message: problem.message } : null;
    },
  },
  // A desk writes its own audit log. An entry that does not verify is still stored: it is evidence, and
  // the centre raises an alert on it (verify-audit.ts) instead of refusing it.
  audit: { schema: auditEntryInputSchema, refuse: ownDesk('deskId') },
};

/** Allocations are the centre's alone; confirming receipt and moving stacks need a supervisor station. */
function refuseBlankEventType(type: unknown, device: Device): { path: string; message: string } | null {
  const allowed: readonly unknown[] = device.role === 'supervisor' ? [...DESK_BLANK_EVENT_TYPES, ...SUPERVISOR_BLANK_EVENT_TYPES] : DESK_BLANK_EVENT_TYPES;
  return allowed.includes(type) ? null : { path: 'newDocumentState.type', message: `a ${device.role === 'supervisor' ? 'supervisor station' : 'desk'} cannot record ${String(type)}` };
}

export type PushIssue = { row: number | null; path: string; message: string };
export type PushOutcome = { ok: true; conflicts: Replicated<Doc>[]; inserted: number; republished: number; alerts: number } | { ok: false; issues: PushIssue[] };

/** The fields that make a record's content: everything the desk wrote (not receivedAt, not _deleted). */
function content(doc: Record<string, unknown>, schemaKeys: string[] | null): string {
  const keys = (schemaKeys ?? Object.keys(doc)).filter((k) => k !== 'receivedAt' && k !== '_deleted').sort();
  return JSON.stringify(keys.map((k) => [k, canonical(doc[k])]));
}

/** Nested objects with sorted keys: jsonb gives a stored object's keys back in its own order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
}

/**
 * Stores pushed append-only records. All or nothing: one bad row refuses the batch, so a desk never
 * half-syncs. A row already stored with the same content is a retry and is accepted as it is; one
 * stored with other content is a conflict, answered with the stored (master) state.
 */
export async function pushAppendOnly(db: Db, collection: AppendOnlyCollection, device: Device, body: unknown, nowMs = Date.now()): Promise<PushOutcome> {
  const rule = RULES[collection];
  const rowSchema = z.object({ assumedMasterState: z.unknown().nullable().optional(), newDocumentState: z.record(z.string(), z.unknown()) });
  const shape = z.array(rowSchema).max(PUSH_BATCH_MAX, `at most ${PUSH_BATCH_MAX} rows a push`).safeParse(body);
  if (!shape.success) return { ok: false, issues: shape.error.issues.map(toIssue) };

  const issues: PushIssue[] = [];
  const rows: Record<string, unknown>[] = [];
  shape.data.forEach((r, i) => {
    const { _deleted, receivedAt, ...sent } = r.newDocumentState;
    if (_deleted !== undefined && _deleted !== false) return void issues.push({ row: i, path: 'newDocumentState._deleted', message: 'a record cannot be deleted' });
    const parsed = rule.schema.safeParse(sent);
    if (!parsed.success) issues.push(...parsed.error.issues.map((iss) => ({ row: i, path: ['newDocumentState', ...iss.path].join('.'), message: iss.message })));
    else rows.push(parsed.data);
  });
  if (issues.length > 0) return { ok: false, issues };

  const keys = rows[0] ? Object.keys(rows[0]).filter((k) => k !== 'receivedAt') : null;
  return db.transaction(async (tx) => {
    // Lock the sequence first: a concurrent push of the same ids then waits and sees them stored.
    await takeSeq(tx, collection, 0);
    const stored = await findById<Doc>(tx, collection, rows.map((r) => r.id as string));
    // Only new records must be in the pushing desk's own name. A desk whose reload interrupted a pull
    // may push back another desk's record it received: an exact echo is harmless and is accepted.
    const refusals = rows.flatMap((row, i) => {
      const master = stored.get(row.id as string);
      if (master && content(master, keys) === content(row, keys)) return [];
      const refusal = rule.refuse(row, device);
      return refusal ? [{ row: i, ...refusal }] : [];
    });
    if (refusals.length > 0) return { ok: false as const, issues: refusals };
    const conflicts: Replicated<Doc>[] = [];
    const rewritten: Record<string, unknown>[] = [];
    const fresh = new Map<string, Doc>();
    const retried = new Set<string>();
    for (const row of rows) {
      const id = row.id as string;
      const master = stored.get(id) ?? fresh.get(id);
      if (master) {
        if (content(master, keys) !== content(row, keys)) {
          conflicts.push(asReplicated(master));
          rewritten.push(row);
        } else if (stored.has(id) && rule.refuse(row, device) === null) retried.add(id);
        continue;
      }
      fresh.set(id, { ...row, id, receivedAt: nowMs });
    }
    await insertAppendOnly(tx, collection, [...fresh.values()]);
    // A retry means the desk never saw our answer, and may have pulled past this record while its push
    // was pending (RxDB keeps the local copy then): publish it again so the desk learns receivedAt.
    await republish(tx, collection, [...retried]);
    const alerts = await raiseAlerts(tx, collection, [...fresh.values()], nowMs, rewritten);
    return { ok: true as const, conflicts, inserted: fresh.size, republished: retried.size, alerts };
  });
}

function toIssue(i: z.core.$ZodIssue): PushIssue {
  return { row: typeof i.path[0] === 'number' ? i.path[0] : null, path: i.path.slice(1).join('.'), message: i.message };
}
