import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../shared/documents/alert.ts';
import { JOURNAL_EVENTS, type JournalEntry } from '../../shared/documents/journal-entry.ts';
import { JOURNAL_COLUMNS, filterJournal, journalCell, journalToCsv, type JournalColumn } from '../../shared/journal/journal-csv.ts';
import { entryDay } from '../../shared/rules/apply-journal.ts';
import { kzDate } from '../../shared/rules/local-date.ts';
import { useDesk } from '../app/desk-context.ts';
import { saveFile } from '../app/save-file.ts';
import { useObservable } from '../app/use-observable.ts';

/** The columns shown on screen; the export carries all of them. */
const SHOWN: JournalColumn[] = ['occurredAt', 'event', 'documentNumber', 'vehiclePlate', 'trailerPlate', 'carrierName', 'carrierCountry', 'route', 'permitType', 'exitDeadline', 'goods', 'seal', 'officerName'];

/** The checkpoint's electronic journal (seed 002 p.52): searched, and exported for the territorial body. */
export function JournalScreen() {
  const { t } = useTranslation();
  const desk = useDesk();
  const today = kzDate(Date.now());
  const [text, setText] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [event, setEvent] = useState('');
  const [isAllCheckpoints, setAllCheckpoints] = useState(false);
  // The query takes the checkpoint and the days; the text search then runs over what it found, not the
  // whole country's journal.
  const obs = useMemo(() => {
    const range: Record<string, string> = {};
    if (/^\d{4}-\d{2}-\d{2}$/.test(from)) range.$gte = new Date(Date.parse(`${from}T00:00:00+05:00`)).toISOString();
    if (/^\d{4}-\d{2}-\d{2}$/.test(to)) range.$lt = new Date(Date.parse(`${to}T00:00:00+05:00`) + 86_400_000).toISOString();
    const selector: Record<string, unknown> = { ...(isAllCheckpoints ? {} : { checkpointId: desk.info.checkpointId }), ...(Object.keys(range).length > 0 ? { occurredAt: range } : {}) };
    return desk.db.journal.find({ selector: selector as never, sort: [{ hlc: 'desc' }] }).$;
  }, [desk, from, to, isAllCheckpoints]);
  const docs = useObservable(obs, []);
  const alertsObs = useMemo(() => (desk.db.collections.alerts ? desk.db.alerts.find({ selector: { kind: 'decision-disputed' } }).$ : null), [desk]);
  const alerts = useObservable(alertsObs, []);
  const disputed = useMemo(() => new Set(alerts.map((a) => (a.toJSON() as Alert).subject)), [alerts]);
  const entries = useMemo(() => docs.map((d) => d.toJSON() as JournalEntry), [docs]);
  const shown = useMemo(
    () => filterJournal(entries, { text, from, to, event, checkpointId: isAllCheckpoints ? null : desk.info.checkpointId }, entryDay),
    [entries, text, from, to, event, isAllCheckpoints, desk],
  );
  const headers = Object.fromEntries(JOURNAL_COLUMNS.map((c) => [c, t(`journal.col.${c}`)])) as Record<JournalColumn, string>;
  const yesNo: [string, string] = [t('journal.yes'), t('journal.no')];
  // A permit type is stored as its code ("bilateral", "transit-passage/no-balanced-exchange"); shown and exported in words.
  const permitType = (code: string) => code.split('/').map((part, i) => (i === 0 ? t(`permitType.${part}`, { defaultValue: part }) : part)).join(' / ');
  const localize = (e: JournalEntry): JournalEntry => ({ ...e, event: t(`journal.event.${e.event}`) as JournalEntry['event'], permitType: permitType(e.permitType) });

  function exportCsv() {
    const csv = journalToCsv(shown.map(localize), headers, disputed, yesNo);
    saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `journal-${desk.info.checkpointId}-${from || 'start'}-${to || today}.csv`);
  }

  return (
    <main className="journal">
      <h1>{t('journal.title')}</h1>
      <div className="journal-filters">
        <label>
          <span className="label">{t('journal.search')}</span>
          <input data-testid="journal-search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        </label>
        <label>
          <span className="label">{t('journal.from')}</span>
          <input data-testid="journal-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          <span className="label">{t('journal.to')}</span>
          <input data-testid="journal-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          <span className="label">{t('journal.eventFilter')}</span>
          <select data-testid="journal-event" value={event} onChange={(e) => setEvent(e.target.value)}>
            <option value="">{t('journal.allEvents')}</option>
            {JOURNAL_EVENTS.map((ev) => (
              <option key={ev} value={ev}>
                {t(`journal.event.${ev}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input data-testid="journal-all-checkpoints" type="checkbox" checked={isAllCheckpoints} onChange={(e) => setAllCheckpoints(e.target.checked)} />
          {t('journal.allCheckpoints')}
        </label>
        <button type="button" data-testid="journal-export" disabled={shown.length === 0} onClick={exportCsv}>
          {t('journal.export')}
        </button>
      </div>
      <p data-testid="journal-count">{t('journal.count', { count: shown.length })}</p>
      <div className="journal-table-wrap">
        <table className="journal-table" data-testid="journal-table">
          <thead>
            <tr>
              {SHOWN.map((c) => (
                <th key={c}>{headers[c]}</th>
              ))}
              <th>{t('journal.state')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, 500).map((e) => (
              <tr key={e.id} data-testid="journal-row" data-event={e.event} data-number={e.documentNumber} data-provisional={e.provisional} data-disputed={disputed.has(e.id)}>
                {SHOWN.map((c) => (
                  <td key={c}>{c === 'occurredAt' ? new Date(e.occurredAt).toLocaleString() : journalCell(localize(e), c, disputed, yesNo)}</td>
                ))}
                <td>
                  {disputed.has(e.id) ? <span className="badge badge-disputed">{t('journal.disputed')}</span> : e.provisional ? <span className="badge badge-provisional">{t('journal.provisional')}</span> : null}
                  {e.receivedAt === 0 && <span className="badge"> {t('journal.notSent')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
