/**
 * Plates are typed by hand in Cyrillic or Latin, with or without spaces, so "123 АВС 02" on the card and
 * "123ABC02" typed at the desk are the same plate. Only letters that look alike fold together; a real
 * difference (a different digit or letter) never matches.
 */
const LOOK_ALIKE: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', Ё: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X',
  Ү: 'Y', І: 'I',
};

export function normalizePlate(plate: string): string {
  let out = '';
  for (const ch of plate.toUpperCase()) {
    if (/[\s\-_.·]/.test(ch)) continue;
    out += LOOK_ALIKE[ch] ?? ch;
  }
  return out;
}

export function platesMatch(a: string, b: string): boolean {
  const na = normalizePlate(a);
  return na.length > 0 && na === normalizePlate(b);
}
