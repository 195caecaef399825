/**
 * The centre's import of paid C-permit applications with their addenda (seed 000 Annex 1 and 3) from
 * the registry, as JSON or CSV. Every row is checked against the same schema the desks replicate, and
 * against what the centre already holds; the caller writes all accepted rows in one transaction, so a
 * file is never half imported.
 */
import { cPermitSchema, type CPermit } from '../documents/c-permit.ts';
import { parseCsv, CsvError } from './csv-parse.ts';

export const IMPORT_MAX_ROWS = 20_000;

export type ImportCandidate = { row: number; line: number | null; value: unknown };

/** What is wrong with a row, as data: the admin page words it in the administrator's language. */
export type RowProblem =
  | { code: 'missing' | 'invalid'; field: string; detail: string }
  | { code: 'in-registry'; field: 'id' | 'applicationNumber'; value: string }
  | { code: 'twice-in-file'; field: 'id' | 'applicationNumber'; value: string; row: number };
/** Why a whole file cannot be read: nothing of it is imported. */
export type FileProblem =
  | { code: 'not-json'; detail: string }
  | { code: 'not-a-list' }
  | { code: 'too-many-rows'; rows: number; max: number }
  | { code: 'unclosed-quote' | 'empty'; line: number }
  | { code: 'unknown-columns' | 'missing-columns'; columns: string[] };

export type RejectedRow = { row: number; line: number | null; ref: string; problems: RowProblem[]; errors: string[] };
export type PermitImportCheck = { accepted: CPermit[]; rejected: RejectedRow[] };
export type ImportParse = { ok: true; candidates: ImportCandidate[] } | { ok: false; problem: FileProblem; error: string };

/** The English wording, for logs and API clients without the page. */
export function describeRowProblem(p: RowProblem): string {
  const what = p.field === 'id' ? 'id' : p.field === 'applicationNumber' ? 'application' : p.field;
  if (p.code === 'in-registry') return `${what} ${p.value} is already in the registry`;
  if (p.code === 'twice-in-file') return `${what} ${p.value} is also in row ${p.row}`;
  return `${p.field || '(row)'}: ${p.detail}`;
}

export function describeFileProblem(p: FileProblem): string {
  switch (p.code) {
    case 'not-json':
      return `not valid JSON: ${p.detail}`;
    case 'not-a-list':
      return 'expected a JSON array of permits, or {"permits": [...]}';
    case 'too-many-rows':
      return `${p.rows} rows; at most ${p.max} in one file`;
    case 'unclosed-quote':
      return `line ${p.line}: a quoted field is never closed`;
    case 'empty':
      return `line ${p.line}: the file is empty`;
    case 'unknown-columns':
      return `unknown columns: ${p.columns.join(', ')}`;
    case 'missing-columns':
      return `missing columns: ${p.columns.join(', ')}`;
  }
}

const fail = (problem: FileProblem): ImportParse => ({ ok: false, problem, error: describeFileProblem(problem) });

/** Fields written as numbers in CSV, and lists written with "|" between items (a comma is the CSV's own). */
const NUMBER_FIELDS = new Set(['permitYear', 'vehicle.loadCapacityKg', 'vehicle.seats', 'trailer.loadCapacityKg', 'goodsWeightKg']);
const LIST_FIELDS = new Set(['permitCardPlates', 'destinationCountries']);
/** Set by the centre on import; a file's value would be a lie about when the centre wrote it. */
const CENTRE_FIELDS = new Set(['updatedAt']);

/** The CSV header of a permit: dotted paths for nested fields, in the schema's order. */
export const PERMIT_CSV_COLUMNS: readonly string[] = (() => {
  const cols: string[] = [];
  for (const [key, field] of Object.entries(cPermitSchema.shape)) {
    if (CENTRE_FIELDS.has(key)) continue;
    const inner = 'unwrap' in field && typeof field.unwrap === 'function' ? (field.unwrap() as unknown) : field;
    const shape = (inner as { shape?: Record<string, unknown> }).shape;
    if (shape && !Array.isArray(shape)) for (const sub of Object.keys(shape)) cols.push(`${key}.${sub}`);
    else cols.push(key);
  }
  return cols;
})();

function ref(value: unknown): string {
  const v = value as { applicationNumber?: unknown; id?: unknown } | null;
  return typeof v?.applicationNumber === 'string' ? v.applicationNumber : typeof v?.id === 'string' ? v.id : '';
}

export function parsePermitJson(text: string): ImportParse {
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (err) {
    return fail({ code: 'not-json', detail: (err as Error).message });
  }
  const list = Array.isArray(value) ? value : (value as { permits?: unknown })?.permits;
  if (!Array.isArray(list)) return fail({ code: 'not-a-list' });
  if (list.length > IMPORT_MAX_ROWS) return fail({ code: 'too-many-rows', rows: list.length, max: IMPORT_MAX_ROWS });
  return { ok: true, candidates: list.map((v, i) => ({ row: i + 1, line: null, value: v })) };
}

