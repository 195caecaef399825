import data from './data/hs-codes-003.json' with { type: 'json' };

/**
 * The 164 goods of seed 003 Annexes 1-3 whose export to CIS states needs a permit, and who issues it.
 * The code is authoritative, the names are only for convenience (note under every annex). 162 entries
 * are full 10-digit codes matched exactly; 8529 10 and 8807 are a subheading and a heading, matched by
 * prefix. No 10-digit code is in two annexes, but one 8-digit subheading can be split between issuing
 * bodies by its 10th digit, so matching always uses all ten digits.
 */
export type IssuingBody = 'industry-committee' | 'telecommunications-committee' | 'civil-aviation-committee';
export type ListedGood = { annex: 1 | 2 | 3; row: number; code: string; glossEn: string; issuingBody: IssuingBody };

export const HS_LIST_SOURCE = data.source;
export const LISTED_GOODS = data.codes as ListedGood[];

const exact = new Map(LISTED_GOODS.filter((g) => g.code.length === 10).map((g) => [g.code, g]));
const prefixes = LISTED_GOODS.filter((g) => g.code.length < 10);

/** "8529 90 101 3", "8529901013" → 8529901013; null unless exactly ten digits. */
export function normalizeHsCode(input: string): string | null {
  const digits = input.replace(/[\s.]/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/** The listed entry covering a 10-digit code, or null when the good is not on the lists. */
export function findListedGood(code: string): ListedGood | null {
  const c = normalizeHsCode(code);
  if (!c) return null;
  return exact.get(c) ?? prefixes.find((g) => c.startsWith(g.code)) ?? null;
}
