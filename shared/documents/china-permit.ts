import { z } from 'zod';
import { dateField, permitMarkSchema, plateField } from './common.ts';

/**
 * A permit under the Kazakhstan–China road transport agreement (seed 002 p.6, p.43): type A (regular
 * passenger, one calendar year), B (irregular passenger) and C (goods), B and C for one trip out and
 * back; all valid until 31 December of their year.
 */
export const chinaPermitSchema = z.object({
  kind: z.literal('cn-permit'),
  permitType: z.enum(['A', 'B', 'C']),
  number: z.string().min(1).max(40),
  year: z.number().int().min(2000).max(2100),
  status: z.enum(['valid', 'annulled']),
  carrierName: z.string().min(1).max(200),
  vehiclePlate: plateField,
  trailerPlate: plateField.nullable(),
  /** Overrides 31 December of `year` when the blank states an earlier end. */
  validTo: dateField.optional(),
  marks: z.array(permitMarkSchema),
});
export type ChinaPermit = z.infer<typeof chinaPermitSchema>;
