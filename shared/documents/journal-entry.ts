import { z } from 'zod';
import { ULID_PATTERN } from '../ids/ulid.ts';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';
import { dateField } from './common.ts';
import { DIRECTIONS } from './crossing.ts';
import { addDays, kzDate } from '../rules/local-date.ts';
import { REGISTRY_KINDS } from './registry-document.ts';
import { transitPassagePermitSchema } from './transit-passage-permit.ts';

/**
 * What an officer records about a document other than a C-permit: the marks of seed 002 p.50, goods
 * written off an export permit or let through on an exemption (seed 003 O p.3), a navigation seal
 * applied or removed (seed 001 D2 §2), a transit-passage permit sold here (seed 002 p.47-48). Each entry is a row of the checkpoint's electronic journal
 * (seed 002 p.52): append-only, pushed to the centre and pulled by every desk, because a permit marked
 * at one checkpoint is marked everywhere.
 */
export const JOURNAL_EVENTS = ['entry-mark', 'exit-mark', 'transit-sold', 'export-write-off', 'export-exemption', 'seal-applied', 'seal-removed'] as const;
export type JournalEvent = (typeof JOURNAL_EVENTS)[number];

/** The exemptions of seed 003 O p.3 (1)-(4), each shown by a document whose number is recorded. */
export const EXEMPTION_BASES = ['ct-kz', 'producer-register', 'ct-1', 'dual-use-licence', 'personal-baggage'] as const;
export type ExemptionBasis = (typeof EXEMPTION_BASES)[number];

const countryOrEmpty = z.string().regex(/^([A-Z]{2})?$/, 'country must be an ISO 3166 alpha-2 code');
const dateOrEmpty = z.union([z.literal(''), dateField]);

export const goodsLineSchema = z.object({
  hsCode: z.string().regex(/^\d{10}$/, 'the CN FEA code has 10 digits'),
  quantity: z.number().positive().max(1e12),
  unit: z.string().max(20),
});
export type GoodsLine = z.infer<typeof goodsLineSchema>;

export const journalEntryInputSchema = z.object({
  id: z.string().regex(ULID_PATTERN, 'id must be a ULID'),
  event: z.enum(JOURNAL_EVENTS),
  /** The registry document acted on; '' for an exemption, which has none. */
  documentId: z.string().max(60),
  documentKind: z.union([z.literal(''), z.enum(REGISTRY_KINDS)]),
  documentNumber: z.string().max(64),
  direction: z.enum(DIRECTIONS),
  checkpointId: z.enum(CHECKPOINT_IDS),
  deskId: z.string().min(1).max(40),
  officerName: z.string().min(1).max(120),
  occurredAt: z.string().datetime({ offset: true }),
  hlc: z.string().min(20).max(80),

  // The 14 fields of the journal (seed 002 p.52), in its order; '' or null where the event has none.
  /** 1-3: the foreign carrier, its country and where it is located. */
  carrierName: z.string().max(200),
  carrierCountry: countryOrEmpty,
  carrierAddress: z.string().max(200),
  /** 4-6: country of dispatch, country of destination, route. */
  dispatchCountry: countryOrEmpty,
  destinationCountry: countryOrEmpty,
  route: z.string().max(200),
  /** 7-8: the vehicle's model and make, its number and its trailer's. */
  vehicleMake: z.string().max(80),
  vehiclePlate: z.string().min(1).max(20),
  trailerPlate: z.string().max(20),
  /** 9-11: permit type, validity, date of issue and number (series). */
  permitType: z.string().max(60),
  permitValidTo: dateOrEmpty,
  permitIssued: z.string().max(80),
  /** 12-14, for a permit issued at the checkpoint: when received, the fee document, the carrier's signature. */
  permitReceivedOn: dateOrEmpty,
  feeDocument: z.object({ number: z.string().max(40), date: dateField, amountKzt: z.number().nonnegative() }).nullable(),
  carrierSigned: z.boolean().nullable(),

  /** An entry mark's exit deadline: at most 30 calendar days after entry (p.50). */
  exitDeadline: dateOrEmpty,
  /** Goods written off a permit or let through on an exemption, with the declaration they moved under. */
  goods: z.array(goodsLineSchema).max(50),
  declarationNumber: z.string().max(60),
  /** The exemption's basis and the numbers of the documents showing it ('' for personal baggage, which has none). */
  exemption: z.object({ basis: z.enum(EXEMPTION_BASES), documentNumber: z.string().max(60) }).nullable(),
  seal: z.object({ number: z.string().min(1).max(40), isIntact: z.boolean() }).nullable(),
  /** A transit-passage permit sold here (p.47-48): the permit itself, which other desks then verify. */
  soldPermit: transitPassagePermitSchema.nullable(),

  /** The verdict the officer acted on, by reason code (an override records the reasons it overrode). */
  reasons: z.array(z.string().max(60)).max(30),
  /**
   * Decided on data the centre had not confirmed recently (offline, or last synced longer ago than the
   * staleness limit): the centre re-checks it on arrival and raises an alert when it disagrees.
   */
  provisional: z.boolean(),
  /** When the desk last heard from the centre before deciding (epoch ms), or null if never. */
  dataSyncedAt: z.number().int().nonnegative().nullable(),
});

