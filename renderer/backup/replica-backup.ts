import { z } from 'zod';
import { auditEntrySchema, canonicalJson, type AuditEntry } from '../../shared/audit/audit-entry.ts';
import { alertSchema } from '../../shared/documents/alert.ts';
import { blankEventDocSchema } from '../../shared/documents/blank-event.ts';
import { cPermitSchema } from '../../shared/documents/c-permit.ts';
import { crossingSchema } from '../../shared/documents/crossing.ts';
import { feeRateTableSchema } from '../../shared/documents/fee-rates.ts';
import { journalEntrySchema } from '../../shared/documents/journal-entry.ts';
import { registryDocumentSchema } from '../../shared/documents/registry-document.ts';
import { shiftEventSchema } from '../../shared/documents/shift.ts';
import { userSchema } from '../../shared/users/user.ts';
import { withAuditChain } from '../audit/audit-log.ts';
import type { DeskCollectionName, DeskDatabase } from '../db/database.ts';

/**
 * A backup of the desk's local replica (issue 10): every collection in one JSON file, so a reinstalled or
 * replaced machine of the same desk gets back above all what the centre has not received yet. Records
 * keep their receivedAt (0: not yet at the centre), so the normal replication pushes those after an
 * import. The SHA-256 recognises a damaged file; it is not a signature (anyone can compute it again).
 */
export const BACKUP_FORMAT = 'shekara-replica-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Each collection's document schema: what an import accepts, as the desk's storage and the centre do. */
const DOC_SCHEMAS: Record<DeskCollectionName, z.ZodType<Record<string, unknown> & { id: string }>> = {
  crossings: crossingSchema,
  blankEvents: blankEventDocSchema,
  shifts: shiftEventSchema,
  journal: journalEntrySchema,
  audit: auditEntrySchema,
  permits: cPermitSchema,
  alerts: alertSchema,
  documents: registryDocumentSchema,
  feeRates: feeRateTableSchema,
  users: userSchema,
};
/** Made at the desk and pushed to the centre (receivedAt 0 until the centre has it), first; then the centre's. */
export const BACKUP_COLLECTIONS = Object.keys(DOC_SCHEMAS) as DeskCollectionName[];
const PUSHED: readonly DeskCollectionName[] = ['crossings', 'blankEvents', 'shifts', 'journal', 'audit'];

const counts = z.record(z.string(), z.number().int().nonnegative());
const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  deskId: z.string().min(1).max(40),
  checkpointId: z.string().min(1).max(40),
  appVersion: z.string().max(60).nullable(),
  exportedAt: z.string().datetime({ offset: true }),
  /** Documents per collection. */
  counts,
  /** Of those, made here and not yet received by the centre. */
  unsynced: counts,
  /** Each collection's RxDB schema version when exported. */
  schemaVersions: counts,
});
export type BackupHeader = z.infer<typeof headerSchema>;
const fileSchema = headerSchema.extend({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  collections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type ReplicaBackup = BackupHeader & { sha256: string; collections: Partial<Record<DeskCollectionName, Record<string, unknown>[]>> };

/** Why a file is refused; nothing is written then. */
export type BackupRefusal =
  | { code: 'not-json' }
  | { code: 'not-a-backup' }
  | { code: 'newer-version'; version: number }
  | { code: 'damaged' }
  | { code: 'other-desk'; deskId: string; checkpointId: string }
  | { code: 'invalid-record'; collection: string; id: string; message: string };
export type ReadBackupResult = { ok: true; backup: ReplicaBackup } | ({ ok: false } & BackupRefusal);

export type BackupDesk = { deskId: string; checkpointId: string; appVersion?: string | null };

const PAGE = 2000;

/** Every document of a collection, without RxDB's own fields, by primary key, page by page. */
async function allDocs(db: DeskDatabase, name: DeskCollectionName, pageSize: number): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const collection = db[name] as unknown as DeskDatabase['crossings'];
  let after: string | null = null;
  for (;;) {
    const selector: Record<string, unknown> = after === null ? {} : { id: { $gt: after } };
    const page = await collection.find({ selector, sort: [{ id: 'asc' }], limit: pageSize }).exec();
    for (const d of page) out.push(d.toMutableJSON() as unknown as Record<string, unknown>);
    if (page.length < pageSize) return out;
    after = page[page.length - 1]!.primary as string;
  }
}

/** The SHA-256 of everything in the file but the digest itself, over canonical JSON (key order does not matter). */
async function digestOf(body: Omit<ReplicaBackup, 'sha256'>): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(body));
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reads the whole replica (the collections this desk opened) into a backup, `pageSize` documents a query. */
export async function buildBackup(db: DeskDatabase, desk: BackupDesk, nowMs = Date.now(), opts: { pageSize?: number } = {}): Promise<ReplicaBackup> {
  const collections: ReplicaBackup['collections'] = {};
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    deskId: desk.deskId,
    checkpointId: desk.checkpointId,
    appVersion: desk.appVersion ?? null,
    exportedAt: new Date(nowMs).toISOString(),
    counts: {},
    unsynced: {},
    schemaVersions: {},
  };
  for (const name of BACKUP_COLLECTIONS) {
    if (!db.collections[name]) continue;
    const docs = await allDocs(db, name, opts.pageSize ?? PAGE);
    collections[name] = docs;
    header.counts[name] = docs.length;
    if (PUSHED.includes(name)) header.unsynced[name] = docs.filter((d) => d.receivedAt === 0).length;
    header.schemaVersions[name] = db[name].schema.version;
  }
  const body = { ...header, collections };
  return { ...header, sha256: await digestOf(body), collections };
}

