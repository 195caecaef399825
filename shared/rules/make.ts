import { normalizePlate } from './plate.ts';

/**
 * Vehicle makes are typed by hand ("Mercedes-Benz", "MERCEDES BENZ", "ДАФ" is not folded: only letters
 * that look alike are). Case, spaces and hyphens do not count; anything else is a different make.
 */
export function makesMatch(a: string, b: string): boolean {
  const na = normalizePlate(a);
  return na.length > 0 && na === normalizePlate(b);
}
