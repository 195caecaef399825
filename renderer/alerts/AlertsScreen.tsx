import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import type { Alert } from '../../shared/documents/alert.ts';
import { findCheckpoint } from '../../shared/reference/checkpoints.ts';
import { useDesk } from '../app/desk-context.ts';
import { useObservable } from '../app/use-observable.ts';

/**
 * What the centre found that no single desk could: one permit let out at two checkpoints, one blank
 * handed over twice. The supervisor of each checkpoint concerned sees the records involved and acts
 * (the centre sends an alert only to those checkpoints).
 */
export function AlertsScreen() {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const alerts$ = useMemo(
    () => desk.db.alerts.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as Alert).filter((a) => a.checkpointIds.includes(desk.info.checkpointId as never)).sort((a, b) => b.createdAt - a.createdAt))),
    [desk],
  );
  const alerts = useObservable(alerts$, []);
  const locale = i18n.language === 'en' ? 'en-GB' : i18n.language === 'ru' ? 'ru-RU' : 'kk-KZ';
  const checkpointName = (id: string) => {
    const cp = findCheckpoint(id);
    return cp ? (i18n.language === 'ru' ? cp.nameRu : i18n.language === 'en' ? cp.nameEn : cp.nameKk) : id;
  };
  return (
    <main className="alerts">
      <h1>{t('alerts.title')}</h1>
      {alerts.length === 0 && <p data-testid="alerts-empty">{t('alerts.none')}</p>}
      <ul className="alert-list">
        {alerts.map((a) => (
          <li key={a.id} data-testid="alert" data-kind={a.kind} data-subject={a.subject}>
            <strong>{t(`alerts.kind.${a.kind}`, { subject: a.subject, number: a.documentNumber ?? a.subject })}</strong>
            <dl>
              <dt>{t('alerts.where')}</dt>
              <dd>{a.checkpointIds.map(checkpointName).join(', ')}</dd>
              <dt>{t('alerts.desks')}</dt>
              <dd>{a.deskIds.join(', ')}</dd>
              <dt>{t('alerts.records')}</dt>
              <dd>{a.recordIds.join(', ')}</dd>
              <dt>{t('alerts.found')}</dt>
              <dd>{new Date(a.createdAt).toLocaleString(locale)}</dd>
              {a.reasons && a.reasons.length > 0 && (
                <>
                  <dt>{t('doc.refused')}</dt>
                  <dd data-testid="alert-reasons">
                    {(a.reasonDetails ?? a.reasons.map((code) => ({ code, paragraph: '', params: {} })))
                      .map((r) => `${t(`docReason.${r.code}`, { ...reasonParams(r.params ?? {}, locale), defaultValue: r.code })}${r.paragraph ? ` (${r.paragraph})` : ''}`)
                      .join('; ')}
                  </dd>
                </>
              )}
            </dl>
            <p className="alert-action">{t(`alerts.action.${a.kind}`)}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}

/** Dates in a reason read as the officer's locale writes them. */
function reasonParams(params: Record<string, string>, locale: string): Record<string, string> {
  const out = { ...params };
  if (out.at && !Number.isNaN(Date.parse(out.at))) out.at = new Date(out.at).toLocaleString(locale);
  return out;
}