/** As stored and replicated: the centre adds when it received it; 0 until then. */
export const journalEntrySchema = journalEntryInputSchema.extend({ receivedAt: z.number().int().nonnegative() });
export type JournalEntryInput = z.infer<typeof journalEntryInputSchema>;
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** Data older than this is stale for a decision: the entry is provisional. */
export const STALE_AFTER_MS = 15 * 60_000;

export function isProvisional(dataSyncedAt: number | null, isOnline: boolean, nowMs: number): boolean {
  return !isOnline || dataSyncedAt === null || nowMs - dataSyncedAt > STALE_AFTER_MS;
}

const DIRECTION_OF: Partial<Record<JournalEvent, 'entry' | 'exit'>> = { 'entry-mark': 'entry', 'exit-mark': 'exit', 'seal-applied': 'entry', 'seal-removed': 'exit', 'transit-sold': 'entry' };

/**
 * What the schema alone cannot say about an entry: its fields must agree with its event. The desk checks
 * before it writes and the centre before it stores, so a row the centre would refuse never waits in a
 * desk's outbox for ever.
 */
export function journalEntryProblems(e: JournalEntryInput): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const expected = DIRECTION_OF[e.event];
  if (expected && e.direction !== expected) out.push({ path: 'direction', message: `${e.event} is an ${expected}` });
  if (e.event === 'export-exemption') {
    if (!e.exemption) out.push({ path: 'exemption', message: 'an exemption names its basis and document' });
    else if (e.exemption.basis !== 'personal-baggage' && !e.exemption.documentNumber.trim()) out.push({ path: 'exemption.documentNumber', message: 'the document showing the exemption is named (O p.3)' });
  } else if (!e.documentId) out.push({ path: 'documentId', message: `${e.event} acts on a document` });
  if ((e.event === 'export-write-off' || e.event === 'export-exemption') && e.goods.length === 0) out.push({ path: 'goods', message: 'goods lines are required' });
  if ((e.event === 'seal-applied' || e.event === 'seal-removed') && !e.seal) out.push({ path: 'seal', message: 'the seal read is required' });
  if (e.event === 'entry-mark' && (e.documentKind === 'kz-domestic-permit' || e.documentKind === 'cn-permit')) {
    const day = kzDate(Date.parse(e.occurredAt));
    if (!e.exitDeadline) out.push({ path: 'exitDeadline', message: 'an entry mark carries the exit deadline (p.50)' });
    else if (e.exitDeadline < day || e.exitDeadline > addDays(day, 30)) out.push({ path: 'exitDeadline', message: 'the exit deadline is at most 30 days after entry (p.50)' });
  }
  if (e.event === 'transit-sold') {
    const p = e.soldPermit;
    if (!p) out.push({ path: 'soldPermit', message: 'a sale carries the permit sold' });
    else {
      if (p.number !== e.documentNumber) out.push({ path: 'soldPermit.number', message: 'the permit sold is the entry’s document number' });
      if (e.documentId !== `tp-${e.documentNumber}`) out.push({ path: 'documentId', message: 'a sold permit’s id is tp-<number>' });
      if (p.checkpointId !== e.checkpointId) out.push({ path: 'soldPermit.checkpointId', message: 'a permit is sold at the checkpoint that records it' });
    }
  } else if (e.soldPermit) out.push({ path: 'soldPermit', message: 'only a sale carries a permit' });
  return out;
}
