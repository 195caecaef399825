/**
 * Tells the machine side what the desk is doing (Bridge reportActivity), so an update never restarts
 * the app under an officer: "issuing" while a blank of this desk is reserved and not yet handed over,
 * spoiled or released (from the ledger, so a reservation left by a crash counts too), "signed in" while
 * anyone is logged in or the screen is locked over their work. Sent on every change and once a minute,
 * which also brings back the version of an update that waits for a free moment.
 */
import { BehaviorSubject, combineLatest, distinctUntilChanged, map, switchMap, timer, type Observable, type Subscription } from 'rxjs';
import type { ActivityReport, Bridge } from '../../shared/bridge/bridge.ts';
import type { Ledger } from '../../shared/blanks/ledger.ts';
import type { Session } from '../login/session.ts';
import { openReservations } from '../issue/issuance.ts';

const HEARTBEAT_MS = 60_000;

export type ActivityReporter = { pendingUpdate$: BehaviorSubject<string | null>; stop(): void };

export function reportActivity(bridge: Bridge, deskId: string, ledger$: Observable<Ledger>, session: Session, heartbeatMs = HEARTBEAT_MS): ActivityReporter {
  const pendingUpdate$ = new BehaviorSubject<string | null>(null);
  const activity$ = combineLatest([
    ledger$.pipe(map((ledger) => openReservations(ledger, deskId).length > 0)),
    session.state$.pipe(map((s) => s.user !== null)),
  ]).pipe(
    map(([issuing, signedIn]): ActivityReport => ({ issuing, signedIn })),
    distinctUntilChanged((a, b) => a.issuing === b.issuing && a.signedIn === b.signedIn),
  );
  // Each change at once, and the last state again every heartbeat.
  const sub: Subscription = activity$
    .pipe(switchMap((report) => timer(0, heartbeatMs).pipe(map(() => report))))
    .subscribe((report) => {
      void bridge.reportActivity(report).then(
        (answer) => {
          if (answer.ok && answer.pendingUpdate !== pendingUpdate$.value) pendingUpdate$.next(answer.pendingUpdate);
        },
        () => undefined, // the machine side is restarting; the next heartbeat tells it again
      );
    });
  return { pendingUpdate$, stop: () => sub.unsubscribe() };
}
