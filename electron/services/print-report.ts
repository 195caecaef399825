/**
 * Prints a report (the shift report, the centre's reports) on the desk's document printer. Each print
 * is its own job: the file or job name carries the report's kind and the moment it was printed, so a
 * reprint after a paper jam never replaces the first in a print-to-folder printer.
 */
import type { PrintReportRequest, PrintResult } from '../../shared/bridge/bridge.ts';
import { renderReportPdf } from '../../printers/pdf/report-pdf.ts';
import { sendToDocumentPrinter } from './document-printer.ts';

export function reportJobTitle(kind: string, nowMs: number): string {
  // UTC+5 like every time on the desk's paper; yyyy-mm-dd-hhmmss-mmm sorts and never repeats in practice.
  const local = new Date(nowMs + 5 * 3_600_000).toISOString();
  return `report-${kind}-${local.slice(0, 10)}-${local.slice(11, 19).replace(/:/g, '')}-${local.slice(20, 23)}`;
}

export function createReportPrinter(opts: { documentPrinter: string; now?: () => number }): (request: PrintReportRequest) => Promise<PrintResult> {
  const now = opts.now ?? Date.now;
  return async ({ doc }) => {
    const pdf = await renderReportPdf(doc);
    return sendToDocumentPrinter(opts.documentPrinter, reportJobTitle(doc.kind, now()), pdf);
  };
}