/** The file's text: the header first (readable at the top of the file), then the collections. */
export function backupText(backup: ReplicaBackup): string {
  return `${JSON.stringify(backup)}\n`;
}

/** shekara-backup-<checkpoint>-<desk>-<YYYY-MM-DD>.json, the date the desk's own. */
export function backupFileName(desk: BackupDesk, now = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `shekara-backup-${desk.checkpointId}-${desk.deskId}-${day}.json`;
}

export const totalOf = (c: Record<string, number>): number => Object.values(c).reduce((a, b) => a + b, 0);

/**
 * Reads a file's text and decides whether it may be imported into this desk: a Shekara backup, of a
 * format this version knows, undamaged, of this desk at this checkpoint, every record valid. Nothing is
 * written here.
 */
export async function readBackup(text: string, desk: BackupDesk, db?: DeskDatabase): Promise<ReadBackupResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, code: 'not-json' };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BACKUP_FORMAT) return { ok: false, code: 'not-a-backup' };
  const version = (raw as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) return { ok: false, code: 'newer-version', version };
  // The marker is right but the shape is not: cut short or edited.
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'damaged' };
  const { sha256, ...body } = raw as ReplicaBackup;
  if ((await digestOf(body)) !== sha256) return { ok: false, code: 'damaged' };
  const file = parsed.data;
  if (file.deskId !== desk.deskId || file.checkpointId !== desk.checkpointId) return { ok: false, code: 'other-desk', deskId: file.deskId, checkpointId: file.checkpointId };
  const collections: ReplicaBackup['collections'] = {};
  for (const [name, docs] of Object.entries(file.collections)) {
    const schema = DOC_SCHEMAS[name as DeskCollectionName];
    // A collection this version does not have, or a record of a schema newer than this desk's, is a newer app's.
    if (!schema) return { ok: false, code: 'newer-version', version: file.formatVersion };
    const local = db?.collections[name as DeskCollectionName]?.schema.version;
    if (local !== undefined && (file.schemaVersions[name] ?? 0) > local) return { ok: false, code: 'newer-version', version: file.formatVersion };
    if (file.counts[name] !== docs.length) return { ok: false, code: 'damaged' };
    const valid: Record<string, unknown>[] = [];
    for (const doc of docs) {
      const r = schema.safeParse(doc);
      if (!r.success) return { ok: false, code: 'invalid-record', collection: name, id: String(doc.id ?? '?').slice(0, 80), message: r.error.issues[0]?.message ?? '' };
      valid.push(r.data);
    }
    collections[name as DeskCollectionName] = valid;
  }
  return { ok: true, backup: { ...file, collections } };
}

