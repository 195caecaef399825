/**
 * The ReportDoc schema: a report crosses the Bridge (printReport) and is checked on both sides like
 * every other request. The bounds keep one request from tying up the desk: a report too big to print
 * in a few seconds is a bug in its maker, and is told so, not printed as 2,000 pages.
 */
import { z } from 'zod';
import type { ReportDoc } from './report-doc.ts';

export const REPORT_LIMITS = {
  textChars: 500,
  metaRows: 50,
  tables: 20,
  columns: 20,
  rowsPerTable: 5_000,
  /** Across all tables: 5,000 rows of a typical 8-column table print on about 100 pages in about 2 s. */
  totalRows: 20_000,
  totalCells: 200_000,
  signatures: 10,
} as const;

const text = z.string().max(REPORT_LIMITS.textChars);
const bilingual = z.object({ kk: text, ru: text });
const cell = z.union([text, z.number().finite()]);

const tableSchema = z
  .object({
    heading: bilingual,
    columns: z.array(bilingual).min(1).max(REPORT_LIMITS.columns),
    rows: z.array(z.array(cell).max(REPORT_LIMITS.columns)).max(REPORT_LIMITS.rowsPerTable),
    empty: bilingual.optional(),
  })
  .superRefine((table, ctx) => {
    // A ragged row would shift every cell after it into the wrong column on paper and in Excel.
    const bad = table.rows.findIndex((r) => r.length !== table.columns.length);
    if (bad >= 0) ctx.addIssue({ code: 'custom', path: ['rows', bad], message: `row has ${table.rows[bad]!.length} cells for ${table.columns.length} columns` });
  });

export const reportDocSchema = z
  .object({
    // Becomes part of file and job names: lower-case words and hyphens only.
    kind: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kind must be lower-case words joined by hyphens').max(60),
    title: bilingual,
    meta: z.array(z.object({ label: bilingual, value: text })).max(REPORT_LIMITS.metaRows),
    tables: z.array(tableSchema).max(REPORT_LIMITS.tables),
    signatures: z.array(z.object({ role: bilingual, name: text })).max(REPORT_LIMITS.signatures),
    generatedAt: z.string().min(1).max(100),
    warning: bilingual.optional(),
  })
  .superRefine((doc, ctx) => {
    const rows = doc.tables.reduce((n, t) => n + t.rows.length, 0);
    const cells = doc.tables.reduce((n, t) => n + t.rows.length * t.columns.length, 0);
    if (rows > REPORT_LIMITS.totalRows) ctx.addIssue({ code: 'custom', path: ['tables'], message: `${rows} rows in all; at most ${REPORT_LIMITS.totalRows}` });
    if (cells > REPORT_LIMITS.totalCells) ctx.addIssue({ code: 'custom', path: ['tables'], message: `${cells} cells in all; at most ${REPORT_LIMITS.totalCells}` });
  });

// The schema and the hand-written type must describe the same thing; this fails to compile if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof reportDocSchema>, ReportDoc> = true;
void sameShape;
