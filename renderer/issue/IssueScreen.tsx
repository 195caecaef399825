import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import type { Crossing } from '../../shared/documents/crossing.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { addendumEligibility } from '../../shared/rules/addendum-eligibility.ts';
import { parseScan } from '../../shared/rules/scan.ts';
import type { BlankRecord } from '../../shared/blanks/ledger.ts';
import { useDesk } from '../app/desk-context.ts';
import { OfficerField, useOfficerName } from '../app/OfficerField.tsx';
import { useObservable } from '../app/use-observable.ts';
import { findCrossings, findPermit } from '../db/lookup.ts';
import { ScanInput } from '../verify/ScanInput.tsx';
import { awaitPushed } from './await-pushed.ts';
import { ledger$ } from './desk-ledger.ts';
import { recordIssueLookup, recordIssuePrint } from './issue-metrics.ts';
import { confirmHandover, findApplicationBlank, IssuanceRefused, loseBlank, markPrinted, markPrintFailed, markPrintRequested, returnBlank, openReservations, releaseBlank, reserveBlank, spoilBlank, type IssuanceContext } from './issuance.ts';

const HANDWRITTEN = ['carrier', 'address', 'vehicle', 'date', 'seal', 'signature'] as const;
const SPOIL_REASONS = ['misprint', 'torn', 'wrong-data'] as const;

type Found = { permit: CPermit; crossings: Crossing[] } | { permit: null; number: string };

/**
 * The desk's main job (seed 000 Rules §13): on the day of crossing, print the addendum, fill in the
 * blank by hand and hand both over. Every step is written before the next is offered, so a crash at any
 * point leaves the blank in a state the officer is asked about on return (the "unfinished" list).
 */
