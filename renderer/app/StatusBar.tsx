import { useMemo } from 'react';
import { combineLatest, map } from 'rxjs';
import { useTranslation } from 'react-i18next';
import { useDesk } from './desk-context.ts';
import { useObservable } from './use-observable.ts';

/** Always visible: whether the centre answers, what waits to be pushed, and when sync last worked. */
export function StatusBar() {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const status = useObservable(desk.sync.status$, desk.sync.status$.value);
  // Records made here that the centre has not acknowledged yet: it stamps receivedAt when it stores them.
  const waiting$ = useMemo(
    () => combineLatest([desk.db.crossings.count({ selector: { receivedAt: 0 } }).$, desk.db.blankEvents.count({ selector: { receivedAt: 0 } }).$]).pipe(map(([a, b]) => a + b)),
    [desk],
  );
  const waiting = useObservable(waiting$, 0);
  const permits$ = useMemo(() => desk.db.permits.count().$, [desk]);
  // Alerts the centre raised about this checkpoint (a permit used twice, a blank issued twice).
  const alerts$ = useMemo(() => desk.db.alerts.find().$.pipe(map((docs) => docs.filter((d) => d.checkpointIds.includes(desk.info.checkpointId as never)).length)), [desk]);
  const alerts = useObservable(alerts$, 0);
  const permits = useObservable(permits$, 0);
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
      </span>
      <span data-testid="sync-last">{t('sync.lastSync', { time: lastSync })}</span>
      <span data-testid="replica-count" data-count={permits}>{t('sync.replica', { count: permits })}</span>
      {alerts > 0 && (
        <span data-testid="alerts" data-count={alerts} className="pill pill-offline">
          {t('sync.alerts', { count: alerts })}
        </span>
      )}
    </footer>
  );
}
