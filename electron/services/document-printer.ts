/**
 * The desk's document printer: a CUPS/Windows queue name, or `file:DIR` to write each PDF into a
 * folder (a print-to-folder printer for demos, dry runs and tests). The addendum and every report go
 * out through here.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrintResult } from '../../shared/bridge/bridge.ts';
import { printPdf } from '../../printers/queue/system-queue.ts';

async function writeToFolder(dir: string, name: string, pdf: Uint8Array): Promise<PrintResult> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  await writeFile(`${file}.tmp`, pdf);
  await rename(`${file}.tmp`, file); // a reader never sees half a document
  return { ok: true, bytes: pdf.length, jobId: file };
}

/** `title` names the job in the queue, and the file (title.pdf) with a folder printer. */
export async function sendToDocumentPrinter(documentPrinter: string, title: string, pdf: Uint8Array): Promise<PrintResult> {
  if (documentPrinter.startsWith('file:')) return writeToFolder(documentPrinter.slice('file:'.length), `${title}.pdf`, pdf);
  const result = await printPdf(pdf, { printer: documentPrinter, title });
  return result.ok ? { ok: true, bytes: result.bytes, ...(result.jobId ? { jobId: result.jobId } : {}) } : result;
}
