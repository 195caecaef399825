/**
 * Saves a report as CSV or XLSX through the browser's download: the file is made on the page from the
 * report already on screen, so it works offline and needs nothing from the machine side.
 */
import { reportToCsv } from '../../shared/reports/csv.ts';
import type { ReportDoc } from '../../shared/reports/report-doc.ts';
import { reportFileName, type ReportLanguage } from '../../shared/reports/report-text.ts';
import { reportToXlsx } from '../../shared/reports/xlsx.ts';
import { saveFile } from '../app/save-file.ts';

const TYPES = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function reportBlob(doc: ReportDoc, lang: ReportLanguage, format: 'csv' | 'xlsx'): Blob {
  const body = format === 'csv' ? reportToCsv(doc, lang) : reportToXlsx(doc, lang);
  return new Blob([body as BlobPart], { type: TYPES[format] });
}

export function downloadReport(doc: ReportDoc, lang: ReportLanguage, format: 'csv' | 'xlsx'): void {
  // The language in the name: a supervisor saving both finds two files, not one overwritten.
  saveFile(reportBlob(doc, lang, format), reportFileName(doc, format).replace(/\.(csv|xlsx)$/, `-${lang}.$1`));
}