export function parsePermitCsv(text: string): ImportParse {
  let table;
  try {
    table = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) return fail({ code: err.kind, line: err.line });
    throw err;
  }
  const unknown = table.header.filter((h) => !PERMIT_CSV_COLUMNS.includes(h) && h !== 'kind');
  if (unknown.length > 0) return fail({ code: 'unknown-columns', columns: unknown });
  const missing = PERMIT_CSV_COLUMNS.filter((c) => !c.startsWith('trailer.') && c !== 'blankNumber' && c !== 'kind' && !table.header.includes(c));
  if (missing.length > 0) return fail({ code: 'missing-columns', columns: missing });
  if (table.rows.length > IMPORT_MAX_ROWS) return fail({ code: 'too-many-rows', rows: table.rows.length, max: IMPORT_MAX_ROWS });
  return { ok: true, candidates: table.rows.map((r, i) => ({ row: i + 1, line: r.line, value: csvRowToObject(table.header, r.cells) })) };
}

function csvRowToObject(header: readonly string[], cells: readonly string[]): unknown {
  const out: Record<string, unknown> = { kind: 'c-permit', blankNumber: '' };
  header.forEach((col, i) => {
    const text = (cells[i] ?? '').trim();
    let value: unknown = text;
    // "12,5" as a Russian-locale Excel writes it is still a number; "abc" stays text for the schema to refuse.
    if (NUMBER_FIELDS.has(col) && text !== '' && /^-?\d+([.,]\d+)?$/.test(text)) value = Number(text.replace(',', '.'));
    if (LIST_FIELDS.has(col)) value = text === '' ? [] : text.split('|').map((s) => s.trim());
    const [top, sub] = col.split('.') as [string, string | undefined];
    if (sub === undefined) out[top] = value;
    else out[top] = { ...((out[top] as Record<string, unknown> | undefined) ?? {}), [sub]: value };
  });
  // A permit without a trailer leaves the trailer columns empty.
  const t = out.trailer as Record<string, unknown> | undefined;
  if (!t || Object.values(t).every((v) => v === '')) out.trailer = null;
  return out;
}

/** The CSV row of a permit (for templates and round-trip tests): the inverse of parsePermitCsv. */
export function permitToCsvCells(p: CPermit): string[] {
  return PERMIT_CSV_COLUMNS.map((col) => {
    const [top, sub] = col.split('.') as [keyof CPermit, string | undefined];
    const v = sub === undefined ? p[top] : (p[top] as Record<string, unknown> | null)?.[sub];
    if (Array.isArray(v)) return v.join('|');
    return v === null || v === undefined ? '' : String(v);
  });
}

/** An empty required field: absent, or blank where the schema wants at least one character. */
function isMissing(issue: { code: string; message: string; origin?: unknown; minimum?: unknown }): boolean {
  return (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) || (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1);
}

/**
 * Checks every candidate: the schema, and no application or id twice, in the file or at the centre.
 * `existing` holds what the centre has. The accepted rows get the centre's write time.
 */
export function checkPermitRows(candidates: readonly ImportCandidate[], existing: { ids: ReadonlySet<string>; applicationNumbers: ReadonlySet<string> }, nowMs: number): PermitImportCheck {
  const accepted: CPermit[] = [];
  const rejected: RejectedRow[] = [];
  const seenIds = new Map<string, number>();
  const seenApps = new Map<string, number>();
  for (const c of candidates) {
    const parsed = cPermitSchema.safeParse({ ...(c.value as object), updatedAt: nowMs });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i): RowProblem => ({ code: isMissing(i) ? 'missing' : 'invalid', field: i.path.join('.'), detail: i.message }));
      rejected.push({ row: c.row, line: c.line, ref: ref(c.value), problems, errors: problems.map(describeRowProblem) });
      continue;
    }
    const p = parsed.data;
    const problems: RowProblem[] = [];
    if (existing.ids.has(p.id)) problems.push({ code: 'in-registry', field: 'id', value: p.id });
    if (existing.applicationNumbers.has(p.applicationNumber)) problems.push({ code: 'in-registry', field: 'applicationNumber', value: p.applicationNumber });
    if (seenIds.has(p.id)) problems.push({ code: 'twice-in-file', field: 'id', value: p.id, row: seenIds.get(p.id)! });
    if (seenApps.has(p.applicationNumber)) problems.push({ code: 'twice-in-file', field: 'applicationNumber', value: p.applicationNumber, row: seenApps.get(p.applicationNumber)! });
    seenIds.set(p.id, seenIds.get(p.id) ?? c.row);
    seenApps.set(p.applicationNumber, seenApps.get(p.applicationNumber) ?? c.row);
    if (problems.length > 0) rejected.push({ row: c.row, line: c.line, ref: p.applicationNumber, problems, errors: problems.map(describeRowProblem) });
    else accepted.push(p);
  }
  return { accepted, rejected };
}
