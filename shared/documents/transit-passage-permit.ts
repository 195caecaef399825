import { z } from 'zod';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';
import { countryIso, dateField, isoInstant, plateField } from './common.ts';

/**
 * A transit-passage permit issued and sold at the checkpoint after the fee is paid (seed 002 p.47-48):
 * for a foreign vehicle in transit without its state's registration sign (p.47), from a state with no
 * balanced blank exchange (p.48 part 1), or where an agreement provides for selling permits (p.48
 * parts 2-3). The journal records the fee document's number, date and amount (p.52.12-14).
 */
export const transitPassagePermitSchema = z.object({
  kind: z.literal('kz-transit-passage'),
  ground: z.enum(['unregistered-vehicle', 'no-balanced-exchange', 'sale-by-agreement']),
  number: z.string().min(1).max(40),
  checkpointId: z.enum(CHECKPOINT_IDS),
  issuedAt: isoInstant,
  validTo: dateField,
  carrierName: z.string().min(1).max(200),
  carrierCountry: countryIso,
  vehiclePlate: plateField,
  fee: z.object({ documentNumber: z.string().max(40), date: dateField, amountKzt: z.number().nonnegative() }),
  /** Signed by the carrier on receipt of a paper permit (p.52.14). */
  carrierSigned: z.boolean(),
  /** The class the fee was charged for (the rate tables price goods and passenger vehicles apart). */
  vehicleClass: z.enum(['goods', 'passenger']).optional(),
});
export type TransitPassagePermit = z.infer<typeof transitPassagePermitSchema>;
