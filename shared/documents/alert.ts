import { z } from 'zod';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

/**
 * What only the centre can see, because it alone holds every desk's records: one permit redeemed at two
 * places during an outage, or one blank number handed over twice. Written by the centre, pulled by the
 * desks of the checkpoints concerned (their supervisors act on it). `decision-disputed`: a journal entry
 * (a mark, a write-off, a seal) that the centre's re-check with every desk's records refuses, with the
 * reasons it found; its subject is the entry. `audit-chain-broken`: a desk's audit log does not verify (an
 * entry altered, dropped or forked, issue 9.3); its subject is the entry's number in the desk's chain, its
 * reason the break (CHAIN_BREAK_REASONS), its record the entry.
 */
export const ALERT_KINDS = ['permit-used-twice', 'blank-issued-twice', 'decision-disputed', 'audit-chain-broken'] as const;

export const alertSchema = z.object({
  /** Derived from the records involved, so detecting the same thing twice writes one alert. */
  id: z.string().min(1).max(200),
  kind: z.enum(ALERT_KINDS),
  /** The permit id or the blank number. */
  subject: z.string().min(1).max(40),
  checkpointIds: z.array(z.enum(CHECKPOINT_IDS)).min(1),
  deskIds: z.array(z.string().max(40)).min(1),
  /** The crossings or blank events that collide, or the disputed journal entry. */
  recordIds: z.array(z.string().max(40)).min(1),
  /** Why the centre disagrees (reason codes of the rules), for a disputed decision. */
  reasons: z.array(z.string().max(60)).max(30).optional(),
  /** The same reasons with their paragraphs and values (dates, quantities), for the screen. */
  reasonDetails: z.array(z.object({ code: z.string().max(60), paragraph: z.string().max(80), params: z.record(z.string().max(40), z.string().max(200)).optional() })).max(30).optional(),
  /** The document the disputed entry acted on. */
  documentNumber: z.string().max(64).optional(),
  createdAt: z.number().int().nonnegative(),
});
export type Alert = z.infer<typeof alertSchema>;
