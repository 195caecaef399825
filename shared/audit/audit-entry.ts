import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { ULID_PATTERN } from '../ids/ulid.ts';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

/**
 * The audit log (issue 9 point 3): what happened at a desk, one entry per act, each entry carrying the
 * hash of the one before it. A desk's entries form one chain, numbered 1, 2, 3… with no gap; an entry
 * altered, dropped or slipped in afterwards breaks the chain, and the centre, which receives every
 * desk's chain, says where (audit-chain.ts).
 */
export const AUDIT_KINDS = [
  'issuance',
  'spoil',
  'crossing',
  'override',
  'journal',
  'login',
  'login-failed',
  'locked-out',
  'logout',
  'screen-locked',
  'shift-opened',
  'shift-closed',
  'config-change',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The prevHash of a desk's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_DETAILS_MAX_KEYS = 16;

/**
 * Text the centre's PostgreSQL stores exactly as the desk hashed it: jsonb refuses U+0000 and a lone
 * surrogate, and a push it refuses would wait in the desk's outbox for ever.
 */
const storableText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s), 'text must be well-formed Unicode without NUL');

/** A few named values about the act (the blank's reason, the direction…): small, flat, bounded. */
export const auditDetailsSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'a detail is named by a short identifier'), z.union([storableText(200), z.number().finite()]))
  .refine((d) => Object.keys(d).length <= AUDIT_DETAILS_MAX_KEYS, `at most ${AUDIT_DETAILS_MAX_KEYS} details`);
export type AuditDetails = z.infer<typeof auditDetailsSchema>;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha-256 in lower-case hex');

/** What the desk writes and pushes. `hash` covers every other field (auditEntryHash). */
export const auditEntryInputSchema = z.object({
  id: z.string().regex(ULID_PATTERN, 'id must be a ULID'),
  deskId: z.string().min(1).max(40),
  checkpointId: z.enum(CHECKPOINT_IDS),
  /** 1, 2, 3… per desk, without gaps. */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** The desk's wall-clock time, ISO 8601 (named as on every other record the desk makes). */
  occurredAt: z.string().datetime({ offset: true }),
  hlc: z.string().min(20).max(80),
  kind: z.enum(AUDIT_KINDS),
  /** Who acted, or null when nobody is signed in (a failed login names the user tried in `subject`). */
  userId: storableText(60).nullable(),
  /** What it acted on: a blank number, a permit number, a journal entry, a setting. */
  subject: storableText(80),
  details: auditDetailsSchema,
  prevHash: hex64,
  hash: hex64,
});

/** As stored and replicated: the centre adds when it received it; 0 until then. Not hashed. */
export const auditEntrySchema = auditEntryInputSchema.extend({ receivedAt: z.number().int().nonnegative() });

export type AuditEntryInput = z.infer<typeof auditEntryInputSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The fields the hash covers: every field the desk writes but the hash itself, named here so a field the centre or RxDB adds (receivedAt, _deleted, _meta) never enters it. */
export const AUDIT_HASHED_FIELDS = ['id', 'deskId', 'checkpointId', 'seq', 'occurredAt', 'hlc', 'kind', 'userId', 'subject', 'details', 'prevHash'] as const satisfies readonly Exclude<keyof AuditEntryInput, 'hash'>[];

/**
 * JSON with object keys sorted at every level and no whitespace, so the same value gives the same text in
 * the browser, in Node and after a round trip through PostgreSQL's jsonb (which reorders keys).
 * Refuses what JSON cannot carry faithfully (undefined, NaN, functions), rather than hashing a guess.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  throw new Error(`canonicalJson: cannot serialise a ${typeof value}`);
}

/** The hash an entry must carry: sha-256 of the canonical JSON of its hashed fields, lower-case hex. */
export function auditEntryHash(entry: Pick<AuditEntryInput, (typeof AUDIT_HASHED_FIELDS)[number]>): string {
  const fields = Object.fromEntries(AUDIT_HASHED_FIELDS.map((k) => [k, entry[k]]));
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(fields))));
}
