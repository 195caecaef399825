import data from './data/mci.json' with { type: 'json' };

/**
 * Fees in monthly calculation indices (MCI), the MCI taken in force on the payment date: 1 MCI for a
 * C-permit addendum (seed 000 Rules §9, Annex 2 row 6), 10 MCI for an import or export licence (seed 004
 * LR p.3, LR-A3 row 6, Tax Code art. 554 p.4). Goods export permits of seed 003 (R-An1 row 6) and the
 * import/export permits of seed 004 (PR p.3, PR-A3 row 6) are free. The transit-passage fee of seed 002
 * p.47-48 is charged "at Tax Code rates" that the text does not give, so it is not here.
 */
export const FEE_MCI = { 'c-permit-addendum': 1, licence: 10, 'export-permit-003': 0, 'permit-004': 0 } as const;
export type FeeService = keyof typeof FEE_MCI;

export const MCI_VALUES = data.values;

/** The MCI in KZT in force on a day; null for a year the data does not cover (never guessed). */
export function mciOn(date: string): number | null {
  const year = Number(date.slice(0, 4));
  return MCI_VALUES.find((v) => v.year === year)?.kzt ?? null;
}

export function feeKzt(service: FeeService, paymentDate: string): number | null {
  const mci = mciOn(paymentDate);
  return mci === null ? null : FEE_MCI[service] * mci;
}
