import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { formatBlankNumber, formatBlankRange, parseBlankRange, type BlankRange } from '../../shared/blanks/blank-number.ts';
import { toBlankEvent, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import type { CountedRange, ShiftEvent } from '../../shared/documents/shift.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import type { ReportDoc } from '../../shared/reports/report-doc.ts';
import { deskStacks, type CloseDraft } from '../../shared/shifts/shift-close.ts';
import { openDeskShifts, storeStacks } from '../../shared/shifts/store-close.ts';
import { forecastStock, type StockForecast } from '../../shared/shifts/low-stock.ts';
import { formatKzTime } from '../../shared/shifts/shift-report.ts';
import { useDesk } from '../app/desk-context.ts';
import { OfficerField, useOfficerName } from '../app/OfficerField.tsx';
import { hasRole } from '../../shared/users/user.ts';
import { authenticate } from '../login/authenticate.ts';
import { useObservable } from '../app/use-observable.ts';
import { ledger$ } from '../issue/desk-ledger.ts';
import { outboxCount$ } from '../sync/outbox.ts';
import { normaliseBlankNumber } from './blank-input.ts';
import { ReportActions } from './ReportActions.tsx';
import { closeShift, deskShifts$, openShift, previewClose, shiftReport, ShiftRefused, type ShiftContext } from './shift-records.ts';

type StackCount = { top: string; last: string };

/**
 * The shift at this desk (issue 6): the officer opens it with the last shift's counted balance; at the
 * end the supervisor counts each stack by its top blank, explains every difference, and closes it.
 * Closing mid-issuance or with records not yet at the centre needs an override with a reason.
 */
export function ShiftScreen() {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const isStation = desk.info.role === 'supervisor';
  const ctx: ShiftContext = { db: desk.db, checkpointId: desk.info.checkpointId as CheckpointId, deskId: desk.info.deskId, scope: isStation ? 'checkpoint' : 'desk', userId: desk.session.current()?.id ?? null };
  const shifts = useObservable(useMemo(() => deskShifts$(desk.db, desk.info.deskId), [desk]), null);
  // At the station: every shift record of the checkpoint, to show which desks have not closed yet.
  const everyShift = useObservable(useMemo(() => desk.db.shifts.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as ShiftEvent))), [desk]), [] as ShiftEvent[]);
  const ledger = useObservable(useMemo(() => ledger$(desk.db), [desk]), null);
  const unsynced = useObservable(useMemo(() => outboxCount$(desk.db), [desk]), 0);
  const officer = useOfficerName();
  const me = useObservable(desk.session.state$, desk.session.state$.value).user;
  const iAmSupervisor = !!me && hasRole(me, 'supervisor');
  // An officer's close is countersigned: the supervisor types their own login and password at the desk.
  const [countersign, setCountersign] = useState({ login: '', password: '' });
  const [counts, setCounts] = useState<Record<string, StackCount>>({});
  const [extra, setExtra] = useState('');
  const [spoiledSeen, setSpoiledSeen] = useState<Set<string>>(new Set());
  const [draft, setDraft] = useState<CloseDraft | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [override, setOverride] = useState<{ on: boolean; reason: string }>({ on: false, reason: '' });
  const [report, setReport] = useState<ReportDoc | null>(null);
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);
  const [spoiledThisShift, setSpoiledThisShift] = useState<string[]>([]);
  const [forecast, setForecast] = useState<StockForecast | null>(null);
  const [busy, setBusy] = useState(false);

  const open = shifts?.open ?? null;
  const openDesks = isStation ? openDeskShifts(everyShift, desk.info.checkpointId, desk.info.deskId) : [];
  const stacks = useMemo(() => (ledger ? (isStation ? storeStacks(ledger, desk.info.checkpointId) : deskStacks(ledger, desk.info.deskId)) : []), [ledger, desk, isStation]);

  // Spoiled blanks of this shift (the supervisor checks each is kept) and the run-out forecast, from the events.
  useEffect(() => {
    let live = true;
    void desk.db.blankEvents
      .find()
      .exec()
      .then((docs) => {
        if (!live || !ledger) return;
        const events = docs.map((d) => toBlankEvent(d.toJSON() as BlankEventDoc));
        setForecast(forecastStock(events, isStation ? 'checkpoint' : { deskId: desk.info.deskId }, Date.now(), isStation ? { minimum: 50 } : {}));
        setSpoiledThisShift(open && !isStation ? events.filter((e) => e.type === 'spoiled' && e.hlc >= open.hlc && ledger.blanks.get(e.number)?.deskId === desk.info.deskId).map((e) => (e as { number: string }).number).sort() : []);
      });
    return () => {
      live = false;
    };
  }, [desk, ledger, open]);

  // The report of the last close, rebuilt from the records after a reload.
  useEffect(() => {
    const closed = shifts?.lastClosed;
    if (!closed || open || report) return;
    void desk.db.shifts
      .findOne(closed.shiftId)
      .exec()
      .then(async (opened) => opened && setReport(await shiftReport(ctx, opened.toJSON() as ShiftEvent, closed)));
  }, [shifts, open]);

  const say = (text: string, isError = false) => setNotice({ text, isError });
  const refusalText = (err: unknown): string => {
    if (err instanceof ShiftRefused) {
      const r = err.refusal;
      if (r.code === 'reason-missing') return t('shift.errors.reason-missing', { number: r.number });
      if (r.code === 'blocked') return t('shift.errors.blocked', { blockers: r.blockers.map((b) => t(`shift.blocker.${b}`)).join('; ') });
      return t(`shift.errors.${r.code}`);
    }
    return t('shift.errors.failed', { message: err instanceof Error ? err.message : String(err) });
  };
  const run = async (fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      const isFull = await desk.storage.diagnose(err);
      say(isFull ? t('storage.full') : refusalText(err), true);
    } finally {
      setBusy(false);
    }
  };

  /** The stacks as counted, or a message naming the first entry that is not a blank number of its stack. */
  const countedStacks = (): CountedRange[] | string => {
    const out: CountedRange[] = [];
    for (const s of stacks) {
      const key = formatBlankRange(s);
      const c = counts[key] ?? { top: '', last: formatBlankNumber(s.series, s.to) };
      if (c.top.trim() === '') continue; // nothing found of this stack
      const top = normaliseBlankNumber(c.top);
      const last = normaliseBlankNumber(c.last);
      const range = top && last ? parseBlankRange(`${top}-${last}`) : null;
      if (!range) return t('shift.errors.bad-stack', { stack: key });
      out.push(range);
    }
    for (const part of extra.split(/[\s,;]+/).filter(Boolean)) {
      const [a, b = a] = part.split('-');
      const from = normaliseBlankNumber(a ?? '');
      const to = normaliseBlankNumber(b ?? '');
      const range = from && to ? parseBlankRange(`${from}-${to}`) : null;
      if (!range) return t('shift.errors.bad-extra', { text: part });
      out.push(range);
    }
    return out;
  };

  const reconcile = () =>
    run(async () => {
      const counted = countedStacks();
      if (typeof counted === 'string') return say(counted, true);
      const d = await previewClose(ctx, { counted, countedSpoiled: [...spoiledSeen], unsynced });
      setDraft(d);
      setNotice(null);
    });

  const close = () =>
    run(async () => {
      let supervisor = iAmSupervisor ? me.name : '';
      if (!iAmSupervisor) {
        if (countersign.login.trim() === '' || countersign.password === '') return say(t('shift.errors.need-supervisor'), true);
        const outcome = await authenticate(desk.db, { checkpointId: desk.info.checkpointId, role: desk.info.role ?? 'desk' }, desk.attempts, countersign.login, countersign.password, 'supervisor');
        if (!outcome.ok) {
          setCountersign({ ...countersign, password: '' });
          desk.onLoginRefused(countersign.login, outcome.refusal);
          const r = outcome.refusal;
          return say(r.code === 'wrong' ? t('login.wrong', { count: r.left }) : r.code === 'locked-out' ? t('login.lockedOut', { time: formatKzTime(new Date(r.until).toISOString()) }) : t('login.notAllowed'), true);
        }
        supervisor = outcome.user.name;
      }
      const counted = countedStacks();
      if (typeof counted === 'string') return say(counted, true);
      const result = await closeShift(ctx, { counted, countedSpoiled: [...spoiledSeen], unsynced, supervisor, reasons: new Map(Object.entries(reasons)), override: override.on ? { reason: override.reason } : null });
      setReport(result.report);
      setDraft(null);
      setCounts({});
      setExtra('');
      setReasons({});
      setSpoiledSeen(new Set());
      setOverride({ on: false, reason: '' });
      setCountersign({ login: '', password: '' });
      say(t('shift.closed', { count: result.closed.countedUnusedTotal }));
    });

  const openNext = () =>
    run(async () => {
      if (officer.trim() === '') return say(t('verify.needOfficer'), true);
      await openShift(ctx, officer);
      setReport(null);
      say(t('shift.opened'));
    });

  if (!shifts || !ledger) return <main className="verify shift">{t('startup.loading')}</main>;

  return (
    <main className="verify shift" data-testid="shift-screen">
      <h1>{isStation ? t('shift.titleCheckpoint') : t('shift.title')}</h1>
      {isStation && open && (
        <p className="hint" data-testid="open-desk-shifts">
          {openDesks.length === 0 ? t('shift.allDesksClosed') : t('shift.desksOpen', { desks: openDesks.map((s) => `${s.deskId} (${s.officerName})`).join(', ') })}
        </p>
      )}
      {forecast && (
        <p className={forecast.isLow ? 'stock-line stock-low' : 'stock-line'} data-testid="stock-forecast" data-low={forecast.isLow}>
          {isStation ? t('stock.forecastCheckpoint', { count: forecast.unused }) : t('shift.stock', { count: forecast.unused })}
          {forecast.runsOutOn ? ` ${t('shift.runsOut', { date: forecast.runsOutOn, perDay: forecast.perDay.toFixed(1) })}` : ''}
          {forecast.isLow ? ` ${t('shift.lowStock')}` : ''}
        </p>
      )}

      {!open ? (
        <section className="shift-open" data-testid="shift-closed-state">
          <p>{shifts.lastClosed ? t('shift.openingFromLast', { count: shifts.lastClosed.countedUnusedTotal, at: formatKzTime(shifts.lastClosed.occurredAt), by: shifts.lastClosed.by }) : t('shift.firstShift')}</p>
          <div className="verify-inputs">
            <OfficerField value={officer} />
            <button type="button" className="record" data-testid="open-shift" disabled={busy} onClick={() => void openNext()}>
              {t('shift.open')}
            </button>
          </div>
        </section>
      ) : (
        <section className="shift-close" data-testid="shift-open-state">
          <p data-testid="shift-info">{t('shift.openSince', { at: formatKzTime(open.occurredAt), by: open.officerName, count: open.openingUnused })}</p>
          <h2>{t('shift.countTitle')}</h2>
          <p className="hint">{t('shift.countHint')}</p>
          <table className="count-table">
            <thead>
              <tr>
                <th>{t('shift.stackExpected')}</th>
                <th>{t('shift.stackTop')}</th>
                <th>{t('shift.stackLast')}</th>
              </tr>
            </thead>
            <tbody>
              {stacks.length === 0 && (
                <tr>
                  <td colSpan={3}>{t('shift.noStacks')}</td>
                </tr>
              )}
              {stacks.map((s: BlankRange) => {
                const key = formatBlankRange(s);
                const c = counts[key] ?? { top: '', last: formatBlankNumber(s.series, s.to) };
                const set = (patch: Partial<StackCount>) => setCounts({ ...counts, [key]: { ...c, ...patch } });
                return (
                  <tr key={key}>
                    <td>{key}</td>
                    <td>
                      <input data-testid={`stack-top-${key}`} value={c.top} placeholder={formatBlankNumber(s.series, s.from)} onChange={(e) => set({ top: e.target.value })} autoComplete="off" />
                    </td>
                    <td>
                      <input data-testid={`stack-last-${key}`} value={c.last} onChange={(e) => set({ last: e.target.value })} autoComplete="off" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <label>
            <span className="label">{t('shift.extra')}</span>
            <input data-testid="count-extra" value={extra} onChange={(e) => setExtra(e.target.value)} placeholder="C0100201-C0100205" autoComplete="off" />
          </label>
          {spoiledThisShift.length > 0 && (
            <fieldset className="checklist" data-testid="spoiled-kept">
              <legend>{t('shift.spoiledKept')}</legend>
              {spoiledThisShift.map((n) => (
                <label key={n}>
                  <input
                    type="checkbox"
                    data-testid={`spoiled-${n}`}
                    checked={spoiledSeen.has(n)}
                    onChange={(e) => {
                      const next = new Set(spoiledSeen);
                      if (e.target.checked) next.add(n);
                      else next.delete(n);
                      setSpoiledSeen(next);
                    }}
                  />
                  {n}
                </label>
              ))}
            </fieldset>
          )}
          <button type="button" data-testid="reconcile" disabled={busy} onClick={() => void reconcile()}>
            {t('shift.reconcile')}
          </button>

          {draft && (
            <section className="reconciliation" data-testid="reconciliation" data-balanced={draft.differences.length === 0}>
              <p>{t('shift.expected', { expected: draft.reconciliation.expected['at-desk'], counted: draft.reconciliation.counted.unused })}</p>
              {draft.differences.length === 0 ? (
                <p className="balanced">{t('shift.balanced')}</p>
              ) : (
                <table className="count-table differences">
                  <thead>
                    <tr>
                      <th>{t('shift.number')}</th>
                      <th>{t('shift.kind')}</th>
                      <th>{t('shift.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {draft.differences.map((d) => (
                      <tr key={`${d.number}-${d.kind}`} data-testid={`difference-${d.number}`}>
                        <td>{d.number}</td>
                        <td>{t(`shift.difference.${d.kind === 'missing' && d.state === 'at-desk' ? 'missing-unused' : d.kind}`)}</td>
                        <td>
                          <input data-testid={`reason-${d.number}`} value={reasons[d.number] ?? ''} onChange={(e) => setReasons({ ...reasons, [d.number]: e.target.value })} autoComplete="off" />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {draft.blockers.length > 0 && (
                <div className="open-reservations" data-testid="close-blockers">
                  <h2>{t('shift.blockedTitle')}</h2>
                  <ul>
                    {draft.blockers.map((b) => (
                      <li key={b}>{t(`shift.blocker.${b}`, { count: unsynced })}</li>
                    ))}
                  </ul>
                  <label>
                    <input type="checkbox" data-testid="override" checked={override.on} onChange={(e) => setOverride({ ...override, on: e.target.checked })} /> {t('shift.override')}
                  </label>
                  {override.on && <input data-testid="override-reason" value={override.reason} placeholder={t('shift.overrideReason')} onChange={(e) => setOverride({ ...override, reason: e.target.value })} autoComplete="off" />}
                </div>
              )}
              <div className="verify-inputs">
                {iAmSupervisor ? (
                  <p>
                    <span className="label">{t('shift.supervisor')}</span> <strong data-testid="supervisor-name">{me.name}</strong>
                  </p>
                ) : (
                  <>
                    <label>
                      <span className="label">{t('login.supervisorLogin')}</span>
                      <input data-testid="supervisor-login" value={countersign.login} onChange={(e) => setCountersign({ ...countersign, login: e.target.value })} autoComplete="off" autoCapitalize="off" spellCheck={false} />
                    </label>
                    <label>
                      <span className="label">{t('login.supervisorPassword')}</span>
                      <input data-testid="supervisor-password" type="password" value={countersign.password} onChange={(e) => setCountersign({ ...countersign, password: e.target.value })} autoComplete="off" />
                    </label>
                  </>
                )}
                <button type="button" className="record" data-testid="close-shift" disabled={busy} onClick={() => void close()}>
                  {t('shift.close')}
                </button>
              </div>
            </section>
          )}
        </section>
      )}

      {report && !open && <ReportActions report={report} language={i18n.language} />}
      {notice && (
        <p className={notice.isError ? 'notice notice-error' : 'notice'} data-testid="shift-notice" role="status">
          {notice.text}
        </p>
      )}
    </main>
  );
}

