import { parseScan } from '../../shared/rules/scan.ts';

/**
 * A blank number as scanned or typed on any keyboard layout ("с0100001" on a Russian layout is the same
 * blank as "C0100001"), or null when it is not one.
 */
export function normaliseBlankNumber(text: string): string | null {
  const scan = parseScan(text);
  return scan.ok && scan.key.kind === 'blank' ? scan.key.value : null;
}
