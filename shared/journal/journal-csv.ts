import type { JournalEntry } from '../documents/journal-entry.ts';
import { foldLookAlikes } from '../documents/registry-document.ts';
import { formatKzTime } from '../shifts/shift-report.ts';

/** The journal's columns: when and who, the event, then the 14 fields of seed 002 p.52 in their order. */
export const JOURNAL_COLUMNS = [
  'occurredAt', 'event', 'documentNumber', 'checkpointId', 'deskId', 'officerName',
  'carrierName', 'carrierCountry', 'carrierAddress', 'dispatchCountry', 'destinationCountry', 'route',
  'vehicleMake', 'vehiclePlate', 'trailerPlate', 'permitType', 'permitValidTo', 'permitIssued',
  'permitReceivedOn', 'feeDocument', 'carrierSigned',
  'exitDeadline', 'goods', 'declarationNumber', 'exemption', 'seal', 'provisional', 'disputed',
] as const;
export type JournalColumn = (typeof JOURNAL_COLUMNS)[number];

/** One cell as text: nested values spelt out the way an officer reads them, never as JSON. */
export function journalCell(e: JournalEntry, col: JournalColumn, disputed: ReadonlySet<string>, yesNo: [string, string]): string {
  switch (col) {
    case 'occurredAt':
      // The checkpoint's own time (UTC+5), as the day filter counts days.
      return `${formatKzTime(e.occurredAt)} (UTC+5)`;
    case 'feeDocument':
      return e.feeDocument ? `${e.feeDocument.number} ${e.feeDocument.date} ${e.feeDocument.amountKzt} KZT` : '';
    case 'carrierSigned':
      return e.carrierSigned === null ? '' : e.carrierSigned ? yesNo[0] : yesNo[1];
    case 'goods':
      return e.goods.map((g) => `${g.hsCode} ${g.quantity} ${g.unit}`.trim()).join('; ');
    case 'exemption':
      return e.exemption ? `${e.exemption.basis} ${e.exemption.documentNumber}` : '';
    case 'seal':
      return e.seal ? `${e.seal.number} ${e.seal.isIntact ? '+' : '−'}` : '';
    case 'provisional':
      return e.provisional ? yesNo[0] : yesNo[1];
    case 'disputed':
      return disputed.has(e.id) ? yesNo[0] : yesNo[1];
    default:
      return String(e[col] ?? '');
  }
}

const quote = (s: string) => (/[";\n\r]/.test(s) || /^[=+\-@\t\r]/.test(s) ? `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s);

/**
 * The journal as CSV for Excel: UTF-8 with a byte-order mark (Kazakh letters survive), semicolons
 * (the separator Excel expects under Kazakh and Russian regional settings), and cells that would start
 * a formula prefixed with an apostrophe, so a plate like "=1+1" stays text.
 */
export function journalToCsv(entries: readonly JournalEntry[], headers: Record<JournalColumn, string>, disputed: ReadonlySet<string>, yesNo: [string, string]): string {
  const rows = [JOURNAL_COLUMNS.map((c) => quote(headers[c])).join(';'), ...entries.map((e) => JOURNAL_COLUMNS.map((c) => quote(journalCell(e, c, disputed, yesNo))).join(';'))];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

export type JournalFilter = { text: string; from: string; to: string; event: string; checkpointId: string | null };

/** Entries matching the officer's search: a number or plate fragment, a day range (local days), an event. */
export function filterJournal(entries: readonly JournalEntry[], f: JournalFilter, dayOf: (e: JournalEntry) => string): JournalEntry[] {
  const needle = foldLookAlikes(f.text.trim());
  return entries.filter((e) => {
    if (f.checkpointId && e.checkpointId !== f.checkpointId) return false;
    if (f.event && e.event !== f.event) return false;
    const day = dayOf(e);
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    if (!needle) return true;
    return [e.documentNumber, e.vehiclePlate, e.trailerPlate, e.declarationNumber, e.carrierName, e.seal?.number ?? '', e.exemption?.documentNumber ?? ''].some((v) => foldLookAlikes(v).includes(needle));
  });
}
