import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBlankRange, parseBlankRange, rangeSize } from '../../shared/blanks/blank-number.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { toBlankEvent, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { forecastStock, type StockForecast } from '../../shared/shifts/low-stock.ts';
import { checkStockMove, desksOf, runsOf, type StockMove } from '../../shared/shifts/stock-moves.ts';
import { useDesk } from '../app/desk-context.ts';
import { useOfficerName } from '../app/OfficerField.tsx';
import { useObservable } from '../app/use-observable.ts';
import { ledger$, readLedger, recordBlankEvent } from '../issue/desk-ledger.ts';
import { normaliseBlankNumber } from '../shift/blank-input.ts';

type MoveType = StockMove['type'];
const MOVES: MoveType[] = ['received', 'handed-to-desk', 'taken-back', 'transferred'];

/**
 * The supervisor station's stock (issue 6 item 1): confirm a consignment the centre allocated by the
 * first and last blank of each pack, hand stacks to desks, take them back, move them between desks.
 * Every move is checked against the ledger first and written as one blank event.
 */
export function StockScreen() {
  const { t } = useTranslation();
  const desk = useDesk();
  const cp = desk.info.checkpointId;
  const ledger = useObservable(useMemo(() => ledger$(desk.db), [desk]), null);
  const [type, setType] = useState<MoveType>('received');
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [deskId, setDeskId] = useState('');
  const [toDeskId, setToDeskId] = useState('');
  // Stock moves are recorded in the name of the supervisor logged in at the station.
  const supervisor = useOfficerName();
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [forecasts, setForecasts] = useState<{ holder: string; forecast: StockForecast }[]>([]);

  // When the checkpoint and each of its desks run out at last week's rate (seed 000 Rules §10(3)).
  useEffect(() => {
    if (!ledger) return;
    let live = true;
    void desk.db.blankEvents
      .find()
      .exec()
      .then((docs) => {
        if (!live) return;
        const events = docs.map((d) => toBlankEvent(d.toJSON() as BlankEventDoc));
        const now = Date.now();
        setForecasts([{ holder: '', forecast: forecastStock(events, 'checkpoint', now, { minimum: 50 }) }, ...desksOf(ledger, cp).map((d) => ({ holder: d, forecast: forecastStock(events, { deskId: d }, now) }))]);
      });
    return () => {
      live = false;
    };
  }, [desk, ledger, cp]);

  if (!ledger) return <main className="verify stock">{t('startup.loading')}</main>;
  const desks = desksOf(ledger, cp);
  const show = (runs: ReturnType<typeof runsOf>) => (runs.length === 0 ? '—' : runs.map((r) => `${formatBlankRange(r)} (${rangeSize(r)})`).join(', '));

  const submit = async () => {
    if (busy) return;
    const say = (text: string, isError = true) => setNotice({ text, isError });
    if (supervisor.trim() === '') return say(t('shift.errors.need-supervisor'));
    const a = normaliseBlankNumber(first);
    const b = normaliseBlankNumber(last.trim() === '' ? first : last);
    const range = a && b ? parseBlankRange(`${a}-${b}`) : null;
    if (!range) return say(t('stock.errors.bad-range'));
    if (type !== 'received' && deskId.trim() === '') return say(t('stock.errors.need-desk'));
    if (type === 'transferred' && toDeskId.trim() === '') return say(t('stock.errors.need-desk'));
    const move: StockMove = type === 'received' ? { type, range } : type === 'transferred' ? { type, range, deskId: deskId.trim(), toDeskId: toDeskId.trim() } : { type, range, deskId: deskId.trim() };
    setBusy(true);
    try {
      const refusal = checkStockMove(await readLedger(desk.db), cp, move);
      if (refusal) return say(refusal.code === 'wrong-state' ? t('stock.errors.wrong-state', { number: refusal.number, state: refusal.state ? t(`stock.state.${refusal.state}`) : t('stock.state.unknown'), expected: t(`stock.state.${refusal.expected}`) }) : t(`stock.errors.${refusal.code}`));
      await recordBlankEvent(
        { db: desk.db, checkpointId: cp as CheckpointId, deskId: desk.info.deskId, by: supervisor },
        { type, rangeSeries: range.series, rangeFrom: range.from, rangeTo: range.to, deskId: move.type === 'received' ? '' : move.deskId, toDeskId: move.type === 'transferred' ? move.toDeskId : '' },
      );
      setFirst('');
      setLast('');
      say(t(`stock.done.${type}`, { range: formatBlankRange(range), count: rangeSize(range), desk: deskId, to: toDeskId }), false);
    } catch (err) {
      const isFull = await desk.storage.diagnose(err);
      say(isFull ? t('storage.full') : t('shift.errors.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="verify stock" data-testid="stock-screen">
      <h1>{t('stock.title')}</h1>
      <ul className="forecasts" data-testid="stock-forecasts">
        {forecasts.map(({ holder, forecast }) => (
          <li key={holder || 'checkpoint'} className={forecast.isLow ? 'stock-line stock-low' : 'stock-line'} data-testid={`forecast-${holder || 'checkpoint'}`} data-low={forecast.isLow}>
            {holder === '' ? t('stock.forecastCheckpoint', { count: forecast.unused }) : t('stock.forecastDesk', { desk: holder, count: forecast.unused })}
            {forecast.runsOutOn ? ` ${t('shift.runsOut', { date: forecast.runsOutOn, perDay: forecast.perDay.toFixed(1) })}` : ''}
            {forecast.isLow ? ` ${t(holder === '' ? 'stock.lowCheckpoint' : 'stock.lowDesk')}` : ''}
          </li>
        ))}
      </ul>
      <dl className="fields" data-testid="stock-overview">
        <dt>{t('stock.state.allocated')}</dt>
        <dd data-testid="stock-allocated">{show(runsOf(ledger, cp, 'allocated'))}</dd>
        <dt>{t('stock.state.at-checkpoint')}</dt>
        <dd data-testid="stock-at-checkpoint">{show(runsOf(ledger, cp, 'at-checkpoint'))}</dd>
        {desks.map((d) => (
          <div key={d} style={{ display: 'contents' }}>
            <dt>{d}</dt>
            <dd data-testid={`stock-desk-${d}`}>{show(runsOf(ledger, cp, 'at-desk', d))}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('stock.moveTitle')}</h2>
      <div className="stock-move">
        <label>
          <span className="label">{t('stock.move')}</span>
          <select data-testid="stock-move-type" value={type} onChange={(e) => setType(e.target.value as MoveType)}>
            {MOVES.map((m) => (
              <option key={m} value={m}>
                {t(`stock.moves.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="label">{t('stock.first')}</span>
          <input data-testid="stock-first" value={first} onChange={(e) => setFirst(e.target.value)} autoComplete="off" />
        </label>
        <label>
          <span className="label">{t('stock.last')}</span>
          <input data-testid="stock-last" value={last} onChange={(e) => setLast(e.target.value)} autoComplete="off" />
        </label>
        {type !== 'received' && (
          <label>
            <span className="label">{type === 'transferred' ? t('stock.fromDesk') : t('stock.desk')}</span>
            <input data-testid="stock-desk" list="stock-desks" value={deskId} onChange={(e) => setDeskId(e.target.value)} autoComplete="off" />
          </label>
        )}
        {type === 'transferred' && (
          <label>
            <span className="label">{t('stock.toDesk')}</span>
            <input data-testid="stock-to-desk" list="stock-desks" value={toDeskId} onChange={(e) => setToDeskId(e.target.value)} autoComplete="off" />
          </label>
        )}
        <datalist id="stock-desks">
          {desks.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
        <p className="officer-field">
          <span className="label">{t('shift.supervisor')}</span>
          <strong data-testid="supervisor-name">{supervisor}</strong>
        </p>
        <button type="button" className="record" data-testid="stock-submit" disabled={busy} onClick={() => void submit()}>
          {t('stock.submit')}
        </button>
      </div>
      {notice && (
        <p className={notice.isError ? 'notice notice-error' : 'notice'} data-testid="stock-notice" role="status">
          {notice.text}
        </p>
      )}
    </main>
  );
}
