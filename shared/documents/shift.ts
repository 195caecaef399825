import { z } from 'zod';
import { ULID_PATTERN } from '../ids/ulid.ts';
import { CHECKPOINT_IDS } from '../reference/checkpoints.ts';

const blankNumber = z.string().regex(/^[A-Z]\d{7}$/, 'blank number must be a letter and 7 digits');

/** A run of blank numbers as counted on the desk: a stack from its top blank to its last. */
export const countedRangeSchema = z
  .object({ series: z.string().regex(/^[A-Z]$/), from: z.number().int().min(1).max(9_999_999), to: z.number().int().min(1).max(9_999_999) })
  .refine((r) => r.to >= r.from && r.to - r.from < 10_000, { message: 'a counted stack runs from its top blank to its last, at most 10,000 blanks' });
export type CountedRange = z.infer<typeof countedRangeSchema>;

export const DIFFERENCE_KINDS = ['missing', 'unexpected', 'open-reservation'] as const;

/** A difference found at close, with the supervisor's explanation (required: nothing closes unexplained). */
export const explainedDifferenceSchema = z.object({
  number: blankNumber,
  kind: z.enum(DIFFERENCE_KINDS),
  /** What the ledger says of the blank ('at-desk', 'issued'…), or '' when it knows nothing of it. */
  state: z.string().max(20),
  reason: z.string().trim().min(1, 'every difference needs a reason').max(200),
});
export type ExplainedDifference = z.infer<typeof explainedDifferenceSchema>;

/**
 * What a close may go ahead despite: each is a refusal unless the supervisor overrides with a reason.
 * `desk-shifts-open` only stops the checkpoint's close (the supervisor station's store count).
 */
export const OVERRIDABLE = ['open-issuance', 'unsynced', 'desk-shifts-open'] as const;
export type Overridable = (typeof OVERRIDABLE)[number];

/**
 * A desk's shift opening or closing (ARCHITECTURE "Data and sync": made at the kiosk, append-only,
 * pushed). One flat record for both, like blank events; fields a type does not use are empty.
 * The opening carries the counted closing balance of the shift before (issue 6: the next shift opens
 * with it); the closing carries the physical count, every difference with its reason, and any override.
 */
const shiftEventFields = z.object({
    id: z.string().regex(ULID_PATTERN, 'id must be a ULID'),
    hlc: z.string().min(20).max(80),
    type: z.enum(['opened', 'closed']),
    /** The opening's id; an opening names itself. */
    shiftId: z.string().regex(ULID_PATTERN),
    checkpointId: z.enum(CHECKPOINT_IDS),
    /** Whose shift: the desk, or for the checkpoint's shift (its store) the supervisor station. */
    deskId: z.string().min(1).max(40),
    /** The device that wrote the record. */
    authorDeskId: z.string().min(1).max(40),
    /** Who recorded it: the officer at the opening, the supervisor at the close. */
    by: z.string().trim().min(1).max(120),
    /** The officer whose shift it is. */
    officerName: z.string().trim().min(1).max(120),
    occurredAt: z.string().datetime({ offset: true }),
    /** Opening: unused blanks counted at the last close of this desk ('' and 0 for a desk's first shift). */
    openingFromShiftId: z.string().max(26),
    openingUnused: z.number().int().nonnegative(),
    /** Closing: the stacks counted (top blank to last) and the spoiled blanks kept for the record. */
    countedUnused: z.array(countedRangeSchema).max(200),
    countedSpoiled: z.array(blankNumber).max(2000),
    countedUnusedTotal: z.number().int().nonnegative(),
    differences: z.array(explainedDifferenceSchema).max(2000),
    overrides: z.array(z.enum(OVERRIDABLE)).max(3),
    overrideReason: z.string().max(200),
    /** Records waiting for the centre at the moment of closing (the close itself is not counted). */
    unsyncedAtClose: z.number().int().nonnegative(),
  });

function checkShift(d: z.infer<typeof shiftEventFields>, ctx: z.RefinementCtx): void {
  if (d.type === 'opened' && d.shiftId !== d.id) ctx.addIssue({ code: 'custom', path: ['shiftId'], message: 'an opening is its own shift' });
  if (d.type === 'opened' && (d.countedUnused.length > 0 || d.differences.length > 0 || d.overrides.length > 0)) ctx.addIssue({ code: 'custom', path: ['type'], message: 'an opening carries no count' });
  if (d.overrides.length > 0 && d.overrideReason.trim() === '') ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: 'an override needs a reason' });
  const total = d.countedUnused.reduce((n, r) => n + r.to - r.from + 1, 0);
  if (d.type === 'closed' && total !== d.countedUnusedTotal) ctx.addIssue({ code: 'custom', path: ['countedUnusedTotal'], message: 'the total must be the sum of the counted stacks' });
}

/** What a desk writes and pushes. */
export const shiftEventInputSchema = shiftEventFields.superRefine(checkShift);
/** As stored and replicated: the centre adds when it received it; 0 until then. */
export const shiftEventSchema = shiftEventFields.extend({ receivedAt: z.number().int().nonnegative() }).superRefine(checkShift);

export type ShiftEventInput = z.infer<typeof shiftEventInputSchema>;
export type ShiftEvent = z.infer<typeof shiftEventSchema>;

/** The fields an opening leaves empty, and a closing before its count is filled in. */
export function emptyShiftFields(): Pick<ShiftEventInput, 'openingFromShiftId' | 'openingUnused' | 'countedUnused' | 'countedSpoiled' | 'countedUnusedTotal' | 'differences' | 'overrides' | 'overrideReason' | 'unsyncedAtClose'> {
  return { openingFromShiftId: '', openingUnused: 0, countedUnused: [], countedSpoiled: [], countedUnusedTotal: 0, differences: [], overrides: [], overrideReason: '', unsyncedAtClose: 0 };
}
