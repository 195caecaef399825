import { map, type Observable } from 'rxjs';
import { toBlankEvent, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import type { BlankEvent } from '../../shared/blanks/ledger.ts';
import { emptyShiftFields, shiftEventSchema, type CountedRange, type ShiftEvent } from '../../shared/documents/shift.ts';
import type { JournalEntry } from '../../shared/documents/journal-entry.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import type { ReportDoc } from '../../shared/reports/report-doc.ts';
import { checkClose, countedTotal, deskShifts, draftClose, type CloseDraft, type CloseRefusal, type DeskShifts } from '../../shared/shifts/shift-close.ts';
import { buildShiftReport, formatKzTime, isWrittenOffAtClose } from '../../shared/shifts/shift-report.ts';
import { buildStoreShiftReport, draftStoreClose, openDeskShifts } from '../../shared/shifts/store-close.ts';
import type { DeskDatabase } from '../db/database.ts';
import { readLedgerWithLatest, recordBlankEvent } from '../issue/desk-ledger.ts';
import { nextStamp } from '../sync/desk-clock.ts';
import { clip, recordAuditQuietly } from '../audit/audit-log.ts';

/** `scope: 'checkpoint'` at the supervisor station: its shift is the checkpoint's, and it counts the store. `userId`: who is signed in, for the audit log. */
export type ShiftContext = { db: DeskDatabase; checkpointId: CheckpointId; deskId: string; scope?: 'desk' | 'checkpoint'; userId?: string | null };

export class ShiftRefused extends Error {
  constructor(readonly refusal: CloseRefusal | { code: 'already-open' } | { code: 'not-open' }) {
    super(refusal.code);
  }
}

/** This desk's open shift and last close, live from the replica (a close made elsewhere arrives by sync). */
export function deskShifts$(db: DeskDatabase, deskId: string): Observable<DeskShifts> {
  return db.shifts.find().$.pipe(map((docs) => deskShifts(docs.map((d) => d.toJSON() as ShiftEvent), deskId)));
}

async function allBlankEvents(db: DeskDatabase): Promise<BlankEvent[]> {
  return (await db.blankEvents.find().exec()).map((d) => toBlankEvent(d.toJSON() as BlankEventDoc));
}

async function allShifts(db: DeskDatabase): Promise<ShiftEvent[]> {
  return (await db.shifts.find().exec()).map((d) => d.toJSON() as ShiftEvent);
}

async function current(ctx: ShiftContext): Promise<DeskShifts> {
  return deskShifts(await allShifts(ctx.db), ctx.deskId);
}

/** The reconciliation of a desk's stacks, or at the station of the checkpoint's store. */
async function draft(ctx: ShiftContext, open: ShiftEvent, closeHlc: string, input: CloseInput): Promise<CloseDraft> {
  const events = await allBlankEvents(ctx.db);
  if (ctx.scope !== 'checkpoint') return draftClose({ events, deskId: ctx.deskId, opened: open, closeHlc, ...input });
  const openDesks = openDeskShifts(await allShifts(ctx.db), ctx.checkpointId, ctx.deskId);
  return draftStoreClose({ events, checkpointId: ctx.checkpointId, closeHlc, counted: input.counted, unsynced: input.unsynced, openDesks });
}

async function store(ctx: ShiftContext, doc: ShiftEvent): Promise<ShiftEvent> {
  const parsed = shiftEventSchema.parse(doc);
  await ctx.db.shifts.insert(parsed);
  return parsed;
}

/** Opens the desk's shift with the counted closing balance of the last one (issue 6 item 4). */
export async function openShift(ctx: ShiftContext, officerName: string): Promise<ShiftEvent> {
  const { open, lastClosed } = await current(ctx);
  if (open) throw new ShiftRefused({ code: 'already-open' });
  const nowMs = Date.now();
  const { latestHlc } = await readLedgerWithLatest(ctx.db);
  const id = ulid(nowMs);
  const name = officerName.trim();
  const opened = await store(ctx, {
    ...emptyShiftFields(),
    id,
    shiftId: id,
    hlc: nextStamp(ctx.deskId, nowMs, [latestHlc, lastClosed?.hlc].filter((s): s is string => !!s).sort().at(-1) ?? null),
    type: 'opened',
    checkpointId: ctx.checkpointId,
    deskId: ctx.deskId,
    authorDeskId: ctx.deskId,
    by: name,
    officerName: name,
    occurredAt: new Date(nowMs).toISOString(),
    openingFromShiftId: lastClosed?.shiftId ?? '',
    // A desk's first shift starts from nothing: what it received before counts as received in its report,
    // which does not depend on whether the desk had pulled its stock when the shift was opened.
    openingUnused: lastClosed?.countedUnusedTotal ?? 0,
    receivedAt: 0,
  });
  await recordAuditQuietly(ctx.db, { deskId: ctx.deskId, checkpointId: ctx.checkpointId }, { kind: 'shift-opened', userId: ctx.userId ?? null, subject: opened.shiftId, details: { officer: clip(name, 200), openingUnused: opened.openingUnused } }, nowMs);
  return opened;
}

export type CloseInput = { counted: readonly CountedRange[]; countedSpoiled: readonly string[]; unsynced: number };

/** The reconciliation as of now, for the supervisor to see before closing: nothing is written. */
export async function previewClose(ctx: ShiftContext, input: CloseInput): Promise<CloseDraft & { opened: ShiftEvent }> {
  const { open } = await current(ctx);
  if (!open) throw new ShiftRefused({ code: 'not-open' });
  const { latestHlc } = await readLedgerWithLatest(ctx.db);
  // As of the newest event the desk holds: everything up to now belongs to this shift.
  const until = [latestHlc, open.hlc].filter((s): s is string => !!s).sort().at(-1)!;
  return { ...(await draft(ctx, open, `${until}~`, input)), opened: open };
}

/**
 * Records the close: refused unless every difference has a reason and every blocker (an issuance
 * mid-way, records not yet at the centre) is overridden with one. The reconciliation is made again at
 * the moment of writing, so an event that arrived since the preview is not missed.
 */
export async function closeShift(ctx: ShiftContext, input: CloseInput & { supervisor: string; reasons: ReadonlyMap<string, string>; override: { reason: string } | null }): Promise<{ closed: ShiftEvent; report: ReportDoc }> {
  const { open, lastClosed } = await current(ctx);
  if (!open) throw new ShiftRefused({ code: 'not-open' });
  const { latestHlc } = await readLedgerWithLatest(ctx.db);
  const asOf = [latestHlc, open.hlc].filter((s): s is string => !!s).sort().at(-1)!;
  const checked = checkClose(await draft(ctx, open, `${asOf}~`, input), input.reasons, input.override);
  if (!checked.ok) throw new ShiftRefused(checked.refusal);
  // A blank the desk should hold and nobody found is written off as lost, with the supervisor's reason,
  // before the close: the ledger then agrees with the count, the next shift does not find it missing
  // again, and the centre sees the loss. Interrupted here, the shift stays open and the next attempt
  // finds nothing missing for the blanks already written off: nothing twice.
  for (const d of checked.differences.filter(isWrittenOffAtClose)) {
    await recordBlankEvent({ db: ctx.db, checkpointId: ctx.checkpointId, deskId: ctx.deskId, by: input.supervisor }, { type: 'lost', number: d.number, reason: `Ауысымды жабу кезінде табылмады / Не найден при закрытии смены: ${d.reason}`.slice(0, 200) });
  }
  const nowMs = Date.now();
  const after = (await readLedgerWithLatest(ctx.db)).latestHlc;
  const hlc = nextStamp(ctx.deskId, nowMs, [after, open.hlc].filter((s): s is string => !!s).sort().at(-1) ?? null);
  const closed = await store(ctx, {
    ...emptyShiftFields(),
    id: ulid(nowMs),
    shiftId: open.id,
    hlc,
    type: 'closed',
    checkpointId: ctx.checkpointId,
    deskId: ctx.deskId,
    authorDeskId: ctx.deskId,
    by: input.supervisor.trim(),
    officerName: open.officerName,
    occurredAt: new Date(nowMs).toISOString(),
    countedUnused: [...input.counted],
    countedSpoiled: [...input.countedSpoiled],
    countedUnusedTotal: countedTotal(input.counted),
    differences: checked.differences,
    overrides: checked.overrides,
    overrideReason: checked.overrides.length > 0 ? input.override!.reason.trim() : '',
    unsyncedAtClose: input.unsynced,
    receivedAt: 0,
  });
  await recordAuditQuietly(ctx.db, { deskId: ctx.deskId, checkpointId: ctx.checkpointId }, {
    kind: 'shift-closed',
    userId: ctx.userId ?? null,
    subject: closed.shiftId,
    details: { shiftEventId: closed.id, officer: clip(closed.officerName, 200), supervisor: clip(closed.by, 200), countedUnused: closed.countedUnusedTotal, differences: closed.differences.length },
  }, nowMs);
  // A close that went ahead despite a blocker is an override in the desk's audit log.
  if (closed.overrides.length > 0) {
    await recordAuditQuietly(ctx.db, { deskId: ctx.deskId, checkpointId: ctx.checkpointId }, {
      kind: 'override',
      userId: ctx.userId ?? null,
      subject: closed.shiftId,
      details: { shiftEventId: closed.id, overridden: closed.overrides.join(' '), reason: clip(closed.overrideReason, 200), supervisor: clip(closed.by, 200) },
    }, nowMs);
  }
  return { closed, report: await shiftReport(ctx, open, closed, lastClosed) };
}

/** The report of a closed shift, from the records alone: it can be printed again at any time. */
export async function shiftReport(ctx: ShiftContext, opened: ShiftEvent, closed: ShiftEvent, previousClose?: ShiftEvent | null): Promise<ReportDoc> {
  const crossings = (await ctx.db.crossings.find({ selector: { deskId: ctx.deskId, occurredAt: { $gte: opened.occurredAt, $lte: closed.occurredAt } } }).exec()).length;
  const previous = previousClose !== undefined ? previousClose : ((await ctx.db.shifts.find({ selector: { type: 'closed', shiftId: opened.openingFromShiftId } }).exec())[0]?.toJSON() as ShiftEvent | undefined) ?? null;
  if (ctx.scope === 'checkpoint') {
    return buildStoreShiftReport({ opened, closed, previousClose: previous, events: await allBlankEvents(ctx.db), shifts: await allShifts(ctx.db), generatedAt: `${formatKzTime(new Date().toISOString())} (UTC+5) · Shekara · ${ctx.deskId}` });
  }
  // The desk's journal entries of the shift; a test desk opened without a journal has none.
  const journal = ctx.db.collections.journal ? (await ctx.db.journal.find({ selector: { deskId: ctx.deskId, occurredAt: { $gte: opened.occurredAt, $lte: closed.occurredAt } } }).exec()).map((d) => d.toJSON() as JournalEntry) : [];
  return buildShiftReport({ opened, closed, previousClose: previous, events: await allBlankEvents(ctx.db), crossings, journal, generatedAt: `${formatKzTime(new Date().toISOString())} (UTC+5) · Shekara · ${ctx.deskId}` });
}
