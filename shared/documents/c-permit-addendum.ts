import { z } from 'zod';
import { BLANK_NUMBER, isoDate, type CPermit } from './c-permit.ts';

/**
 * The addendum to the foreign-permit blank exactly as seed 000 Annex 3 lays it out: thirteen items, the
 * carrier's name and address in Kazakh and Russian. The replicated record (c-permit.ts) holds the same
 * facts in its own shape; this is the printed view, built from it by toCPermitAddendum. Item 12 "Other"
 * has no field in the replicated record (its content is not defined in the text), so it is passed in.
 */
export const cPermitAddendumSchema = z.object({
  /** 1. Carrier name. */
  carrierName: z.object({ kk: z.string().min(1).max(200), ru: z.string().min(1).max(200) }),
  /** 2. Carrier address. */
  carrierAddress: z.object({ kk: z.string().min(1).max(300), ru: z.string().min(1).max(300) }),
  /** 3. Vehicle model, load capacity, seats and state registration plate (and the trailer, Annex 1 item 6). */
  vehicle: z.object({
    model: z.string().min(1).max(80),
    loadCapacityKg: z.number().int().nonnegative(),
    seats: z.number().int().nonnegative(),
    plate: z.string().min(1).max(20),
    trailer: z.object({ model: z.string().min(1).max(80), plate: z.string().min(1).max(20), loadCapacityKg: z.number().int().nonnegative() }).nullable(),
  }),
  /** 4. Planned date of crossing the State Border. */
  plannedCrossingDate: isoDate,
  /** 5. Validity: from … to …, both days included. How it is computed is not in the text. */
  validity: z.object({ from: isoDate, to: isoDate }),
  /** 6. Direction of travel: from … to … */
  direction: z.object({ from: z.string().min(1).max(80), to: z.string().min(1).max(80) }),
  /** 7. Border checkpoint: exit (ours) and entry (the Chinese side's name). */
  checkpoints: z.object({ exitCheckpointId: z.string().min(1).max(40), entry: z.string().min(1).max(80) }),
  /** 8. Name of goods. */
  goodsName: z.string().max(200),
  /** 9. Weight of goods. */
  goodsWeightKg: z.number().nonnegative(),
  /** 10. Loading place. */
  loadingPlace: z.string().max(200),
  /** 11. Unloading place. */
  unloadingPlace: z.string().max(200),
  /** 12. Other. */
  other: z.string().max(500),
  /** 13. Foreign-permit blank number, put in by the System when the blank is allocated (Rules §13); empty before. */
  blankNumber: z.union([z.literal(''), z.string().regex(BLANK_NUMBER)]),
});
export type CPermitAddendum = z.infer<typeof cPermitAddendumSchema>;

/** Annex 3's thirteen items, in order, for templates that print them by number. */
export const ADDENDUM_ITEMS = [
  'carrierName', 'carrierAddress', 'vehicle', 'plannedCrossingDate', 'validity', 'direction', 'checkpoints',
  'goodsName', 'goodsWeightKg', 'loadingPlace', 'unloadingPlace', 'other', 'blankNumber',
] as const satisfies readonly (keyof CPermitAddendum)[];

export function toCPermitAddendum(p: CPermit, other = ''): CPermitAddendum {
  return cPermitAddendumSchema.parse({
    carrierName: { kk: p.carrier.nameKk, ru: p.carrier.nameRu },
    carrierAddress: { kk: p.carrier.addressKk, ru: p.carrier.addressRu },
    vehicle: { model: p.vehicle.model, loadCapacityKg: p.vehicle.loadCapacityKg, seats: p.vehicle.seats, plate: p.vehicle.plate, trailer: p.trailer },
    plannedCrossingDate: p.plannedCrossingDate,
    validity: { from: p.validFrom, to: p.validTo },
    direction: { from: p.directionFrom, to: p.directionTo },
    checkpoints: { exitCheckpointId: p.exitCheckpointId, entry: p.entryCheckpointName },
    goodsName: p.goodsName,
    goodsWeightKg: p.goodsWeightKg,
    loadingPlace: p.loadingPlace,
    unloadingPlace: p.unloadingPlace,
    other,
    blankNumber: p.blankNumber,
  });
}
