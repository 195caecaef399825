import { z } from 'zod';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

/** Calendar date without a time zone, as the forms print it. */
export const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
export const isoInstant = z.string().datetime({ offset: true });
export const plateField = z.string().min(1).max(20);
export const countryIso = z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166 alpha-2 code');

/**
 * A control body's mark on a permit (seed 002 p.50): entry with its exit deadline, or exit. p.50 also
 * has the mark name the carrier, the vehicle's number, its state of registration and the route through
 * Kazakhstan; those are optional here because marks recorded before they were captured lack them.
 */
export const permitMarkSchema = z.object({
  type: z.enum(['entry', 'exit']),
  checkpointId: z.enum(CHECKPOINT_IDS),
  at: isoInstant,
  /** Entry marks: the exit deadline written on the permit, at most 30 calendar days after entry. */
  exitDeadline: dateField.optional(),
  carrierName: z.string().max(200).optional(),
  vehiclePlate: plateField.optional(),
  registrationCountry: countryIso.optional(),
  route: z.string().max(200).optional(),
});
export type PermitMark = z.infer<typeof permitMarkSchema>;
