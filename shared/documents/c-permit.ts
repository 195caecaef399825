import { z } from 'zod';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

/** Calendar date as the forms print it, without a time zone: YYYY-MM-DD. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

const vehicle = z.object({
  /** Model from the technical passport (Annex 1 item 5). */
  model: z.string().min(1).max(80),
  /** State registration plate as written on the card. */
  plate: z.string().min(1).max(20),
  loadCapacityKg: z.number().int().nonnegative(),
  seats: z.number().int().nonnegative(),
});

const trailer = z.object({
  model: z.string().min(1).max(80),
  plate: z.string().min(1).max(20),
  loadCapacityKg: z.number().int().nonnegative(),
});

const carrier = z.object({
  /** BIN of a legal entity or IIN of an individual entrepreneur: 12 digits. */
  binIin: z.string().regex(/^\d{12}$/),
  nameKk: z.string().min(1).max(200),
  nameRu: z.string().min(1).max(200),
  addressKk: z.string().min(1).max(300),
  addressRu: z.string().min(1).max(300),
});

/** Application numbers as the queue system issues them, e.g. A26-000123. */
export const APPLICATION_NUMBER = /^A\d{2}-\d{6}$/;
/** Addendum numbers, formed on the day the fee is paid (Rules §12), e.g. D26-000123. */
export const ADDENDUM_NUMBER = /^D\d{2}-\d{6}$/;
/** Foreign-permit blank numbers: series letter C and seven digits, e.g. C0012345. */
export const BLANK_NUMBER = /^C\d{7}$/;

/**
 * A paid C-permit application with its addendum (seed 000 Annex 1 and Annex 3), as the centre replicates
 * it to the desks. Read-only at the desk; its "used" state is derived from crossings, never stored here.
 */
export const cPermitSchema = z.object({
  id: z.string().min(1).max(40),
  kind: z.literal('c-permit'),
  applicationNumber: z.string().regex(APPLICATION_NUMBER),
  addendumNumber: z.string().regex(ADDENDUM_NUMBER),
  /** Empty until a desk has issued a blank for it (Annex 3 item 13). */
  blankNumber: z.union([z.literal(''), z.string().regex(BLANK_NUMBER)]),
  permitYear: z.number().int().min(2023).max(2100),
  status: z.enum(['paid', 'annulled']),
  bookingNumber: z.string().min(1).max(40),
  exitCheckpointId: z.enum(CHECKPOINT_IDS),
  /** Entry point on the Chinese side, as the application names it. */
  entryCheckpointName: z.string().min(1).max(80),
  plannedCrossingDate: isoDate,
  validFrom: isoDate,
  validTo: isoDate,
  carrier,
  vehicle,
  trailer: trailer.nullable(),
  /** The carrier's vehicle permit card and the plates listed on it (Rules §17). */
  permitCardNumber: z.string().min(1).max(40),
  permitCardPlates: z.array(z.string().min(1).max(20)).min(1),
  directionFrom: z.string().min(1).max(80),
  directionTo: z.string().min(1).max(80),
  destinationCountries: z.array(z.string().min(2).max(2)),
  goodsName: z.string().max(200),
  goodsWeightKg: z.number().nonnegative(),
  loadingPlace: z.string().max(200),
  unloadingPlace: z.string().max(200),
  /** Set by the centre on every write; the desk never trusts its own clock for ordering. */
  updatedAt: z.number().int().nonnegative(),
});

export type CPermit = z.infer<typeof cPermitSchema>;
