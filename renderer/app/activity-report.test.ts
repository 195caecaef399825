import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ActivityReport, Bridge } from '../../shared/bridge/bridge.ts';
import type { BlankRecord, Ledger } from '../../shared/blanks/ledger.ts';
import { createSession } from '../login/session.ts';
import { reportActivity } from './activity-report.ts';

const blank = (number: string, state: BlankRecord['state'], deskId = 'dostyk-avto-1'): BlankRecord =>
  ({ number, state, checkpointId: 'dostyk-avto', deskId, applicationId: state === 'reserved' ? 'app-1' : null, isPrinted: false, isPrintPending: false, reservationId: null, lastEventId: 'e' }) as BlankRecord;
const ledger = (...blanks: BlankRecord[]): Ledger => ({ blanks: new Map(blanks.map((b) => [b.number, b])), anomalies: [] });
const tick = () => new Promise((r) => setTimeout(r, 0));

function fakeBridge(pendingUpdate: string | null) {
  const reports: ActivityReport[] = [];
  const bridge = { reportActivity: async (r: ActivityReport) => (reports.push(r), { ok: true as const, pendingUpdate }) } as unknown as Bridge;
  return { bridge, reports };
}

describe('the desk reports its activity to the machine side', () => {
  it('is issuing while a blank of this desk is reserved, signed in while someone is logged in or locked', async () => {
    const { bridge, reports } = fakeBridge(null);
    const ledger$ = new BehaviorSubject(ledger(blank('C0100001', 'at-desk'), blank('C0100009', 'reserved', 'dostyk-avto-2')));
    const session = createSession();
    const reporter = reportActivity(bridge, 'dostyk-avto-1', ledger$, session, 60_000);
    await tick();
    // Another desk's reservation is not this desk's issuance.
    expect(reports.at(-1)).toEqual({ issuing: false, signedIn: false });
    session.logIn({ id: 'asqar', name: 'Серікұлы Асқар', roles: ['officer'] });
    await tick();
    expect(reports.at(-1)).toEqual({ issuing: false, signedIn: true });
    ledger$.next(ledger(blank('C0100001', 'reserved')));
    await tick();
    expect(reports.at(-1)).toEqual({ issuing: true, signedIn: true });
    // A locked screen keeps the work under it: still signed in.
    session.lock('idle');
    await tick();
    expect(reports.at(-1)).toEqual({ issuing: true, signedIn: true });
    session.logIn({ id: 'asqar', name: 'Серікұлы Асқар', roles: ['officer'] });
    session.logOut();
    await tick();
    // Logged out with the blank still reserved (a crash left it): still issuing.
    expect(reports.at(-1)).toEqual({ issuing: true, signedIn: false });
    ledger$.next(ledger(blank('C0100001', 'issued')));
    await tick();
    expect(reports.at(-1)).toEqual({ issuing: false, signedIn: false });
    // Only changes are sent between heartbeats: the same state twice is one report.
    const count = reports.length;
    ledger$.next(ledger(blank('C0100001', 'issued'), blank('C0100002', 'at-desk')));
    await tick();
    expect(reports.length).toBe(count);
    reporter.stop();
  });

  it('learns the update that waits for a free moment', async () => {
    const { bridge } = fakeBridge('0.2.0');
    const reporter = reportActivity(bridge, 'dostyk-avto-1', new BehaviorSubject(ledger()), createSession(), 60_000);
    await tick();
    expect(reporter.pendingUpdate$.value).toBe('0.2.0');
    reporter.stop();
  });
});
