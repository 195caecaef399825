import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import type { Crossing } from '../../shared/documents/crossing.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { isAddendumQr, type AddendumQrPayload, type AddendumQrRefusal } from '../../shared/qr/addendum-qr.ts';
import { parseScan, type ScanResult } from '../../shared/rules/scan.ts';
import { verifyCPermit } from '../../shared/rules/verdict.ts';
import { useDesk } from '../app/desk-context.ts';
import { OfficerField, useOfficerName } from '../app/OfficerField.tsx';
import { findCrossings, findPermit } from '../db/lookup.ts';
import { findRegistryDocument, type RegistryHit } from '../documents/registry-lookup.ts';
import { hasRole } from '../../shared/users/user.ts';
import { RegistryPanel } from '../documents/RegistryPanel.tsx';
import { ExemptionForm } from '../documents/ExemptionForm.tsx';
import { TransitSaleForm } from '../documents/TransitSaleForm.tsx';
import { useObservable } from '../app/use-observable.ts';
import { ledger$ } from '../issue/desk-ledger.ts';
import { redeemOnExit } from '../issue/issuance.ts';
import { checkAddendumQr } from './addendum-qr-check.ts';
import { recordCrossing } from './record-crossing.ts';
import { ScanInput } from './ScanInput.tsx';
import { VerdictCard } from './VerdictCard.tsx';
import { recordScanTiming } from './scan-metrics.ts';

type Lookup =
  | { kind: 'none' }
  | { kind: 'scan-error'; error: Exclude<ScanResult, { ok: true }>['error']; seq: number }
  | { kind: 'qr-refused'; reason: AddendumQrRefusal; seq: number }
  /** The replica could not be read: no verdict at all, never the previous vehicle's. */
  | { kind: 'lookup-failed'; storageFull: boolean; message: string; seq: number }
  | { kind: 'found'; permit: CPermit | null; documentNumber: string; crossings: Crossing[]; seq: number; qr?: AddendumQrPayload & { deskId: string } }
  /** Any other document kind, from the centre's registry. */
  | { kind: 'registry'; hit: RegistryHit; seq: number };


