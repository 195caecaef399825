/**
 * The central administrator's side (issue 6 item 7): a small page at /admin and its API under
 * /admin/api, behind an administrator's bearer token. Allocate blank ranges to checkpoints, import
 * permits (JSON or CSV: every row checked, all accepted rows in one transaction or none) and the registry
 * of other documents and the transit-passage fee tables (JSON, all or nothing), see alerts and stock, and
 * download the centre's reports as PDF, CSV or XLSX.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { balanceOf, foldLedger } from '../../shared/blanks/ledger.ts';
import { toBlankEvent, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import type { Alert } from '../../shared/documents/alert.ts';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import type { Crossing } from '../../shared/documents/crossing.ts';
import { feeRateTableSchema, type FeeRateTable } from '../../shared/documents/fee-rates.ts';
import { presentedDocumentSchema } from '../../shared/documents/presented-document.ts';
import { registryDocumentSchema, toRegistryDocument, type RegistryDocument } from '../../shared/documents/registry-document.ts';
import { checkPermitRows, parsePermitCsv, parsePermitJson, PERMIT_CSV_COLUMNS } from '../../shared/import/permit-import.ts';
import { CHECKPOINT_IDS } from '../../shared/reference/checkpoints.ts';
import { buildMonthlyBlankReport, buildRedeemedByCountryReport } from '../../shared/reports/centre-reports.ts';
import { reportToCsv } from '../../shared/reports/csv.ts';
import type { ReportDoc } from '../../shared/reports/report-doc.ts';
import { reportFileName } from '../../shared/reports/report-text.ts';
import { reportToXlsx } from '../../shared/reports/xlsx.ts';
import type { CollectionName } from '../../shared/sync/replication.ts';
import { renderReportPdf } from '../../printers/pdf/report-pdf.ts';
import type { Db } from '../db/db.ts';
import { listDeviceSettings } from '../devices/device-settings-routes.ts';
import { insertFeeRateTables, insertPermits, insertRegistryDocuments, takeSeq } from '../sync/store.ts';
import { allocateRange, MAX_ALLOCATION } from './allocate.ts';

export const ADMIN_API = '/admin/api';
/** An import file of 20,000 permits is about 20 MB of JSON. */
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

/** The page's own scripts and styles only; no inline script, nothing from elsewhere. */
const ADMIN_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const PAGE_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

const allocateSchema = z.object({
  checkpointId: z.enum(CHECKPOINT_IDS),
  series: z.string().regex(/^[A-Z]$/, 'series is one capital letter'),
  from: z.number().int().min(1).max(9_999_999),
  to: z.number().int().min(1).max(9_999_999),
  by: z.string().trim().min(1, 'who allocates is required').max(120),
});
const importSchema = z.object({
  format: z.enum(['json', 'csv']),
  text: z.string().min(1).max(IMPORT_BODY_LIMIT),
  /** all: nothing is written while any row is rejected. valid: the accepted rows are written, the rest reported. */
  mode: z.enum(['all', 'valid']),
  dryRun: z.boolean().default(false),
});
/** At most this many registry documents a call: a larger registry is sent in several. */
export const REGISTRY_IMPORT_MAX = 5000;
const registryImportSchema = z.object({ documents: z.array(z.unknown()).max(REGISTRY_IMPORT_MAX, `at most ${REGISTRY_IMPORT_MAX} documents a call`) });
const registryRowSchema = z.object({ id: registryDocumentSchema.shape.id, document: presentedDocumentSchema });
type RowIssue = { index: number; path: string; message: string };

