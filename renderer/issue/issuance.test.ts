import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { blankEventDocBase, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { deskTestStock } from '../db/desk-stock.test-support.ts';
import { openDeskDatabase, type DeskDatabase } from '../db/database.ts';
import { readLedger } from './desk-ledger.ts';
import { confirmHandover, loseBlank, returnBlank, redeemOnExit, findApplicationBlank, IssuanceRefused, markPrinted, markPrintFailed, markPrintRequested, openReservations, releaseBlank, reserveBlank, spoilBlank, type IssuanceContext } from './issuance.ts';

let db: DeskDatabase | null = null;
afterEach(async () => {
  await db?.remove();
  db = null;
});


async function desk(name = `t-${Math.random()}`): Promise<IssuanceContext> {
  db = await openDeskDatabase(name);
  if ((await db.blankEvents.count().exec()) === 0) await db.blankEvents.bulkInsert(deskTestStock());
  return { db, checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1', officerName: 'Серікұлы А.' };
}

const refusal = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof IssuanceRefused ? e.code : String(e)));

describe('addendum issuance at the desk', () => {
  it('takes the stack in order, prints, then hands over; never issues what was not printed', async () => {
    const ctx = await desk();
    const b = await reserveBlank(ctx, 'A26-000001');
    expect(b.number).toBe('C0100001');
    expect((await reserveBlank(ctx, 'A26-000001')).number).toBe('C0100001'); // resumed, not doubled
    expect(await refusal(confirmHandover(ctx, 'C0100001'))).toBe('not-printed');
    await markPrinted(ctx, 'C0100001');
    expect(await refusal(releaseBlank(ctx, 'C0100001'))).toBe('already-printed');
    await confirmHandover(ctx, 'C0100001');
    expect(await refusal(reserveBlank(ctx, 'A26-000001'))).toBe('already-issued');
    expect((await reserveBlank(ctx, 'A26-000006')).number).toBe('C0100002');
    const ledger = await readLedger(ctx.db);
    expect(ledger.blanks.get('C0100001')).toMatchObject({ state: 'issued', applicationId: 'A26-000001' });
    expect(ledger.anomalies).toEqual([]);
  });

  it('a spoiled blank is void and the application gets the next number', async () => {
    const ctx = await desk();
    await reserveBlank(ctx, 'A26-000001');
    await markPrinted(ctx, 'C0100001');
    expect(await refusal(spoilBlank(ctx, 'C0100001', '  '))).toBe('reason-required');
    await spoilBlank(ctx, 'C0100001', 'misprint');
    expect((await reserveBlank(ctx, 'A26-000001')).number).toBe('C0100002');
  });

  it('never hands two applications the same number, however fast the clicks come', async () => {
    const ctx = await desk();
    const apps = ['A26-000001', 'A26-000006', 'A26-000011', 'A26-000016', 'A26-000021', 'A26-000026'];
    const results = await Promise.all(apps.map((a) => reserveBlank(ctx, a).then((b) => b.number, (e: unknown) => (e instanceof IssuanceRefused ? e.code : String(e)))));
    // Served in the order the officer clicked: numbers follow the queue, and the sixth finds the stack empty.
    expect(results).toEqual(['C0100001', 'C0100002', 'C0100003', 'C0100004', 'C0100005', 'no-blanks']);
  });

  it('after a restart, the reservation left open is still there to be resolved', async () => {
    const name = `t-${Math.random()}`;
    const ctx = await desk(name);
    await reserveBlank(ctx, 'A26-000001');
    await markPrinted(ctx, 'C0100001');
    await ctx.db.close();
    const again = await desk(name);
    expect(openReservations(await readLedger(again.db), 'dostyk-avto-1')).toMatchObject([{ number: 'C0100001', isPrinted: true, applicationId: 'A26-000001' }]);
    expect((await again.db.blankEvents.count().exec())).toBe(4);
  });
});

describe('findApplicationBlank', () => {
  it('prefers the open reservation over a spoiled blank of the same application', async () => {
    const ctx = await desk();
    await reserveBlank(ctx, 'A26-000001');
    await spoilBlank(ctx, 'C0100001', 'torn');
    await reserveBlank(ctx, 'A26-000001');
    expect(findApplicationBlank(await readLedger(ctx.db), 'dostyk-avto-1', 'A26-000001')).toMatchObject({ number: 'C0100002', state: 'reserved' });
  });
});

