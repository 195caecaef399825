import { z } from 'zod';
import { ULID_PATTERN } from '../ids/ulid.ts';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

export const DIRECTIONS = ['exit', 'entry'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** What the desk writes; append-only, so an insert never conflicts and a retried push is idempotent. */
export const crossingInputSchema = z.object({
  id: z.string().regex(ULID_PATTERN, 'id must be a ULID'),
  /** The permit document redeemed by this crossing. */
  permitId: z.string().min(1).max(40),
  /** The number as presented (application, addendum or blank number). */
  documentNumber: z.string().min(1).max(40),
  direction: z.enum(DIRECTIONS),
  checkpointId: z.enum(CHECKPOINT_IDS),
  deskId: z.string().min(1).max(40),
  officerName: z.string().min(1).max(120),
  plate: z.string().min(1).max(20),
  /** The officer's wall-clock time, ISO 8601. */
  occurredAt: z.string().datetime({ offset: true }),
  /** Hybrid logical clock stamp for ordering a desk's records made offline. */
  hlc: z.string().min(20).max(80),
});

/** As stored and replicated: the centre adds when it received it; 0 until then. */
export const crossingSchema = crossingInputSchema.extend({
  receivedAt: z.number().int().nonnegative(),
});

export type CrossingInput = z.infer<typeof crossingInputSchema>;
export type Crossing = z.infer<typeof crossingSchema>;