/** Each row checked with the document's own schema; C-permits have their own import. Issues name the row's index and the field. */
function checkRegistryRows(rows: unknown[]): { ok: true; docs: RegistryDocument[] } | { ok: false; rows: RowIssue[] } {
  const docs: RegistryDocument[] = [];
  const problems: RowIssue[] = [];
  const seen = new Map<string, number>();
  const numbers = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = registryRowSchema.safeParse(raw);
    if (!row.success) return void problems.push(...row.error.issues.map((i) => ({ index, path: i.path.join('.'), message: i.message })));
    const { id, document } = row.data;
    if (document.kind === 'c-permit') return void problems.push({ index, path: 'document.kind', message: 'C-permits are imported through /admin/api/import/permits' });
    const earlier = seen.get(id);
    if (earlier !== undefined) return void problems.push({ index, path: 'id', message: `id ${id} is also at index ${earlier}` });
    seen.set(id, index);
    // A misspelt field would be dropped silently and its check with it (a trailer never compared).
    const extra = unknownKeys((raw as { document?: unknown }).document, document);
    if (extra.length > 0) return void problems.push(...extra.map((k) => ({ index, path: `document.${k}`, message: 'unknown field' })));
    // The lookup keys derived from the document must be usable too (a number of spaces folds to nothing).
    const stored = registryDocumentSchema.safeParse(toRegistryDocument(id, document));
    if (!stored.success) return void problems.push(...stored.error.issues.map((i) => ({ index, path: `registry.${i.path.join('.')}`, message: i.message })));
    // The desk finds a document by this key alone: two documents under one key would let it judge the wrong one.
    const sameKey = numbers.get(stored.data.number);
    if (sameKey !== undefined) return void problems.push({ index, path: 'document', message: `its number ${stored.data.number} is also at index ${sameKey}` });
    numbers.set(stored.data.number, index);
    docs.push(stored.data);
  });
  return problems.length > 0 ? { ok: false, rows: problems } : { ok: true, docs };
}

/** At most this many fee tables a call (a table a year or so is what the centre keeps). */
export const FEE_RATES_IMPORT_MAX = 100;
const feeRatesImportSchema = z.object({ tables: z.array(z.unknown()).max(FEE_RATES_IMPORT_MAX, `at most ${FEE_RATES_IMPORT_MAX} tables a call`) });

/** Keys the schema would silently drop: a misspelt field is refused, not lost. */
function unknownKeys(raw: unknown, parsed: unknown, path: (string | number)[] = []): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((r, i) => unknownKeys(r, parsed[i], [...path, i]));
  if (!raw || typeof raw !== 'object' || !parsed || typeof parsed !== 'object' || Array.isArray(raw)) return [];
  return Object.keys(raw).flatMap((k) => (Object.hasOwn(parsed, k) ? unknownKeys((raw as Record<string, unknown>)[k], (parsed as Record<string, unknown>)[k], [...path, k]) : [[...path, k].join('.')]));
}

const isCalendarDate = (d: string) => {
  const ms = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
};

/**
 * Each table checked with the shared schema and nothing more let through: no unknown field, a real
 * calendar date, one rate per ground and vehicle class (the desk takes the first it finds), one table
 * per id and per first day in the call (the desk could not tell which is in force).
 */
function checkFeeRateRows(rows: unknown[]): { ok: true; tables: FeeRateTable[] } | { ok: false; rows: RowIssue[] } {
  const tables: FeeRateTable[] = [];
  const problems: RowIssue[] = [];
  const ids = new Map<string, number>();
  const days = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = feeRateTableSchema.safeParse(raw);
    if (!row.success) return void problems.push(...row.error.issues.map((i) => ({ index, path: i.path.join('.'), message: i.message })));
    const table = row.data;
    const mine: RowIssue[] = unknownKeys(raw, table).map((path) => ({ index, path, message: 'unknown field' }));
    if (!isCalendarDate(table.validFrom)) mine.push({ index, path: 'validFrom', message: `${table.validFrom} is not a calendar date` });
    table.rates.forEach((r, k) => {
      const first = table.rates.findIndex((x) => x.ground === r.ground && x.vehicleClass === r.vehicleClass);
      if (first !== k) mine.push({ index, path: `rates.${k}`, message: `${r.ground} / ${r.vehicleClass} is also at rates.${first}` });
    });
    const earlierId = ids.get(table.id);
    if (earlierId !== undefined) mine.push({ index, path: 'id', message: `id ${table.id} is also at index ${earlierId}` });
    const earlierDay = days.get(table.validFrom);
    if (earlierDay !== undefined) mine.push({ index, path: 'validFrom', message: `the table at index ${earlierDay} also takes effect on ${table.validFrom}` });
    ids.set(table.id, index);
    days.set(table.validFrom, index);
    if (mine.length > 0) return void problems.push(...mine);
    tables.push(table);
  });
  return problems.length > 0 ? { ok: false, rows: problems } : { ok: true, tables };
}

