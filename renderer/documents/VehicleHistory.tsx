import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../shared/documents/journal-entry.ts';
import { findCheckpoint } from '../../shared/reference/checkpoints.ts';
import { normalizePlate } from '../../shared/rules/plate.ts';
import { useDesk } from '../app/desk-context.ts';
import { useObservable } from '../app/use-observable.ts';

/** The vehicle's last journal entries at any checkpoint, newest first, live as other desks' entries arrive. */
export function VehicleHistory({ plate }: { plate: string }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const key = normalizePlate(plate);
  const obs = useMemo(() => (key ? desk.db.journal.find({ selector: { vehiclePlate: key }, sort: [{ hlc: 'desc' }], limit: 10 }).$ : null), [desk, key]);
  const docs = useObservable(obs, []);
  const entries = docs.map((d) => d.toJSON() as JournalEntry);
  if (!key) return null;
  const cpName = (id: string) => {
    const c = findCheckpoint(id);
    return !c ? id : i18n.language === 'ru' ? c.nameRu : i18n.language === 'en' ? c.nameEn : c.nameKk;
  };
  return (
    <section className="vehicle-history" data-testid="vehicle-history">
      <h3>{t('doc.vehicleHistory', { plate: key })}</h3>
      {entries.length === 0 ? (
        <p data-testid="vehicle-history-empty">{t('doc.noHistory')}</p>
      ) : (
        <ul>
          {entries.map((e) => (
            <li key={e.id} data-testid="vehicle-history-row" data-event={e.event}>
              {new Date(e.occurredAt).toLocaleString()} · {t(`journal.event.${e.event}`)} · {e.documentNumber || '—'} · {cpName(e.checkpointId)}
              {e.provisional && <span className="badge badge-provisional"> {t('journal.provisional')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