export type CollectionOutcome = { added: number; present: number };
export type ImportOutcome = {
  collections: Partial<Record<DeskCollectionName, CollectionOutcome>>;
  /** Of the added records, those made here that the centre has not received: the replication pushes them. */
  unsyncedAdded: number;
  /**
   * Audit entries of the backup left out because this desk's chain has gone on without them (adding them
   * would fork it): how many, and the last one's number and hash, so the file can be matched later.
   */
  auditLeftOut: { count: number; lastSeq: number; lastHash: string } | null;
};

/** Writes the documents missing here; a document already here (by primary key) is left as it is. */
async function addMissing(db: DeskDatabase, name: DeskCollectionName, docs: Record<string, unknown>[]): Promise<CollectionOutcome & { unsynced: number }> {
  const collection = db[name] as unknown as DeskDatabase['crossings'];
  let added = 0;
  let present = 0;
  let unsynced = 0;
  for (let i = 0; i < docs.length; i += PAGE) {
    const page = docs.slice(i, i + PAGE);
    const existing = await collection.findByIds(page.map((d) => d.id as string)).exec();
    const missing = page.filter((d) => !existing.has(d.id as string));
    present += page.length - missing.length;
    if (missing.length === 0) continue;
    const r = await collection.bulkInsert(missing as never[]);
    // Written meanwhile (a pull from the centre): there already, and left as it is.
    present += r.error.filter((e) => e.status === 409).length;
    const failed = r.error.find((e) => e.status !== 409);
    added += r.success.length;
    unsynced += r.success.filter((d) => (d as { receivedAt?: number }).receivedAt === 0).length;
    if (failed) throw new Error(`${name} ${failed.documentId}: ${failed.status} ${(failed as { writeError?: unknown }).writeError ?? ''}`);
  }
  return { added, present, unsynced };
}

/**
 * The backup's audit entries join this desk's chain only where they cannot fork it: when every entry the
 * desk holds is the backup's own at the same number (the chain is empty, or a beginning of the backup's).
 * Otherwise (typically a reinstalled desk that pulled its chain back and added a login since) the
 * backup's entries the desk lacks are left out and counted; the file keeps them.
 */
async function importAudit(db: DeskDatabase, deskId: string, entries: AuditEntry[]): Promise<{ outcome: CollectionOutcome; unsynced: number; leftOut: ImportOutcome['auditLeftOut'] }> {
  return withAuditChain(db, async () => {
    const mine = entries.filter((e) => e.deskId === deskId);
    const bySeq = new Map(mine.map((e) => [e.seq, e.id]));
    const local = (await db.audit.find({ selector: { deskId } }).exec()).map((d) => d.toJSON() as AuditEntry);
    const localIds = new Set(local.map((e) => e.id));
    const continues = local.every((e) => bySeq.get(e.seq) === e.id);
    if (continues) {
      const { unsynced, ...outcome } = await addMissing(db, 'audit', mine);
      return { outcome, unsynced, leftOut: null };
    }
    const missing = mine.filter((e) => !localIds.has(e.id)).sort((a, b) => a.seq - b.seq);
    const last = missing.at(-1);
    return {
      outcome: { added: 0, present: mine.length - missing.length },
      unsynced: 0,
      leftOut: last ? { count: missing.length, lastSeq: last.seq, lastHash: last.hash } : null,
    };
  });
}

/**
 * Imports a backup readBackup accepted: adds what is missing, leaves what is here. Importing the same file
 * again adds nothing. Not one transaction (IndexedDB has none across collections): a failure part way
 * leaves what was written, and importing the file again adds the rest.
 */
export async function importBackup(db: DeskDatabase, backup: ReplicaBackup): Promise<ImportOutcome> {
  const out: ImportOutcome = { collections: {}, unsyncedAdded: 0, auditLeftOut: null };
  for (const name of BACKUP_COLLECTIONS) {
    const docs = backup.collections[name];
    if (!docs || !db.collections[name]) continue;
    if (name === 'audit') {
      const r = await importAudit(db, backup.deskId, docs as AuditEntry[]);
      out.collections.audit = r.outcome;
      out.unsyncedAdded += r.unsynced;
      out.auditLeftOut = r.leftOut;
      continue;
    }
    const { unsynced, ...outcome } = await addMissing(db, name, docs);
    out.collections[name] = outcome;
    out.unsyncedAdded += unsynced;
  }
  return out;
}