const reportQuerySchema = z.object({
  format: z.enum(['pdf', 'csv', 'xlsx']).default('pdf'),
  lang: z.enum(['kk', 'ru']).default('kk'),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
});

export type AdminRoutesOptions = { db: Db; notify: (collection: CollectionName) => Promise<void>; pageDir: string | null };

function issues(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

function generatedAt(): string {
  const local = new Date(Date.now() + 5 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} (UTC+5) · Shekara · centre`;
}

export function registerAdminRoutes(app: FastifyInstance, { db, notify, pageDir }: AdminRoutesOptions): void {
  /** Only an administrator's token passes (checked before the handler: server/http/access.ts). */
  const admin = { config: { access: 'admin' as const } };
  /** The page's files are public: it asks for the token itself and sends it only to the API. */
  const page = { config: { access: 'public' as const } };

  app.get('/admin', page, async (_req, reply) => reply.redirect('/admin/'));
  app.get<{ Params: { '*': string } }>('/admin/*', page, async (req, reply) => {
    const wanted = req.params['*'] || 'index.html';
    if (wanted.startsWith('api/')) return reply.code(404).send({ error: 'not-found' });
    if (!pageDir) return reply.code(404).type('text/plain; charset=utf-8').send('the admin page is not built: npx tsx build/bundle.ts');
    const root = resolve(pageDir);
    const file = resolve(root, wanted);
    const type = PAGE_TYPES[extname(file)];
    if (!file.startsWith(root + sep) || !type) return reply.code(404).send({ error: 'not-found' });
    try {
      const body = await readFile(file);
      return reply.type(type).header('content-security-policy', ADMIN_CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('cache-control', 'no-cache').send(body);
    } catch {
      return reply.code(404).send({ error: 'not-found' });
    }
  });

  app.get(`${ADMIN_API}/overview`, admin, async (req, reply) => {
    const rows = await db.query<{ doc: BlankEventDoc }>('SELECT doc FROM blank_events');
    const ledger = foldLedger(rows.map((r) => toBlankEvent(r.doc)));
    const checkpoints = CHECKPOINT_IDS.map((id) => {
      const mine = { blanks: new Map([...ledger.blanks].filter(([, b]) => b.checkpointId === id)), anomalies: [] };
      return { checkpointId: id, balance: balanceOf(mine) };
    });
    const [counts] = await db.query<{ permits: number; crossings: number }>('SELECT (SELECT count(*)::int FROM permits) AS permits, (SELECT count(*)::int FROM crossings) AS crossings');
    return { checkpoints, anomalies: ledger.anomalies.slice(0, 200), anomalyCount: ledger.anomalies.length, ...counts };
  });

  app.get(`${ADMIN_API}/device-settings`, admin, async (req, reply) => {
    return { desks: await listDeviceSettings(db) };
  });

  app.get(`${ADMIN_API}/alerts`, admin, async (req, reply) => {
    const rows = await db.query<{ doc: Alert }>('SELECT doc FROM alerts ORDER BY seq DESC LIMIT 200');
    return { alerts: rows.map((r) => r.doc) };
  });

  app.post(`${ADMIN_API}/allocate`, admin, async (req, reply) => {
    const body = allocateSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad-request', issues: issues(body.error) });
    const { checkpointId, series, from, to, by } = body.data;
    const result = await allocateRange(db, { checkpointId, range: { series, from, to }, by });
    if (!result.ok) return reply.code(409).send({ error: result.refusal.code, refusal: result.refusal, max: MAX_ALLOCATION });
    await notify('blankEvents');
    return { ok: true, event: result.event };
  });

  app.get(`${ADMIN_API}/import/template.csv`, admin, async (req, reply) => {
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="permits-template.csv"').send(`\uFEFF${PERMIT_CSV_COLUMNS.join(',')}\r\n`);
  });

  app.post(`${ADMIN_API}/import/permits`, { ...admin, bodyLimit: IMPORT_BODY_LIMIT }, async (req, reply) => {
    const body = importSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad-request', issues: issues(body.error) });
    const { format, text, mode, dryRun } = body.data;
    const parsed = format === 'json' ? parsePermitJson(text) : parsePermitCsv(text);
    if (!parsed.ok) return reply.code(400).send({ error: 'unreadable-file', problem: parsed.problem, issues: [parsed.error] });
    const outcome = await db.transaction(async (tx) => {
      // Serialised with other imports, so two files with the same application cannot both pass the check.
      await tx.query('SELECT pg_advisory_xact_lock(74657)');
      const ids = parsed.candidates.map((c) => String((c.value as { id?: unknown } | null)?.id ?? ''));
      const apps = parsed.candidates.map((c) => String((c.value as { applicationNumber?: unknown } | null)?.applicationNumber ?? ''));
      const held = await tx.query<{ id: string; app: string }>(`SELECT id, doc->>'applicationNumber' AS app FROM permits WHERE id = ANY($1::text[]) OR doc->>'applicationNumber' = ANY($2::text[])`, [ids, apps]);
      const check = checkPermitRows(parsed.candidates, { ids: new Set(held.map((h) => h.id)), applicationNumbers: new Set(held.map((h) => h.app)) }, Date.now());
      const write = !dryRun && (mode === 'valid' || check.rejected.length === 0);
      if (write) await insertPermits(tx, check.accepted);
      return { total: parsed.candidates.length, accepted: check.accepted.length, rejected: check.rejected, written: write ? check.accepted.length : 0 };
    });
    if (outcome.written > 0) await notify('permits');
    return outcome;
  });

  // The registry of other documents (domestic and China permits, export permits, licences, escorts…): a
  // re-imported document replaces the stored one, and desks pull it again when it changed.
  app.post(`${ADMIN_API}/documents`, { ...admin, bodyLimit: IMPORT_BODY_LIMIT }, async (req, reply) => {
    const body = registryImportSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad-request', issues: issues(body.error) });
    const checked = checkRegistryRows(body.data.documents);
    if (!checked.ok) return reply.code(400).send({ error: 'invalid-documents', issues: checked.rows.map((r) => `documents.${r.index}${r.path ? `.${r.path}` : ''}: ${r.message}`), rows: checked.rows });
    const taken = await db.query<{ id: string; number: string }>(`SELECT id, doc->>'number' AS number FROM documents WHERE doc->>'number' = ANY($1::text[])`, [checked.docs.map((d) => d.number)]);
    const clashes = checked.docs.flatMap((d, index) => taken.filter((t) => t.number === d.number && t.id !== d.id).map((t) => ({ index, path: 'document', message: `its number ${d.number} is already document ${t.id}` })));
    if (clashes.length > 0) return reply.code(400).send({ error: 'invalid-documents', issues: clashes.map((r) => `documents.${r.index}: ${r.message}`), rows: clashes });
    const changed = await db.transaction((tx) => insertRegistryDocuments(tx, checked.docs));
    if (changed > 0) await notify('documents');
    return { stored: checked.docs.length, changed };
  });

  // The transit-passage fee tables (Tax Code rates the Rules do not give): a re-imported table replaces
  // the stored one of its id, and desks pull it again when it changed.
  app.get(`${ADMIN_API}/fee-rates`, admin, async (req, reply) => {
    const rows = await db.query<{ doc: FeeRateTable }>(`SELECT doc FROM fee_rates ORDER BY doc->>'validFrom' DESC, id`);
    return { tables: rows.map((r) => r.doc) };
  });

  app.post(`${ADMIN_API}/fee-rates`, admin, async (req, reply) => {
    const body = feeRatesImportSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad-request', issues: issues(body.error) });
    const checked = checkFeeRateRows(body.data.tables);
    const refuse = (rows: RowIssue[]) => reply.code(400).send({ error: 'invalid-fee-rates', issues: rows.map((r) => `tables.${r.index}${r.path ? `.${r.path}` : ''}: ${r.message}`), rows });
    if (!checked.ok) return refuse(checked.rows);
    const { tables } = checked;
    const outcome = await db.transaction(async (tx): Promise<{ ok: true; changed: number } | { ok: false; rows: RowIssue[] }> => {
      // Serialised with other imports of fee tables (the same lock the upsert takes).
      await takeSeq(tx, 'feeRates', 0);
      // A stored table of another id taking effect the same day would leave the desks two tables in force.
      const clash = await tx.query<{ id: string; day: string }>(`SELECT id, doc->>'validFrom' AS day FROM fee_rates WHERE doc->>'validFrom' = ANY($1::text[]) AND NOT (id = ANY($2::text[]))`, [tables.map((t) => t.validFrom), tables.map((t) => t.id)]);
      if (clash.length > 0) return { ok: false, rows: clash.map((c) => ({ index: tables.findIndex((t) => t.validFrom === c.day), path: 'validFrom', message: `stored table ${c.id} already takes effect on ${c.day}` })) };
      return { ok: true, changed: await insertFeeRateTables(tx, tables) };
    });
    if (!outcome.ok) return refuse(outcome.rows);
    if (outcome.changed > 0) await notify('feeRates');
    return { stored: tables.length, changed: outcome.changed };
  });

  app.get<{ Params: { kind: string } }>(`${ADMIN_API}/reports/:kind`, admin, async (req, reply) => {
    const q = reportQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'bad-request', issues: issues(q.error) });
    let doc: ReportDoc;
    if (req.params.kind === 'permits-redeemed-by-country') {
      const { from, to } = q.data;
      if (!from || !to || from > to) return reply.code(400).send({ error: 'bad-request', issues: ['from and to (YYYY-MM-DD, from ≤ to) are required'] });
      // A day's margin either side: the report itself decides by Kazakhstan's date.
      const crossings = (await db.query<{ doc: Crossing }>(`SELECT doc FROM crossings WHERE (doc->>'occurredAt')::timestamptz BETWEEN ($1::date - 1) AND ($2::date + 2)`, [from, to])).map((r) => r.doc);
      const permits = (await db.query<{ doc: CPermit }>('SELECT doc FROM permits WHERE id = ANY($1::text[])', [[...new Set(crossings.map((c) => c.permitId))]])).map((r) => r.doc);
      doc = buildRedeemedByCountryReport({ permits, crossings, from, to, generatedAt: new Date().toISOString() });
    } else if (req.params.kind === 'monthly-blank-report') {
      if (!q.data.month) return reply.code(400).send({ error: 'bad-request', issues: ['month (YYYY-MM) is required'] });
      const events = (await db.query<{ doc: BlankEventDoc }>('SELECT doc FROM blank_events')).map((r) => toBlankEvent(r.doc));
      doc = buildMonthlyBlankReport({ events, month: q.data.month, generatedAt: new Date().toISOString() });
    } else {
      return reply.code(404).send({ error: 'unknown-report', message: 'permits-redeemed-by-country or monthly-blank-report' });
    }
    // Every page's footer says when, in Kazakhstan's time, and by whom: the same line as the desk's reports.
    doc = { ...doc, generatedAt: generatedAt() };
    const { format, lang } = q.data;
    const name = reportFileName(doc, format).replace(/\.(csv|xlsx)$/, `-${lang}.$1`);
    reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
    if (format === 'pdf') return reply.type('application/pdf').send(Buffer.from(await renderReportPdf(doc)));
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(reportToCsv(doc, lang));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(reportToXlsx(doc, lang)));
  });
}
