import { z } from 'zod';
import { ULID_PATTERN } from '../ids/ulid.ts';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';
import { RANGE_EVENT_TYPES, type BlankEvent } from '../blanks/ledger.ts';

/** Event types a desk may write; receiving and handing out stacks belong to the centre and supervisors. */
export const DESK_BLANK_EVENT_TYPES = ['reserved', 'print-requested', 'print-failed', 'printed', 'released', 'issued', 'redeemed', 'returned', 'lost', 'spoiled'] as const;
/** What a supervisor station records: confirming a consignment, and moving stacks between desks. */
export const SUPERVISOR_BLANK_EVENT_TYPES = ['received', 'handed-to-desk', 'taken-back', 'transferred', 'lost'] as const;
export const BLANK_EVENT_TYPES = ['allocated', 'received', 'handed-to-desk', 'taken-back', 'transferred', ...DESK_BLANK_EVENT_TYPES, 'annulled'] as const;

const blankNumber = z.string().regex(/^[A-Z]\d{7}$/, 'blank number must be a letter and 7 digits');
const optionalText = z.string().max(200);

/**
 * A blank event as stored and replicated: one flat record (RxDB and SQL want one shape), turned into
 * the ledger's typed event by toBlankEvent. Fields a type does not use are empty ('' or 0).
 */
const blankEventFields = z.object({
    id: z.string().regex(ULID_PATTERN, 'id must be a ULID'),
    hlc: z.string().min(20).max(80),
    type: z.enum(BLANK_EVENT_TYPES),
    /** Who recorded it (officer or supervisor name). */
    by: z.string().min(1).max(120),
    checkpointId: z.enum(CHECKPOINT_IDS),
    /** The desk that wrote the record ('' when the centre did). */
    authorDeskId: z.string().max(40),
    number: z.union([z.literal(''), blankNumber]),
    rangeSeries: z.string().max(1),
    rangeFrom: z.number().int().nonnegative(),
    rangeTo: z.number().int().nonnegative(),
    deskId: z.string().max(40),
    toDeskId: z.string().max(40),
    applicationId: z.string().max(40),
    reason: optionalText,
    occurredAt: z.string().datetime({ offset: true }),
  });

function checkType(d: z.infer<typeof blankEventFields>, ctx: z.RefinementCtx): void {
    const isRange = (RANGE_EVENT_TYPES as readonly string[]).includes(d.type);
    if (isRange && (d.rangeSeries === '' || d.rangeFrom < 1 || d.rangeTo < d.rangeFrom || d.rangeTo > 9_999_999)) ctx.addIssue({ code: 'custom', path: ['rangeFrom'], message: 'a valid range is required' });
    if (!isRange && d.number === '') ctx.addIssue({ code: 'custom', path: ['number'], message: 'a blank number is required' });
    if ((d.type === 'reserved' || d.type === 'issued') && d.applicationId === '') ctx.addIssue({ code: 'custom', path: ['applicationId'], message: 'an application is required' });
    if ((d.type === 'spoiled' || d.type === 'lost' || d.type === 'returned' || d.type === 'annulled') && d.reason.trim() === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a reason is required' });
    if ((d.type === 'handed-to-desk' || d.type === 'taken-back' || d.type === 'reserved' || d.type === 'released' || d.type === 'transferred') && d.deskId === '') ctx.addIssue({ code: 'custom', path: ['deskId'], message: 'a desk is required' });
    if (d.type === 'transferred' && d.toDeskId === '') ctx.addIssue({ code: 'custom', path: ['toDeskId'], message: 'a receiving desk is required' });
}

/** What a desk writes and pushes. */
export const blankEventInputSchema = blankEventFields.superRefine(checkType);
/** As stored and replicated: the centre adds when it received it; 0 until then. */
export const blankEventDocSchema = blankEventFields.extend({ receivedAt: z.number().int().nonnegative() }).superRefine(checkType);

export type BlankEventDoc = z.infer<typeof blankEventDocSchema>;
export type BlankEventInput = z.infer<typeof blankEventInputSchema>;

/** The typed ledger event of a stored record. */
export function toBlankEvent(d: BlankEventDoc): BlankEvent {
  const base = { id: d.id, hlc: d.hlc, by: d.by };
  const range = { series: d.rangeSeries, from: d.rangeFrom, to: d.rangeTo };
  switch (d.type) {
    case 'allocated':
    case 'received':
      return { ...base, type: d.type, range, checkpointId: d.checkpointId };
    case 'handed-to-desk':
    case 'taken-back':
      return { ...base, type: d.type, range, deskId: d.deskId };
    case 'transferred':
      return { ...base, type: d.type, range, fromDeskId: d.deskId, toDeskId: d.toDeskId };
    case 'reserved':
      return { ...base, type: d.type, number: d.number, deskId: d.deskId, applicationId: d.applicationId };
    case 'released':
      return { ...base, type: d.type, number: d.number, deskId: d.deskId };
    case 'issued':
      return { ...base, type: d.type, number: d.number, applicationId: d.applicationId };
    case 'print-requested':
    case 'print-failed':
    case 'printed':
    case 'redeemed':
      return { ...base, type: d.type, number: d.number };
    default:
      return { ...base, type: d.type, number: d.number, reason: d.reason };
  }
}

/** An empty record to spread a type's own fields over. */
export function blankEventDocBase(meta: Pick<BlankEventDoc, 'id' | 'hlc' | 'by' | 'checkpointId' | 'authorDeskId' | 'occurredAt'>): Omit<BlankEventDoc, 'type'> {
  return { ...meta, number: '', rangeSeries: '', rangeFrom: 0, rangeTo: 0, deskId: '', toDeskId: '', applicationId: '', reason: '', receivedAt: 0 };
}