describe('the desk clock', () => {
  it('orders a reservation after the stock event it reserves from, even when the centre’s clock is ahead', async () => {
    db = await openDeskDatabase(`t-${Math.random()}`);
    const ahead = Date.now() + 86_400_000; // the centre stamped its stock a day ahead of this desk's clock
    const meta = (k: number) => blankEventDocBase({ id: `01DEMS${String(k).padStart(20, '0')}`, hlc: `${ahead}-0000${k}-centre`, by: 'centre', checkpointId: 'dostyk-avto', authorDeskId: '', occurredAt: '2026-11-22T08:00:00+05:00' });
    await db.blankEvents.bulkInsert([
      { ...meta(1), type: 'received', rangeSeries: 'C', rangeFrom: 100_001, rangeTo: 100_002, receivedAt: 1 },
      { ...meta(2), type: 'handed-to-desk', rangeSeries: 'C', rangeFrom: 100_001, rangeTo: 100_002, deskId: 'dostyk-avto-1', receivedAt: 1 },
    ]);
    const ctx: IssuanceContext = { db, checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1', officerName: 'A' };
    expect(await reserveBlank(ctx, 'A26-000001')).toMatchObject({ number: 'C0100001', state: 'reserved' });
    expect((await readLedger(db)).anomalies).toEqual([]);
  });
});

describe('print outcomes', () => {
  it('a print asked for and never answered keeps the blank out of the stack; a certain failure frees it', async () => {
    const ctx = await desk();
    await reserveBlank(ctx, 'A26-000001');
    await markPrintRequested(ctx, 'C0100001');
    expect(await refusal(releaseBlank(ctx, 'C0100001'))).toBe('already-printed');
    expect(await refusal(confirmHandover(ctx, 'C0100001'))).toBe('not-printed');
    await markPrintFailed(ctx, 'C0100001');
    await releaseBlank(ctx, 'C0100001');
    expect((await reserveBlank(ctx, 'A26-000006')).number).toBe('C0100001');
  });
});

describe('redeemed on exit (Rules §13)', () => {
  it('redeems the issued blank of the application, once', async () => {
    const ctx = await desk();
    expect(await redeemOnExit(ctx, 'A26-000001')).toBeNull();
    await reserveBlank(ctx, 'A26-000001');
    await markPrinted(ctx, 'C0100001');
    await confirmHandover(ctx, 'C0100001');
    expect(await redeemOnExit(ctx, 'A26-000001')).toBe('C0100001');
    expect(await redeemOnExit(ctx, 'A26-000001')).toBeNull();
    expect((await readLedger(ctx.db)).blanks.get('C0100001')!.state).toBe('redeemed');
  });
});

describe('after the handover (Rules §13, §14(3), §15)', () => {
  it('a returned blank is closed for good; a lost one is recorded with its reason; a redeemed one cannot be returned', async () => {
    const ctx = await desk();
    for (const [app, n] of [['A26-000001', 'C0100001'], ['A26-000006', 'C0100002'], ['A26-000011', 'C0100003']] as const) {
      await reserveBlank(ctx, app);
      await markPrinted(ctx, n);
      await confirmHandover(ctx, n);
    }
    expect(await refusal(returnBlank(ctx, 'C0100001', ' '))).toBe('reason-required');
    await returnBlank(ctx, 'C0100001', 'vehicle turned back');
    await loseBlank(ctx, 'C0100002', 'carrier lost it');
    await redeemOnExit(ctx, 'A26-000011');
    expect(await refusal(returnBlank(ctx, 'C0100003', 'late'))).toBe('not-issued');
    const ledger = await readLedger(ctx.db);
    expect(['C0100001', 'C0100002', 'C0100003'].map((n) => ledger.blanks.get(n)!.state)).toEqual(['returned', 'lost', 'redeemed']);
    // Served again later (a new booking), the application gets a new number, never the returned one.
    expect((await reserveBlank(ctx, 'A26-000001')).number).toBe('C0100004');
    expect(await refusal(reserveBlank(ctx, 'A26-000006'))).toBe('already-issued'); // lost is not a way round
  });
});
