/**
 * Foreign-permit blank numbers: a series letter and seven digits (C0012345). Ranges are inclusive and
 * within one series; arithmetic is on the digits so a range can be walked and counted.
 */
export const BLANK_DIGITS = 7;
const BLANK_RE = /^([A-Z])(\d{7})$/;

export type BlankRange = { series: string; from: number; to: number };

export function parseBlankNumber(number: string): { series: string; n: number } | null {
  const m = BLANK_RE.exec(number);
  return m ? { series: m[1]!, n: Number(m[2]) } : null;
}

export function formatBlankNumber(series: string, n: number): string {
  return `${series}${String(n).padStart(BLANK_DIGITS, '0')}`;
}

/** "C0000100-C0000199" or a single number; null when malformed, reversed or across series. */
export function parseBlankRange(text: string): BlankRange | null {
  const [a, b = a] = text.split('-').map((s) => s.trim());
  const from = parseBlankNumber(a ?? '');
  const to = parseBlankNumber(b ?? '');
  if (!from || !to || from.series !== to.series || from.n > to.n) return null;
  return { series: from.series, from: from.n, to: to.n };
}

export function rangeSize(r: BlankRange): number {
  return r.to - r.from + 1;
}

export function inRange(r: BlankRange, number: string): boolean {
  const p = parseBlankNumber(number);
  return p !== null && p.series === r.series && p.n >= r.from && p.n <= r.to;
}

export function* numbersOf(r: BlankRange): Generator<string> {
  for (let n = r.from; n <= r.to; n++) yield formatBlankNumber(r.series, n);
}

export function formatBlankRange(r: BlankRange): string {
  return r.from === r.to ? formatBlankNumber(r.series, r.from) : `${formatBlankNumber(r.series, r.from)}-${formatBlankNumber(r.series, r.to)}`;
}

/** Blank numbers (series and number, any order, no repeats) gathered into runs of consecutive numbers. */
export function toRuns(items: Iterable<{ series: string; n: number }>): BlankRange[] {
  const sorted = [...items].sort((a, b) => (a.series === b.series ? a.n - b.n : a.series < b.series ? -1 : 1));
  const runs: BlankRange[] = [];
  for (const p of sorted) {
    const last = runs.at(-1);
    if (last && last.series === p.series && last.to === p.n - 1) last.to = p.n;
    else runs.push({ series: p.series, from: p.n, to: p.n });
  }
  return runs;
}
