import { useEffect, useMemo, useState } from 'react';
import { distinctUntilChanged, map, switchMap, timer } from 'rxjs';
import { useTranslation } from 'react-i18next';
import { useDesk } from './desk-context.ts';
import { useObservable } from './use-observable.ts';
import { secondsLeft } from '../sync/sync-progress.ts';
import { oldestWaiting$, outboxCount$ } from '../sync/outbox.ts';

/** After this long without a successful sync the bar warns; a supervisor may set another value per desk. */
const DEFAULT_OFFLINE_WARNING_MINUTES = 30;
function offlineWarningMinutes(): number {
  const v = Number(globalThis.localStorage?.getItem('shekara.offlineWarningMinutes'));
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_OFFLINE_WARNING_MINUTES;
}

/** Re-renders every `ms`, for figures that age (time since the last sync). */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** Always visible: whether the centre answers, what waits to be pushed and since when, and when sync last worked. */
export function StatusBar({ onOpenAlerts }: { onOpenAlerts?: () => void }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const status = useObservable(desk.sync.status$, desk.sync.status$.value);
  // Records made here that the centre has not acknowledged yet, and how long the oldest has waited.
  const waiting = useObservable(useMemo(() => outboxCount$(desk.db), [desk]), 0);
  const oldestWaitingAt$ = useMemo(() => oldestWaiting$(desk.db), [desk]);
  const oldestWaiting = useObservable(oldestWaitingAt$, null);
  const now = useNow(10_000);
  const locale = i18n.language === 'en' ? 'en-GB' : i18n.language === 'ru' ? 'ru-RU' : 'kk-KZ';
  const minutesWithoutSync = status.lastSyncAt ? Math.floor((now - status.lastSyncAt) / 60_000) : null;
  const pull = useObservable(desk.progress.progress$, desk.progress.progress$.value).permits;
  const isPulling = pull !== undefined && pull.remaining > 0;
  const isStale = !status.isOnline && (status.lastSyncAt === null || (now - status.lastSyncAt) / 60_000 >= offlineWarningMinutes());
  // Counted every 2 s, not on every write: during an initial sync a live count query re-ran over the
  // whole permits index after each page, and IndexedDB did that work instead of storing the next page.
  const permits$ = useMemo(() => timer(0, 2_000).pipe(switchMap(() => desk.db.permits.count().exec()), distinctUntilChanged()), [desk]);
  // Alerts the centre raised about this checkpoint (a permit used twice, a blank issued twice).
  const alerts$ = useMemo(() => desk.db.alerts.find().$.pipe(map((docs) => docs.filter((d) => d.checkpointIds.includes(desk.info.checkpointId as never)).length)), [desk]);
  const alerts = useObservable(alerts$, 0);
  const permits = useObservable(permits$, 0);
  const storage = useObservable(desk.storage.state$, desk.storage.state$.value);
  const pendingUpdate = useObservable(desk.activity.pendingUpdate$, desk.activity.pendingUpdate$.value);
  const lastSync = status.lastSyncAt
    ? new Date(status.lastSyncAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : i18n.language === 'ru' ? 'ru-RU' : 'kk-KZ')
    : t('sync.never');
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={status.isOnline ? 'pill pill-online' : 'pill pill-offline'} data-testid="sync-online" data-online={status.isOnline}>
        {status.isOnline ? t('sync.online') : t('sync.offline')}
      </span>
      <span data-testid="sync-waiting" data-count={waiting} className={waiting > 0 ? 'waiting' : ''}>
        {t('sync.waiting', { count: waiting })}
        {waiting > 0 && oldestWaiting !== null && <span data-testid="sync-waiting-since"> {t('sync.since', { time: new Date(oldestWaiting).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }) })}</span>}
      </span>
      {isStale && (
        <span data-testid="offline-warning" className="pill pill-offline">
          {minutesWithoutSync === null ? t('sync.neverSynced') : t('sync.staleFor', { minutes: minutesWithoutSync })}
        </span>
      )}
      {storage.isFull && (
        <span data-testid="storage-full" className="pill pill-offline">
          {t('storage.pill')}
        </span>
      )}
      {pendingUpdate && (
        <span data-testid="update-pending" data-version={pendingUpdate} className="pill">
          {t('sync.updatePending', { version: pendingUpdate })}
        </span>
      )}
      <span data-testid="sync-last">{t('sync.lastSync', { time: lastSync })}</span>
      <span data-testid="replica-count" data-count={permits}>{t('sync.replica', { count: permits })}</span>
      {isPulling && (
        <span className="sync-progress" data-testid="sync-progress" data-done={pull.done} data-total={pull.done + pull.remaining}>
          <progress max={pull.done + pull.remaining} value={pull.done} />{' '}
          {t('sync.progress', { done: pull.done, total: pull.done + pull.remaining, seconds: secondsLeft(pull, Date.now()) ?? '…' })}
        </span>
      )}
      {alerts > 0 && (
        <button type="button" data-testid="alerts" data-count={alerts} className="pill pill-offline" onClick={onOpenAlerts}>
          {t('sync.alerts', { count: alerts })}
        </button>
      )}
    </footer>
  );
}
