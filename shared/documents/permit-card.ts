import { z } from 'zod';
import { dateField, plateField } from './common.ts';

/**
 * A carrier's vehicle permit card (seed 000 Rules §2(1), §8, §17; seed 002 p.4.1): the vehicles the
 * carrier may send. The System ignores a vehicle whose periodic tachograph check or mandatory technical
 * inspection has lapsed (Rules §8). At the checkpoint the make and plate on the permit must match the
 * card (Rules §17), so the card keeps the make when the source gives it.
 */
export const permitCardSchema = z.object({
  cardNumber: z.string().min(1).max(40),
  carrierBinIin: z.string().regex(/^\d{12}$/),
  /** "With or without use of the permit system" (Rules §2(1)); the pilot accepts both (Rules §8). */
  usesPermitSystem: z.boolean().optional(),
  vehicles: z.array(z.object({ plate: plateField, make: z.string().min(1).max(80).optional(), tachographValidTo: dateField, inspectionValidTo: dateField })).min(1),
});
export type PermitCard = z.infer<typeof permitCardSchema>;

/** A carrier's permit certificate for international road haulage (seed 000 Rules §2(2), §8(1); seed 002 p.4.3). */
export const permitCertificateSchema = z.object({
  number: z.string().min(1).max(40),
  carrierBinIin: z.string().regex(/^\d{12}$/),
  usesPermitSystem: z.boolean().optional(),
  validTo: dateField,
  status: z.enum(['valid', 'suspended', 'revoked']),
});
export type PermitCertificate = z.infer<typeof permitCertificateSchema>;

/** The same documents when an officer is shown them on their own, for the union of presented documents. */
export const presentedPermitCardSchema = permitCardSchema.extend({ kind: z.literal('permit-card') });
export const presentedPermitCertificateSchema = permitCertificateSchema.extend({ kind: z.literal('permit-certificate') });
export type PresentedPermitCard = z.infer<typeof presentedPermitCardSchema>;
export type PresentedPermitCertificate = z.infer<typeof presentedPermitCertificateSchema>;
