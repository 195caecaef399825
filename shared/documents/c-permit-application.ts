import { z } from 'zod';
import { APPLICATION_NUMBER } from './c-permit.ts';
import { countryIso, dateField, isoInstant, plateField } from './common.ts';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

const person = z.object({
  iin: z.string().regex(/^\d{12}$/, 'IIN is 12 digits'),
  fullName: z.string().min(1).max(200),
  address: z.string().max(300),
  contacts: z.string().max(200),
});

/**
 * The carrier's application as filed on the portal (seed 000 Annex 1, items 1-10), before the centre
 * forms the addendum from it on the day of payment (Rules §12). The desk replicates the addendum view
 * (c-permit.ts); this full form is what the centre imports and keeps.
 */
export const cPermitApplicationSchema = z.object({
  applicationNumber: z.string().regex(APPLICATION_NUMBER),
  /** Item 1. */
  permitYear: z.number().int().min(2023).max(2100),
  /** Item 2: booking in the electronic queue, the exit and entry checkpoints, the planned crossing day. */
  booking: z.object({ number: z.string().min(1).max(40), exitCheckpointId: z.enum(CHECKPOINT_IDS), entryCheckpointName: z.string().min(1).max(80), plannedCrossingDate: dateField }),
  /** Item 3: the vehicle's owner. */
  owner: z.object({ binIin: z.string().regex(/^\d{12}$/), name: z.string().min(1).max(200), address: z.string().min(1).max(300), contacts: z.string().max(200) }),
  /** Item 4: the drivers (several may be named). */
  drivers: z.array(person).min(1).max(5),
  /** Item 5, from the technical passport. */
  vehicle: z.object({ model: z.string().min(1).max(80), plate: plateField, loadCapacityKg: z.number().int().nonnegative(), seats: z.number().int().nonnegative() }),
  /** Item 6, from the technical passport. */
  trailer: z.object({ model: z.string().min(1).max(80), plate: plateField, loadCapacityKg: z.number().int().nonnegative() }).nullable(),
  /** Item 7: the destination and the foreign transit states on the route. */
  countries: z.array(countryIso).min(1),
  /** Item 8. */
  goods: z.object({ name: z.string().max(200), weightKg: z.number().nonnegative(), loadingPlace: z.string().max(200), unloadingPlace: z.string().max(200) }),
  /** Item 9: consent to the processing of personal data (Law on Personal Data art. 8); without it the application is refused (Rules §10). */
  personalDataConsent: z.literal(true, { message: 'the application needs consent to the processing of personal data' }),
  /** Item 10: the recipient's digital signature and when it was made. */
  signature: z.object({ data: z.string().min(1).max(20_000), signedAt: isoInstant }),
});
export type CPermitApplication = z.infer<typeof cPermitApplicationSchema>;
