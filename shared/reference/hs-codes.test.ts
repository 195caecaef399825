import { describe, expect, it } from 'vitest';
import { findListedGood, LISTED_GOODS, normalizeHsCode } from './hs-codes.ts';

describe('HS codes of seed 003 Annexes 1-3', () => {
  it('holds 66 + 79 + 19 = 164 entries, none twice', () => {
    expect(LISTED_GOODS).toHaveLength(164);
    expect([1, 2, 3].map((a) => LISTED_GOODS.filter((g) => g.annex === a).length)).toEqual([66, 79, 19]);
    expect(new Set(LISTED_GOODS.map((g) => g.code)).size).toBe(164);
  });

  it('routes one 8-digit subheading to different bodies by the 10th digit (Annexes 1-3)', () => {
    expect(findListedGood('8529 90 101 1')?.issuingBody).toBe('industry-committee');
    expect(findListedGood('8529 90 101 4')?.issuingBody).toBe('telecommunications-committee');
    expect(findListedGood('8529 90 101 3')?.issuingBody).toBe('civil-aviation-committee');
    expect(findListedGood('8529 90 101 8')).toBeNull();
  });

  it('matches 8529 10 and 8807 by prefix (Annex 3 rows 7 and 14)', () => {
    expect(findListedGood('8529101000')).toMatchObject({ annex: 3, row: 7 });
    expect(findListedGood('8807 30 000 9')).toMatchObject({ annex: 3, row: 14 });
    expect(findListedGood('8806 10 000 0')).toBeNull();
  });

  it('refuses codes that are not ten digits', () => {
    expect(normalizeHsCode('8529')).toBeNull();
    expect(findListedGood('8807')).toBeNull();
    expect(findListedGood('7308 90 510 0')).toMatchObject({ annex: 1, row: 1 });
  });
});
