/**
 * Addendum PDF render (issue 4): median and p95 of warm renders, the file size, and in the same run the
 * floor it stands on (an empty pdf-lib A4 page saved). Targets: warm p95 ≤ 60 ms, size ≤ 60 KB.
 */
import { PDFDocument } from 'pdf-lib';
import { renderAddendumPdf } from '../../printers/pdf/addendum-pdf.ts';
import { sampleAddendumInput } from '../../printers/pdf/sample-addendum.ts';

const RENDERS = 50;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function time(n: number, f: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function benchPdf(): Promise<string[]> {
  const input = sampleAddendumInput();
  const t0 = performance.now();
  const bytes = await renderAddendumPdf(input);
  const coldMs = performance.now() - t0;
  await time(5, () => renderAddendumPdf(input)); // let the JIT settle
  const warm = await time(RENDERS, () => renderAddendumPdf(input));
  const empty = await time(RENDERS, async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595.28, 841.89]);
    return doc.save();
  });
  return [
    `addendum PDF: cold ${fmt(coldMs)} (font load and parse), warm median ${fmt(quantile(warm, 0.5))}, p95 ${fmt(quantile(warm, 0.95))} over ${RENDERS} renders (target p95 ≤ 60 ms)`,
    `addendum PDF size: ${(bytes.length / 1024).toFixed(1)} KB (target ≤ 60 KB)`,
    `baseline, empty pdf-lib A4 page saved: median ${fmt(quantile(empty, 0.5))}, p95 ${fmt(quantile(empty, 0.95))}`,
  ];
}
