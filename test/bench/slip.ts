/**
 * Thermal slip build time (issue 4, target ≤ 20 ms per slip), in both text modes, beside a baseline
 * measured in the same run: print-text.ts's encodeTextJob of the same lines (KZ-1048 text, no QR).
 * Run alone with `npx tsx test/bench/slip.ts`; test/bench/run.ts prints benchSlip()'s lines.
 */
import { encodeTextJob } from '../../printers/thermal/print-text.ts';
import { parsePrinterProfile } from '../../printers/thermal/printer-profile.ts';
import { SAMPLE_SLIP } from '../../printers/thermal/sample-slip.ts';
import { buildSlipJob, slipLines } from '../../printers/thermal/slip.ts';

const RUNS = 50;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

function time(fn: () => Buffer): { median: number; p95: number; bytes: number } {
  const bytes = fn().length; // warm-up: fonts, code page cache, JIT
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return { median: quantile(ms, 0.5), p95: quantile(ms, 0.95), bytes };
}

export async function benchSlip(): Promise<string[]> {
  const profile = (paperWidthMm: 58 | 80, codePage: 'kz1048' | 'none') =>
    parsePrinterProfile({ id: 'bench', name: 'bench', target: 'tcp://127.0.0.1:9100', paperWidthMm, codePage, supportsQrCommand: codePage === 'kz1048', cut: true });
  const text = slipLines(SAMPLE_SLIP).map((l) => l.text).join('\n');
  const rows: Array<[string, ReturnType<typeof time>]> = [
    ['baseline encodeTextJob (same text)', time(() => encodeTextJob(text))],
    ['slip kz1048 + GS ( k, 80 mm', time(() => buildSlipJob(SAMPLE_SLIP, profile(80, 'kz1048')))],
    ['slip raster text + raster QR, 58 mm', time(() => buildSlipJob(SAMPLE_SLIP, profile(58, 'none')))],
    ['slip raster text + raster QR, 80 mm', time(() => buildSlipJob(SAMPLE_SLIP, profile(80, 'none')))],
  ];
  return [
    `thermal slip build, ${RUNS} runs each (target ≤ 20 ms):`,
    ...rows.map(([name, r]) => `  ${name.padEnd(38)} median ${r.median.toFixed(2)} ms  p95 ${r.p95.toFixed(2)} ms  ${r.bytes} bytes`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchSlip()) console.log(line);