export function VerifyScreen() {
  const { t } = useTranslation();
  const desk = useDesk();
  const [input, setInput] = useState('');
  const [plate, setPlate] = useState('');
  const officer = useOfficerName();
  const me = desk.session.current();
  const mayRecord = !!me && (hasRole(me, 'officer') || hasRole(me, 'supervisor'));
  const [lookup, setLookup] = useState<Lookup>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const [isNoticeError, setIsNoticeError] = useState(false);
  const [isRecording, setIsRecording] = useState(false);
  const [isExemptionOpen, setExemptionOpen] = useState(false);
  const [isTransitOpen, setTransitOpen] = useState(false);
  const started = useRef<{ seq: number; t0: number } | null>(null);
  const seq = useRef(0);
  // A ref, not state: a double click lands before React re-renders the disabled button.
  const isRecordingRef = useRef(false);

  async function submit(raw: string) {
    const mySeq = ++seq.current;
    try {
      await lookUp(raw, mySeq);
    } catch (err) {
      if (mySeq !== seq.current) return;
      const storageFull = await desk.storage.diagnose(err);
      setLookup({ kind: 'lookup-failed', storageFull, message: err instanceof Error ? err.message : String(err), seq: mySeq });
    }
  }

  async function lookUp(raw: string, mySeq: number) {
    const t0 = performance.now();
    started.current = { seq: mySeq, t0 };
    setNotice(null);
    if (isAddendumQr(raw.trim())) {
      // A Shekara addendum QR: its signature is checked before anything in it is believed.
      const qr = await checkAddendumQr(desk.bridge, raw.trim(), Date.now());
      if (mySeq !== seq.current) return;
      if (!qr.ok) setLookup({ kind: 'qr-refused', reason: qr.reason, seq: mySeq });
      else {
        const permit = await findPermit(desk.db, { kind: 'application', value: qr.payload.applicationNumber });
        const crossings = permit ? await findCrossings(desk.db, permit.id) : [];
        if (mySeq !== seq.current) return;
        setLookup({ kind: 'found', permit, documentNumber: qr.payload.applicationNumber, crossings, seq: mySeq, qr: { ...qr.payload, deskId: qr.certificate.deskId } });
      }
      setInput('');
      return;
    }
    const scan = parseScan(raw);
    const permit = scan.ok ? await findPermit(desk.db, scan.key) : null;
    // Not a C-permit of ours: any other document the centre's registry holds under this number.
    const hit = permit ? null : await findRegistryDocument(desk.db, raw);
    if (hit) {
      if (mySeq !== seq.current) return;
      setLookup({ kind: 'registry', hit, seq: mySeq });
    } else if (!scan.ok) {
      setLookup({ kind: 'scan-error', error: scan.error, seq: mySeq });
    } else {
      const crossings = permit ? await findCrossings(desk.db, permit.id) : [];
      if (mySeq !== seq.current) return; // a newer scan has started; drop this answer
      setLookup({ kind: 'found', permit, documentNumber: scan.key.value, crossings, seq: mySeq });
    }
    setInput('');
  }

  // The time from Enter to the verdict on screen, for the bench.
  useEffect(() => {
    if (lookup.kind === 'none' || !started.current || started.current.seq !== lookup.seq) return;
    recordScanTiming(performance.now() - started.current.t0);
    started.current = null;
  }, [lookup]);

  // Keep the verdict live: a crossing recorded here or pulled from another desk changes it at once.
  const permitId = lookup.kind === 'found' ? lookup.permit?.id : undefined;
  useEffect(() => {
    if (!permitId) return;
    const sub = desk.db.crossings.find({ selector: { permitId } }).$.subscribe((docs) => {
      setLookup((prev) => (prev.kind === 'found' && prev.permit?.id === permitId ? { ...prev, crossings: docs.map((d) => d.toJSON() as Crossing) } : prev));
    });
    return () => sub.unsubscribe();
  }, [desk, permitId]);

  const ledger = useObservable(useMemo(() => ledger$(desk.db), [desk]), null);
  const permitForBlank = lookup.kind === 'found' ? lookup.permit?.id : undefined;
  const issuedBlank = useMemo(() => {
    if (!ledger || !permitForBlank) return null;
    for (const b of ledger.blanks.values()) if (b.applicationId === permitForBlank && (b.state === 'issued' || b.state === 'redeemed')) return b.number;
    return null;
  }, [ledger, permitForBlank]);

  const verdict = useMemo(() => {
    if (lookup.kind !== 'found') return null;
    return verifyCPermit({
      permit: lookup.permit,
      crossings: lookup.crossings,
      checkpointId: desk.info.checkpointId as CheckpointId,
      direction: 'exit',
      presentedPlate: plate,
      nowMs: Date.now(),
    });
  }, [lookup, plate, desk]);

  async function onRecordExit() {
    if (!mayRecord) return; // a technician checks scans and records nothing

    if (lookup.kind !== 'found' || !lookup.permit || !verdict?.isAllowed) return;
    if (!officer.trim()) {
      setNotice(t('verify.needOfficer'));
      setIsNoticeError(true);
      return;
    }
    if (isRecordingRef.current) return;
    isRecordingRef.current = true;
    setIsRecording(true);
    try {
      await recordCrossing(desk.db, {
        permit: lookup.permit,
        documentNumber: lookup.documentNumber,
        direction: 'exit',
        checkpointId: desk.info.checkpointId as CheckpointId,
        deskId: desk.info.deskId,
        officerName: officer,
        userId: me?.id ?? null,
        plate: plate.trim() || lookup.permit.vehicle.plate,
        seenCrossings: lookup.crossings,
      });
      await redeemOnExit({ db: desk.db, checkpointId: desk.info.checkpointId as CheckpointId, deskId: desk.info.deskId, officerName: officer }, lookup.permit.id);
      setNotice(t('verify.recorded'));
      setIsNoticeError(false);
    } catch (err) {
      // A full disk refuses the write whole: nothing half-recorded, and the officer is told plainly.
      setNotice((await desk.storage.diagnose(err)) ? t('storage.full') : t('verify.recordFailed', { message: err instanceof Error ? err.message : String(err) }));
      setIsNoticeError(true);
    } finally {
      isRecordingRef.current = false;
      setIsRecording(false);
    }
  }

  return (
    <main className="verify">
      <h1>{t('verify.title')}</h1>
      <div className="verify-inputs">
        <ScanInput id="scan" value={input} onChange={setInput} onSubmit={(v) => void submit(v)} label={t('verify.scanLabel')} hint={t('verify.scanHint')} />
        <label className="plate-field">
          <span className="label">{t('verify.plateLabel')}</span>
          <input data-testid="plate-input" value={plate} onChange={(e) => setPlate(e.target.value)} autoComplete="off" />
        </label>
        <OfficerField value={officer} />
        <button type="button" data-testid="check-button" onClick={() => void submit(input)}>
          {t('verify.check')}
        </button>
        <button type="button" data-testid="open-exemption" aria-pressed={isExemptionOpen} onClick={() => setExemptionOpen((x) => !x)}>
          {t('doc.exemptionOpen')}
        </button>
        <button type="button" data-testid="open-transit" aria-pressed={isTransitOpen} onClick={() => setTransitOpen((x) => !x)}>
          {t('transit.open')}
        </button>
      </div>
      {isExemptionOpen && <ExemptionForm plate={plate} officer={officer} />}
      {isTransitOpen && <TransitSaleForm plate={plate} officer={officer} />}
      {lookup.kind === 'scan-error' && (
        <section className="verdict verdict-not-recognised" data-testid="verdict" data-status="not-recognised" aria-live="assertive">
          <h2 data-testid="verdict-status">{t('status.not-recognised')}</h2>
          <p>{t(`scanError.${lookup.error}`)}</p>
        </section>
      )}
      {lookup.kind === 'lookup-failed' && (
        <section className="verdict verdict-not-recognised" data-testid="verdict" data-status="lookup-failed" aria-live="assertive">
          <h2 data-testid="verdict-status">{t('verify.lookupFailedTitle')}</h2>
          <p>{lookup.storageFull ? t('storage.fullLookup') : t('verify.lookupFailed', { message: lookup.message })}</p>
        </section>
      )}
      {lookup.kind === 'qr-refused' && (
        <section className="verdict verdict-not-recognised" data-testid="verdict" data-status="qr-refused" data-reason={lookup.reason} aria-live="assertive">
          <h2 data-testid="verdict-status">{t('qr.refusedTitle')}</h2>
          <p>{t(`qr.refused.${lookup.reason}`)}</p>
        </section>
      )}
      {lookup.kind === 'found' && lookup.qr && (
        <p className="qr-verified" data-testid="qr-verified" data-blank={lookup.qr.blankNumber}>
          {t('qr.verified', { desk: lookup.qr.deskId, blank: lookup.qr.blankNumber, date: lookup.qr.issueDate })}
        </p>
      )}
      {verdict && lookup.kind === 'found' && <VerdictCard verdict={verdict} crossings={lookup.crossings} issuedBlank={issuedBlank} />}
      {lookup.kind === 'registry' && <RegistryPanel key={`${lookup.hit.row.id}:${lookup.seq}`} hit={lookup.hit} plate={plate} officer={officer} />}
      {verdict?.isAllowed && (
        <button type="button" className="record" data-testid="record-exit" disabled={isRecording} onClick={() => void onRecordExit()}>
          {t('verify.recordExit')}
        </button>
      )}
      {notice && (
        <p className={isNoticeError ? 'notice notice-error' : 'notice'} data-testid="notice" role="status">
          {notice}
        </p>
      )}
    </main>
  );
}