export function IssueScreen() {
  const { t } = useTranslation();
  const desk = useDesk();
  const ledger = useObservable(useMemo(() => ledger$(desk.db), [desk]), null);
  const [input, setInput] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [spoilReason, setSpoilReason] = useState<string>('');
  const [isBusy, setIsBusy] = useState(false);
  const busy = useRef(false);
  const officer = useOfficerName();
  const ctx: IssuanceContext = { db: desk.db, checkpointId: desk.info.checkpointId as CheckpointId, deskId: desk.info.deskId, officerName: officer.trim(), userId: desk.session.current()?.id ?? null };

  const say = (text: string, isError = false) => setNotice({ text, isError });
  const sayError = (err: unknown, number = '') => {
    if (err instanceof IssuanceRefused) return say(t(`issue.errors.${err.code}`), true);
    // A full disk refuses the write whole; the officer is told so, not shown a raw IndexedDB error.
    void desk.storage.diagnose(err).then((isFull) => say(isFull ? t('storage.full') : t('issue.printFailed', { message: err instanceof Error ? err.message : String(err), number }), true));
  };

  /** One action at a time; a second click while one runs does nothing. */
  async function run(action: () => Promise<void>) {
    if (busy.current) return;
    busy.current = true;
    setIsBusy(true);
    try {
      await action();
    } finally {
      busy.current = false;
      setIsBusy(false);
    }
  }

  async function lookUp(raw: string) {
    const t0 = performance.now();
    setNotice(null);
    setChecked(new Set());
    const scan = parseScan(raw);
    setInput('');
    if (!scan.ok) return say(t(`scanError.${scan.error}`), true);
    const permit = await findPermit(desk.db, scan.key);
    if (!permit) return setFound({ permit: null, number: scan.key.value });
    setFound({ permit, crossings: await findCrossings(desk.db, permit.id) });
    recordIssueLookup(performance.now() - t0);
  }

  const current: BlankRecord | null = found?.permit && ledger ? findApplicationBlank(ledger, desk.info.deskId, found.permit.id) : null;
  const eligibility =
    found?.permit &&
    addendumEligibility({
      permit: found.permit,
      crossings: found.crossings,
      checkpointId: desk.info.checkpointId as CheckpointId,
      issuedBlankNumber: current && current.state !== 'reserved' && current.state !== 'spoiled' ? current.number : null,
      nowMs: Date.now(),
    });
  const stackLeft = ledger ? [...ledger.blanks.values()].filter((b) => b.deskId === desk.info.deskId && b.state === 'at-desk').length : 0;
  const open = ledger ? openReservations(ledger, desk.info.deskId).filter((b) => b.applicationId !== found?.permit?.id) : [];

  /** True when the queue took the addendum and the blank is recorded as printed. */
  async function print(permit: CPermit, blank: BlankRecord): Promise<boolean> {
    say(t('issue.printing'));
    await markPrintRequested(ctx, blank.number);
    // A thrown call (the web host died, the connection dropped) leaves the outcome unknown: the print stays pending.
    const result = await desk.bridge.printAddendum({ addendumId: blank.reservationId!, permit, blankNumber: blank.number, issuedAt: new Date().toISOString(), officerName: ctx.officerName });
    if (!result.ok) {
      if (result.error !== 'printer-timeout' && result.error !== 'timeout') await markPrintFailed(ctx, blank.number);
      say(t('issue.printFailed', { message: result.message, number: blank.number }), true);
      return false;
    }
    await markPrinted(ctx, blank.number);
    say(t('issue.printed', { number: blank.number }));
    return true;
  }

  const takeAndPrint = (permit: CPermit) =>
    run(async () => {
      // The addendum names the issuing officer; the blank is not touched before that is known.
      if (!ctx.officerName) return say(t('verify.needOfficer'), true);
      try {
        const t0 = performance.now();
        const blank = await reserveBlank(ctx, permit.id);
        if (await print(permit, blank)) recordIssuePrint(performance.now() - t0);
      } catch (err) {
        sayError(err);
      }
    });

  const reprint = (permit: CPermit, blank: BlankRecord) => run(() => print(permit, blank).then(() => undefined, (err: unknown) => sayError(err, blank.number)));

  const printCarrierSlip = (permit: CPermit, blank: BlankRecord) =>
    run(async () => {
      try {
        const result = await desk.bridge.printSlip({ addendumId: blank.reservationId!, permit, blankNumber: blank.number, issuedAt: new Date().toISOString(), officerName: ctx.officerName || desk.info.deskId });
        say(result.ok ? t('issue.slipPrinted') : t('issue.slipFailed', { message: result.message }), !result.ok);
      } catch (err) {
        say(t('issue.slipFailed', { message: err instanceof Error ? err.message : String(err) }), true);
      }
    });

  const handOver = (blank: BlankRecord) =>
    run(async () => {
      try {
        if (desk.sync.status$.value.isOnline) {
          await awaitPushed(desk.db, blank.number, 3_000, () => desk.replication.reSync());
        }
        await confirmHandover(ctx, blank.number);
        say(t('issue.handedOver', { number: blank.number, application: blank.applicationId }));
        setChecked(new Set());
      } catch (err) {
        sayError(err);
      }
    });

  const spoil = (blank: BlankRecord) =>
    run(async () => {
      try {
        await spoilBlank(ctx, blank.number, spoilReason);
        say(t('issue.spoiled', { number: blank.number }));
        setSpoilReason('');
        setChecked(new Set());
      } catch (err) {
        sayError(err);
      }
    });

  const [afterReason, setAfterReason] = useState('');
  const closeIssued = (blank: BlankRecord, outcome: 'returned' | 'lost') =>
    run(async () => {
      try {
        await (outcome === 'returned' ? returnBlank : loseBlank)(ctx, blank.number, afterReason);
        say(t(`issue.${outcome}Done`, { number: blank.number }));
        setAfterReason('');
      } catch (err) {
        sayError(err);
      }
    });

  const release = (blank: BlankRecord) =>
    run(async () => {
      try {
        await releaseBlank(ctx, blank.number);
        say(t('issue.released', { number: blank.number }));
      } catch (err) {
        sayError(err);
      }
    });

  const spoilControls = (blank: BlankRecord) => (
    <span className="spoil">
      <select data-testid="spoil-reason" value={spoilReason} onChange={(e) => setSpoilReason(e.target.value)} aria-label={t('issue.spoilReason')}>
        <option value="">{t('issue.spoilReason')}…</option>
        {SPOIL_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`issue.spoilReasons.${r}`)}
          </option>
        ))}
      </select>
      <button type="button" data-testid="spoil" disabled={isBusy} onClick={() => void spoil(blank)}>
        {t('issue.spoil')}
      </button>
    </span>
  );

  return (
    <main className="verify issue">
      <h1>{t('issue.title')}</h1>
      <p data-testid="stack-left" data-count={stackLeft}>
        {t('issue.stackLeft', { count: stackLeft })}
      </p>
      {open.length > 0 && (
        <section className="open-reservations" data-testid="open-reservations">
          <h2>{t('issue.openTitle')}</h2>
          <ul>
            {open.map((b) => (
              <li key={b.number} data-testid="open-reservation" data-number={b.number}>
                {t('issue.openItem', { number: b.number, application: b.applicationId })} — {b.isPrinted ? t('issue.openPrinted') : b.isPrintPending ? t('issue.openPrintUncertain') : t('issue.openNotPrinted')}{' '}
                <button type="button" onClick={() => void lookUp(b.applicationId ?? '')}>
                  {b.applicationId}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="verify-inputs">
        <ScanInput id="issue-scan" value={input} onChange={setInput} onSubmit={(v) => void lookUp(v)} label={t('issue.scanLabel')} hint={t('verify.scanHint')} />
        <OfficerField value={officer} />
      </div>
      {found && !found.permit && (
        <section className="verdict verdict-unknown" data-testid="issue-eligibility" data-eligible="false">
          <h2>{t('status.unknown')}</h2>
          <p>{found.number}</p>
        </section>
      )}
      {found?.permit && eligibility && (
        <section className={`verdict ${eligibility.isEligible || current?.state === 'reserved' ? 'verdict-valid' : 'verdict-refused'}`} data-testid="issue-eligibility" data-eligible={eligibility.isEligible}>
          <h2>{eligibility.isEligible || current?.state === 'reserved' ? t('issue.eligible') : t('issue.notEligible')}</h2>
          {eligibility.reasons.length > 0 && (
            <ul>
              {eligibility.reasons.map((r) => (
                <li key={r.code} data-reason={r.code}>
                  {r.code === 'not-booked-today' || r.code === 'blank-already-issued' ? t(`issue.reason.${r.code}`, r.params) : t(`reason.${r.code}`, r.params)} <span className="paragraph">({r.paragraph})</span>
                </li>
              ))}
            </ul>
          )}
          <dl className="fields">
            <dt>{t('field.applicationNumber')}</dt>
            <dd>{found.permit.applicationNumber}</dd>
            <dt>{t('field.carrierName')}</dt>
            <dd>{found.permit.carrier.nameKk}</dd>
            <dt>{t('field.vehicle')}</dt>
            <dd>
              {found.permit.vehicle.model}, <strong>{found.permit.vehicle.plate}</strong>
            </dd>
            {current && (
              <>
                <dt>{t('issue.blank')}</dt>
                <dd data-testid="issue-blank" data-state={current.state} data-printed={current.isPrinted} data-print-pending={current.isPrintPending}>
                  <strong>{current.number}</strong>
                </dd>
              </>
            )}
          </dl>
          {current && (current.isPrinted || current.state === 'issued') && (
            <button type="button" data-testid="print-slip" disabled={isBusy} onClick={() => void printCarrierSlip(found.permit, current)}>
              {t('issue.printSlip')}
            </button>
          )}
          {current?.state === 'issued' && (
            <div className="issuance-steps" data-testid="after-issue">
              <input data-testid="after-reason" placeholder={t('issue.afterReason')} value={afterReason} onChange={(e) => setAfterReason(e.target.value)} />
              <button type="button" data-testid="returned" disabled={isBusy} onClick={() => void closeIssued(current, 'returned')}>
                {t('issue.returned')}
              </button>
              <button type="button" data-testid="lost" disabled={isBusy} onClick={() => void closeIssued(current, 'lost')}>
                {t('issue.lost')}
              </button>
            </div>
          )}
          {eligibility.isEligible && (!current || current.state === 'spoiled') && (
            <button type="button" className="record" data-testid="take-and-print" disabled={isBusy} onClick={() => void takeAndPrint(found.permit)}>
              {t('issue.takeAndPrint')}
            </button>
          )}
          {current?.state === 'reserved' && (
            <div className="issuance-steps">
              <button type="button" data-testid="print-again" disabled={isBusy} onClick={() => void reprint(found.permit, current)}>
                {t('issue.printAgain')}
              </button>
              {!current.isPrinted && !current.isPrintPending && (
                <button type="button" data-testid="release" disabled={isBusy} onClick={() => void release(current)}>
                  {t('issue.release')}
                </button>
              )}
              {spoilControls(current)}
              {current.isPrinted && (
                <fieldset className="checklist" data-testid="checklist">
                  <legend>{t('issue.checklistTitle')}</legend>
                  {HANDWRITTEN.map((f) => (
                    <label key={f}>
                      <input
                        type="checkbox"
                        data-testid={`check-${f}`}
                        checked={checked.has(f)}
                        onChange={(e) => setChecked((prev) => {
                          const next = new Set(prev);
                          if (e.target.checked) next.add(f);
                          else next.delete(f);
                          return next;
                        })}
                      />{' '}
                      {t(`issue.handwritten.${f}`)}
                    </label>
                  ))}
                  <button type="button" className="record" data-testid="hand-over" disabled={isBusy || checked.size < HANDWRITTEN.length} onClick={() => void handOver(current)}>
                    {t('issue.handOver')}
                  </button>
                </fieldset>
              )}
            </div>
          )}
        </section>
      )}
      {notice && (
        <p className={notice.isError ? 'notice notice-error' : 'notice'} data-testid="issue-notice" role="status">
          {notice.text}
        </p>
      )}
    </main>
  );
}
