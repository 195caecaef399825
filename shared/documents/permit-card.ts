import { z } from 'zod';
import { dateField, plateField } from './common.ts';

/**
 * A carrier's vehicle permit card (seed 000 Rules §8, §17): the vehicles the carrier may send. The
 * System ignores a vehicle whose periodic tachograph check or mandatory technical inspection has lapsed.
 */
export const permitCardSchema = z.object({
  cardNumber: z.string().min(1).max(40),
  carrierBinIin: z.string().regex(/^\d{12}$/),
  vehicles: z.array(z.object({ plate: plateField, tachographValidTo: dateField, inspectionValidTo: dateField })).min(1),
});
export type PermitCard = z.infer<typeof permitCardSchema>;

/** A carrier's permit certificate (licence to carry internationally): valid to a date unless revoked. */
export const permitCertificateSchema = z.object({
  number: z.string().min(1).max(40),
  carrierBinIin: z.string().regex(/^\d{12}$/),
  validTo: dateField,
  status: z.enum(['valid', 'suspended', 'revoked']),
});
export type PermitCertificate = z.infer<typeof permitCertificateSchema>;
