import { z } from 'zod';
import { cPermitSchema } from '../documents/c-permit.ts';
import { auditEntryInputSchema, auditEntrySchema } from '../audit/audit-entry.ts';
import { alertSchema } from '../documents/alert.ts';
import { blankEventDocSchema, blankEventInputSchema } from '../documents/blank-event.ts';
import { crossingInputSchema, crossingSchema } from '../documents/crossing.ts';
import { feeRateTableSchema } from '../documents/fee-rates.ts';
import { journalEntryInputSchema, journalEntrySchema } from '../documents/journal-entry.ts';
import { registryDocumentSchema } from '../documents/registry-document.ts';
import { shiftEventInputSchema, shiftEventSchema } from '../documents/shift.ts';
import { userSchema } from '../users/user.ts';

/**
 * The wire contract of replication between a desk and the centre (RxDB's HTTP protocol):
 *   GET  /sync/v1/:collection/pull?seq=N&limit=M  → PullResponse
 *   POST /sync/v1/:collection/push  body PushRow[] → conflicts (the master state of each refused row)
 *   GET  /sync/v1/:collection/stream               → SSE; each event is a PullResponse or "RESYNC"
 * Every call carries `Authorization: Bearer <device token>`.
 *
 * The checkpoint is the centre's write sequence. Writers to a collection take one lock per collection
 * before they draw a sequence number, so sequence order is commit order and a pull never skips a row
 * that commits late.
 */
export const SYNC_PREFIX = '/sync/v1';

export type ReplicationCheckpoint = { seq: number };
export const replicationCheckpointSchema = z.object({ seq: z.number().int().nonnegative() });

export type Replicated<T> = T & { _deleted: boolean };

/** `remaining`: at most how many documents lie beyond the returned checkpoint (exact for alerts), for the desk's initial-sync progress. */
export type PullResponse<T> = { documents: Replicated<T>[]; checkpoint: ReplicationCheckpoint | null; remaining?: number };

export type PushRow<T> = { assumedMasterState: Replicated<T> | null; newDocumentState: Replicated<T> };

/** The replicated collections, what the desk may do with each, and their document schemas. */
export const COLLECTIONS = {
  permits: { schema: cPermitSchema, pushSchema: null },
  crossings: { schema: crossingSchema, pushSchema: crossingInputSchema },
  /** Blank events: the centre's stock events come down, the desk's issuance events go up. */
  blankEvents: { schema: blankEventDocSchema, pushSchema: blankEventInputSchema },
  /** Desks' shift openings and closings with their counts (pushed; pulled by the checkpoint's own desks). */
  shifts: { schema: shiftEventSchema, pushSchema: shiftEventInputSchema },
  /** Raised by the centre only (pull only). */
  alerts: { schema: alertSchema, pushSchema: null },
  /** The centre's registry of every other document kind: permits, licences, escorts (pull only). */
  documents: { schema: registryDocumentSchema, pushSchema: null },
  /** The transit-passage fee tables the centre's administrator keeps (pull only). */
  feeRates: { schema: feeRateTableSchema, pushSchema: null },
  /** The electronic journal (seed 002 p.52): marks, write-offs, seal events; pushed, pulled by every desk. */
  journal: { schema: journalEntrySchema, pushSchema: journalEntryInputSchema },
  /** Each desk's hash-chained audit log (issue 9.3): pushed, and pulled back by that desk only, so a reinstalled desk continues its chain. */
  audit: { schema: auditEntrySchema, pushSchema: auditEntryInputSchema },
  /** The people who use the desks, with their roles and password verifiers, for offline login (pull only). */
  users: { schema: userSchema, pushSchema: null },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export function isCollectionName(s: string): s is CollectionName {
  return Object.hasOwn(COLLECTIONS, s);
}

export const PULL_LIMIT_MAX = 5000;
export const PUSH_BATCH_MAX = 1000;
