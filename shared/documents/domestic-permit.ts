import { z } from 'zod';
import { countryIso, dateField, permitMarkSchema, plateField } from './common.ts';

/**
 * A Kazakh domestic permit carried by a foreign vehicle (seed 002 p.42-46): bilateral or transit, for
 * third-country carriage, or an additional permit for loading in Kazakhstan on the way back (p.44-45).
 * Issued by the carrier's own state out of exchanged blanks; one journey there and back; valid until
 * 31 January of the next year unless the agreement says otherwise (p.42-43). Customs marks entry, with
 * an exit deadline of at most 30 days, and exit (p.50). The issuing state is the carrier's state, so
 * `issuingCountry` is also the vehicle's state of registration.
 */
export const DOMESTIC_PERMIT_CATEGORIES = ['bilateral', 'transit', 'third-country', 'additional', 'additional-third-country'] as const;

export const domesticPermitSchema = z.object({
  kind: z.literal('kz-domestic-permit'),
  category: z.enum(DOMESTIC_PERMIT_CATEGORIES),
  series: z.string().max(10),
  number: z.string().min(1).max(40),
  /** The year of the blank exchange it was issued from. */
  year: z.number().int().min(2000).max(2100),
  issuingCountry: countryIso,
  status: z.enum(['valid', 'annulled']),
  carrierName: z.string().min(1).max(200),
  vehiclePlate: plateField,
  trailerPlate: plateField.nullable(),
  /** Set when the agreement with the issuing state gives another end than 31 January of the next year. */
  agreementValidTo: dateField.optional(),
  route: z.string().max(200),
  /** The agreement with the issuing state allows carriage between two points in Kazakhstan (p.52 part 1). */
  agreementAllowsCabotage: z.boolean().optional(),
  marks: z.array(permitMarkSchema),
});
export type DomesticPermit = z.infer<typeof domesticPermitSchema>;
