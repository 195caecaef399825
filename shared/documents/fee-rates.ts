import { z } from 'zod';
import { mciOn } from '../reference/fees.ts';
import { dateField } from './common.ts';
import { transitPassagePermitSchema } from './transit-passage-permit.ts';

export const TRANSIT_GROUNDS = transitPassagePermitSchema.shape.ground.options;
export type TransitGround = (typeof TRANSIT_GROUNDS)[number];
export const VEHICLE_CLASSES = transitPassagePermitSchema.shape.vehicleClass.unwrap().options;
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];

/**
 * The fee for a transit-passage permit sold at the checkpoint (seed 002 p.47-48) is charged "at Tax
 * Code rates", which the Rules do not give. The centre's administrator keeps them as dated tables, in
 * monthly calculation indices (MCI) per ground and vehicle class; the desk takes the table in force on
 * the payment date and the MCI of that year.
 */
export const feeRateTableSchema = z.object({
  id: z.string().min(1).max(60),
  /** The first day the table applies. */
  validFrom: dateField,
  /** Where the rates come from (the Tax Code article, the decree), printed with the fee. */
  source: z.string().min(1).max(300),
  /** How many days a permit sold under this table is valid, counting the day of issue. */
  validDays: z.number().int().min(1).max(90),
  rates: z.array(z.object({ ground: z.enum(TRANSIT_GROUNDS), vehicleClass: z.enum(VEHICLE_CLASSES), mci: z.number().nonnegative().max(10_000) })).min(1).max(50),
});
export type FeeRateTable = z.infer<typeof feeRateTableSchema>;

/** The table in force on a day: the latest whose validFrom is not after it. */
export function rateTableOn(tables: readonly FeeRateTable[], date: string): FeeRateTable | null {
  let best: FeeRateTable | null = null;
  for (const t of tables) if (t.validFrom <= date && (!best || t.validFrom > best.validFrom)) best = t;
  return best;
}

export type TransitFee = { mci: number; mciKzt: number; kzt: number; table: FeeRateTable };
export type TransitFeeRefusal = 'no-rate-table' | 'no-rate' | 'no-mci';

/** The fee in KZT for a ground and vehicle class paid on a day, or why it cannot be known (never guessed). */
export function transitFee(tables: readonly FeeRateTable[], ground: TransitGround, vehicleClass: VehicleClass, paymentDate: string): TransitFee | TransitFeeRefusal {
  const table = rateTableOn(tables, paymentDate);
  if (!table) return 'no-rate-table';
  const rate = table.rates.find((r) => r.ground === ground && r.vehicleClass === vehicleClass);
  if (!rate) return 'no-rate';
  const mciKzt = mciOn(paymentDate);
  if (mciKzt === null) return 'no-mci';
  return { mci: rate.mci, mciKzt, kzt: Math.round(rate.mci * mciKzt * 100) / 100, table };
}
