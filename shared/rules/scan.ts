import { ADDENDUM_NUMBER, APPLICATION_NUMBER, BLANK_NUMBER } from '../documents/c-permit.ts';

/** Longer than any code we print or read; a 10 KB paste is refused before it is looked at. */
export const MAX_SCAN_LENGTH = 512;

export type ScanKey =
  | { kind: 'application'; value: string }
  | { kind: 'addendum'; value: string }
  | { kind: 'blank'; value: string };

export type ScanResult = { ok: true; key: ScanKey; raw: string } | { ok: false; error: 'empty' | 'too-long' | 'not-recognised'; raw: string };

/** Cyrillic letters that stand for our Latin prefixes: look-alikes and the Russian-layout keys A→Ф, D→В. */
const PREFIX_FOLD: Record<string, string> = { А: 'A', Ф: 'A', В: 'D', С: 'C' };

function foldCode(s: string): string {
  let out = '';
  for (const ch of s.toUpperCase()) out += PREFIX_FOLD[ch] ?? ch;
  return out;
}

const PATTERNS: { kind: ScanKey['kind']; re: RegExp }[] = [
  { kind: 'application', re: APPLICATION_NUMBER },
  { kind: 'addendum', re: ADDENDUM_NUMBER },
  { kind: 'blank', re: BLANK_NUMBER },
];

/**
 * Turns what a scanner or a typist produced into a document key. A bare number is read as it is; a QR
 * that carries a register link or text names the first number it contains. Anything else is
 * "not recognised", and the caller writes nothing.
 */
export function parseScan(input: string): ScanResult {
  const raw = input;
  if (input.length > MAX_SCAN_LENGTH) return { ok: false, error: 'too-long', raw: raw.slice(0, 64) };
  const text = foldCode(input.replace(/[\u0000-\u001f\u007f]/g, ' ').trim());
  if (text === '') return { ok: false, error: 'empty', raw };
  const bare = text.replace(/\s+/g, '');
  for (const p of PATTERNS) if (p.re.test(bare)) return { ok: true, key: { kind: p.kind, value: bare }, raw };
  // QR content: a URL or a text with the number inside it.
  for (const token of text.split(/[^A-Z0-9-]+/)) {
    for (const p of PATTERNS) if (p.re.test(token)) return { ok: true, key: { kind: p.kind, value: token }, raw };
  }
  return { ok: false, error: 'not-recognised', raw };
}
