import { z } from 'zod';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';
import { countryIso, dateField, isoInstant } from './common.ts';

/** What customs wrote off against a permit or licence: one declaration at a time (the quantity ledger). */
export const writeOffSchema = z.object({ declarationNumber: z.string().min(1).max(60), quantity: z.number().positive(), at: isoInstant });

/**
 * The 18 boxes shared by seed 003's export permit (R-An3) and seed 004's licences (LR-A5/A6): number,
 * validity from/to (end inclusive), type, contract, applicant, buyer, countries, currency, value,
 * statistical value, origin, quantity, unit, CN FEA code, additional information, basis or authorised
 * person, and the transport signature with its date.
 */
const tradeBoxes = {
  number: z.string().min(1).max(40),
  validFrom: dateField,
  validTo: dateField,
  contract: z.object({ number: z.string().max(60), date: dateField }),
  applicant: z.object({ name: z.string().min(1).max(200), binIin: z.string().regex(/^\d{12}$/) }),
  buyer: z.string().min(1).max(200),
  destinationCountry: countryIso,
  buyerCountry: countryIso,
  currency: z.string().regex(/^[A-Z]{3}$/),
  value: z.number().nonnegative(),
  statisticalValue: z.number().nonnegative(),
  originCountry: countryIso,
  quantity: z.number().positive(),
  unit: z.string().min(1).max(20),
  /** Box 15: the CN FEA code, 10 digits (the code is authoritative, the description is not). */
  hsCode: z.string().regex(/^\d{10}$/),
  goodsDescription: z.string().max(500),
  additionalInfo: z.string().max(1000),
  signedAt: dateField,
  status: z.enum(['active', 'terminated', 'suspended']),
  writeOffs: z.array(writeOffSchema),
};

/** Seed 003: export of listed goods to CIS states; valid to 31 December of the year of issue (R p.10). */
export const exportPermitSchema = z.object({
  kind: z.literal('export-permit-003'),
  ...tradeBoxes,
  /** The border checkpoint named in the application (R-An1 row 8(7), field 16). */
  checkpointId: z.enum(CHECKPOINT_IDS).nullable(),
  authorisedPerson: z.object({ name: z.string().max(120), position: z.string().max(120), phone: z.string().max(40) }),
});
export type ExportPermit = z.infer<typeof exportPermitSchema>;

/** Seed 004: import or export licence for certain goods (LR-A5, LR-A6); validity as the form states. */
export const licenceSchema = z.object({
  kind: z.literal('licence-004'),
  direction: z.enum(['export', 'import']),
  isOneTime: z.boolean(),
  ...tradeBoxes,
  basis: z.string().max(500),
});
export type Licence = z.infer<typeof licenceSchema>;

/** What is left to ship under a permit or licence: the quantity ledger, from its write-offs alone. */
export function remainingQuantity(doc: { quantity: number; writeOffs: readonly { quantity: number }[] }): number {
  return doc.quantity - doc.writeOffs.reduce((sum, w) => sum + w.quantity, 0);
}
