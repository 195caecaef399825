import { z } from 'zod';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

/**
 * What only the centre can see, because it alone holds every desk's records: one permit redeemed at two
 * places during an outage, or one blank number handed over twice. Written by the centre, pulled by the
 * desks of the checkpoints concerned (their supervisors act on it).
 */
export const ALERT_KINDS = ['permit-used-twice', 'blank-issued-twice'] as const;

export const alertSchema = z.object({
  /** Derived from the records involved, so detecting the same thing twice writes one alert. */
  id: z.string().min(1).max(200),
  kind: z.enum(ALERT_KINDS),
  /** The permit id or the blank number. */
  subject: z.string().min(1).max(40),
  checkpointIds: z.array(z.enum(CHECKPOINT_IDS)).min(1),
  deskIds: z.array(z.string().max(40)).min(1),
  /** The crossings or blank events that collide. */
  recordIds: z.array(z.string().max(40)).min(2),
  createdAt: z.number().int().nonnegative(),
});
export type Alert = z.infer<typeof alertSchema>;
