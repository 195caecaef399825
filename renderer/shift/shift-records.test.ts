import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportDoc } from '../../shared/reports/report-doc.ts';
import { deskTestStock } from '../db/desk-stock.test-support.ts';
import { openDeskDatabase, type DeskDatabase } from '../db/database.ts';
import { readLedger, recordBlankEvent } from '../issue/desk-ledger.ts';
import { confirmHandover, markPrinted, reserveBlank } from '../issue/issuance.ts';
import { closeShift, openShift, previewClose, ShiftRefused, type ShiftContext } from './shift-records.ts';

let db: DeskDatabase | null = null;
afterEach(async () => {
  await db?.remove();
  db = null;
});


async function desk(): Promise<ShiftContext> {
  db = await openDeskDatabase(`shift-${Math.random()}`);
  await db.blankEvents.bulkInsert(deskTestStock());
  return { db, checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' };
}

const range = (from: number, to: number) => ({ series: 'C', from, to });
/** The movements table as label (Russian half) → figure. */
const movements = (report: ReportDoc) => Object.fromEntries(report.tables[0]!.rows.map((r) => [String(r[0]).split(' / ')[1], r[1]]));

describe('shift records at the desk', () => {
  it('a first shift opens from 0 and counts all the desk received; a missing blank is explained, written off as lost, and the next shift opens with the count', async () => {
    const ctx = await desk();
    const first = await openShift(ctx, 'Серікұлы А.');
    expect(first).toMatchObject({ openingUnused: 0, openingFromShiftId: '' });
    await expect(openShift(ctx, 'x')).rejects.toThrow('already-open');

    const issuing = { ...ctx, officerName: 'Серікұлы А.' };
    await reserveBlank(issuing, 'A26-000001');
    await markPrinted(issuing, 'C0100001');
    await confirmHandover(issuing, 'C0100001');

    // Counted: C0100003-C0100005; C0100002 is nowhere.
    const input = { counted: [range(100_003, 100_005)], countedSpoiled: [], unsynced: 0 };
    const preview = await previewClose(ctx, input);
    expect(preview.differences.map((d) => [d.number, d.kind])).toEqual([['C0100002', 'missing']]);
    const refused = await closeShift(ctx, { ...input, supervisor: 'Ахметова Г.', reasons: new Map(), override: null }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ShiftRefused);
    expect((refused as ShiftRefused).refusal).toEqual({ code: 'reason-missing', number: 'C0100002' });
    expect((await readLedger(ctx.db)).blanks.get('C0100002')?.state).toBe('at-desk'); // a refusal writes nothing

    const { closed, report } = await closeShift(ctx, { ...input, supervisor: 'Ахметова Г.', reasons: new Map([['C0100002', 'акт №7']]), override: null });
    expect(closed).toMatchObject({ countedUnusedTotal: 3, differences: [{ number: 'C0100002', kind: 'missing', state: 'at-desk', reason: 'акт №7' }] });
    const ledger = await readLedger(ctx.db);
    expect(ledger.blanks.get('C0100002')).toMatchObject({ state: 'lost' });
    expect(ledger.anomalies).toEqual([]);
    expect(movements(report)).toMatchObject({ 'Остаток на начало смены (первая смена рабочего места: всё полученное ранее — в строке «Получено на рабочее место»)': 0, 'Получено на рабочее место': 5, Выдано: 1, Утеряно: 1, 'Остаток на конец смены (по учёту)': 3, 'Остаток на конец смены (по подсчёту)': 3 });
    expect(report.tables[2]!.rows[0]).toEqual(['C0100002', 'жетіспеушілік, жоғалған ретінде есептен шығарылды / недостача, списан как утерянный', 'жұмыс орнында / на рабочем месте', 'акт №7']);

    // Between shifts the supervisor hands two more; the next shift opens with the count, 3, and its
    // report adds the two as received: opening + received − out = closing.
    await recordBlankEvent({ db: ctx.db, checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-sup', by: 'Ахметова Г.' }, { type: 'handed-to-desk', rangeSeries: 'C', rangeFrom: 100_006, rangeTo: 100_007, deskId: 'dostyk-avto-1' });
    const second = await openShift(ctx, 'Жұмабаева Г.');
    expect(second).toMatchObject({ openingUnused: 3, openingFromShiftId: first.id });
    const again = { counted: [range(100_003, 100_007)], countedSpoiled: [], unsynced: 0 };
    expect((await previewClose(ctx, again)).differences).toEqual([]); // C0100002 is not missing twice
    const next = await closeShift(ctx, { ...again, supervisor: 'Ахметова Г.', reasons: new Map(), override: null });
    expect(movements(next.report)).toMatchObject({ 'Остаток на начало смены (подсчитан в прошлой смене)': 3, 'Получено на рабочее место': 2, Утеряно: 0, 'Остаток на конец смены (по учёту)': 5, 'Остаток на конец смены (по подсчёту)': 5 });
  });

  it('at the station, the checkpoint’s shift counts the store, waits for the desks, and writes a missing pack off', async () => {
    const ctx = await desk();
    const station: ShiftContext = { ...ctx, deskId: 'dostyk-avto-sup', scope: 'checkpoint' };
    await openShift(ctx, 'Серікұлы А.'); // desk -1 is working
    const first = await openShift(station, 'Ахметова Г.');
    expect(first.deskId).toBe('dostyk-avto-sup');

    // The store holds C0100006-C0100010; C0100010 is not on the shelf.
    const input = { counted: [range(100_006, 100_009)], countedSpoiled: [], unsynced: 0 };
    const preview = await previewClose(station, input);
    expect(preview.blockers).toEqual(['desk-shifts-open']);
    expect(preview.differences.map((d) => [d.number, d.kind, 'state' in d ? d.state : ''])).toEqual([['C0100010', 'missing', 'at-checkpoint']]);
    const reasons = new Map([['C0100010', 'акт №9']]);
    const blocked = await closeShift(station, { ...input, supervisor: 'Ахметова Г.', reasons, override: null }).catch((e: unknown) => e);
    expect((blocked as ShiftRefused).refusal).toEqual({ code: 'blocked', blockers: ['desk-shifts-open'] });
    expect((await readLedger(ctx.db)).blanks.get('C0100010')?.state).toBe('at-checkpoint');

    const { closed, report } = await closeShift(station, { ...input, supervisor: 'Ахметова Г.', reasons, override: { reason: 'desk 1 works through the night' } });
    expect(closed).toMatchObject({ overrides: ['desk-shifts-open'], countedUnusedTotal: 4 });
    expect((await readLedger(ctx.db)).blanks.get('C0100010')?.state).toBe('lost');
    expect(report.kind).toBe('checkpoint-shift-report');
    expect(movements(report)).toMatchObject({ 'Принято (партии)': 10, 'Выдано на рабочие места': 5, 'Утеряно на складе': 1, 'Остаток на конец смены (по учёту)': 4, 'Остаток на конец смены (по подсчёту)': 4 });
    expect(report.warning?.ru).toContain('незакрытые смены рабочих мест');
    expect((await openShift(station, 'Жұмабаева Г.')).openingUnused).toBe(4);
  });
});
