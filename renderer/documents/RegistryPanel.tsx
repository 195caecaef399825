import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Direction } from '../../shared/documents/crossing.ts';
import type { JournalEntry, JournalEvent } from '../../shared/documents/journal-entry.ts';
import { STALE_AFTER_MS } from '../../shared/documents/journal-entry.ts';
import type { RegistryPresented } from '../../shared/documents/registry-document.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { sealActionReasons, transitPassageReasons, withJournal } from '../../shared/rules/apply-journal.ts';
import { addDays, kzDate } from '../../shared/rules/local-date.ts';
import { verifyDocument, type DocumentReason } from '../../shared/rules/verify-document.ts';
import { remainingQuantity } from '../../shared/documents/trade-permit.ts';
import { normalizeHsCode } from '../../shared/reference/hs-codes.ts';
import { useDesk } from '../app/desk-context.ts';
import { mayRecord } from '../app/OfficerField.tsx';
import { useObservable } from '../app/use-observable.ts';
import { draftFor, documentJournalFields, type JournalExtras } from './journal-draft.ts';
import { recordJournalEntry, type JournalDraft } from './record-journal.ts';
import type { RegistryHit } from './registry-lookup.ts';
import { DocumentVerdict } from './ReasonList.tsx';
import { VehicleHistory } from './VehicleHistory.tsx';

type Props = { hit: RegistryHit; plate: string; officer: string };
type Found = { id: string; kind: RegistryPresented['kind']; number: string; document: RegistryPresented };

/** The entries on one document at every desk, live: a mark pulled from another desk changes the verdict at once. */
function useDocumentJournal(documentId: string): JournalEntry[] | null {
  const desk = useDesk();
  const obs = useMemo(() => desk.db.journal.find({ selector: { documentId }, sort: [{ hlc: 'asc' }] }).$, [desk, documentId]);
  const docs = useObservable<unknown[] | null>(obs, null);
  return useMemo(() => docs?.map((d) => (d as { toJSON(): JournalEntry }).toJSON()) ?? null, [docs]);
}

/** Any document other than a C-permit: what it is, whether it lets this vehicle through, and what to record. */
export function RegistryPanel({ hit, plate, officer }: Props) {
  const { t } = useTranslation();
  if (!hit.document) {
    return (
      <section className="verdict verdict-not-recognised" data-testid="doc-verdict" data-status="unreadable" aria-live="assertive">
        <h2>{t('doc.unreadableTitle')}</h2>
        <p>{t('doc.unreadable', { number: hit.row.number })}</p>
      </section>
    );
  }
  const found: Found = { id: hit.row.id, kind: hit.row.kind, number: hit.row.number, document: hit.document };
  return <FoundDocument key={found.id} found={found} plate={plate} officer={officer} />;
}

function FoundDocument({ found, plate, officer }: { found: Found; plate: string; officer: string }) {
  const loaded = useDocumentJournal(found.id);
  // Nothing is judged before the journal is read: a verdict without its marks could let a used permit through.
  if (!loaded) return <p data-testid="registry-loading">…</p>;
  return <LoadedDocument found={found} entries={loaded} plate={plate} officer={officer} />;
}

function LoadedDocument({ found, entries, plate, officer }: { found: Found; entries: JournalEntry[]; plate: string; officer: string }) {
  const { t } = useTranslation();
  const doc = useMemo(() => withJournal(found.document, entries), [found, entries]);
  const own = documentJournalFields(found.document);
  const vehiclePlate = plate.trim() || own.vehiclePlate;
  return (
    <div className="registry" data-testid="registry-document" data-kind={found.kind}>
      <h2 className="doc-title">
        {t(`docKind.${found.kind}`)} <span data-testid="doc-number">{found.number}</span>
      </h2>
      <DocumentFacts doc={doc} />
      <StaleBanner />
      {doc.kind === 'kz-domestic-permit' || doc.kind === 'cn-permit' || doc.kind === 'kz-transit-passage' ? (
        <MarkForm found={found} doc={doc} entries={entries} plate={vehiclePlate} officer={officer} />
      ) : doc.kind === 'export-permit-003' || doc.kind === 'licence-004' ? (
        <WriteOffForm found={found} doc={doc} entries={entries} plate={vehiclePlate} officer={officer} />
      ) : doc.kind === 'seal-escort' ? (
        <SealForm found={found} doc={doc} entries={entries} plate={vehiclePlate} officer={officer} />
      ) : (
        <PlainVerdict doc={doc} plate={vehiclePlate} />
      )}
      <VehicleHistory plate={vehiclePlate} />
    </div>
  );
}

function DocumentFacts({ doc }: { doc: RegistryPresented }) {
  const { t } = useTranslation();
  const own = documentJournalFields(doc);
  const rows: [string, string][] = [];
  if (own.carrierName) rows.push([t('journal.col.carrierName'), own.carrierName]);
  if (own.carrierCountry) rows.push([t('journal.col.carrierCountry'), own.carrierCountry]);
  if (own.vehiclePlate) rows.push([t('journal.col.vehiclePlate'), own.vehiclePlate + (own.trailerPlate ? ` / ${own.trailerPlate}` : '')]);
  if (own.permitValidTo) rows.push([t('journal.col.permitValidTo'), own.permitValidTo]);
  if (own.route) rows.push([t('journal.col.route'), own.route]);
  if ('marks' in doc) for (const m of doc.marks) rows.push([t(`journal.event.${m.type}-mark`), `${new Date(m.at).toLocaleString()}${m.exitDeadline ? ` → ${m.exitDeadline}` : ''}`]);
  if (doc.kind === 'kz-domestic-permit') rows.push([t('journal.col.permitType'), t(`permitType.${doc.category}`)]);
  if (doc.kind === 'export-permit-003' || doc.kind === 'licence-004') {
    rows.push([t('doc.applicant'), `${doc.applicant.name}, ${doc.applicant.binIin.replace(/^\d{8}/, '••••••••')}`]);
    rows.push([t('doc.hsCode'), `${doc.hsCode} ${doc.goodsDescription}`]);
    rows.push([t('doc.destination'), doc.destinationCountry]);
    rows.push([t('doc.left'), `${remainingQuantity(doc)} / ${doc.quantity} ${doc.unit}`]);
  }
  if (doc.kind === 'seal-escort') {
    rows.push([t('doc.seal'), doc.sealNumber]);
    rows.push([t('doc.sealState'), doc.deactivatedAt ? t('doc.sealRemoved') : doc.activatedAt ? t('doc.sealActive') : t('doc.sealNotApplied')]);
  }
  return (
    <dl className="fields" data-testid="doc-facts">
      {rows.map(([k, v], i) => (
        <div key={i} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd data-testid={i === rows.length - 1 ? 'doc-fact-last' : undefined}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Says, before the officer acts, that a decision now will be provisional. */
function StaleBanner() {
  const { t } = useTranslation();
  const desk = useDesk();
  const status = useObservable(desk.sync.status$, desk.sync.status$.value);
  // Data goes stale as time passes, not only when the status changes.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const isStale = !status.isOnline || status.lastSyncAt === null || Date.now() - status.lastSyncAt > STALE_AFTER_MS;
  if (!isStale) return null;
  return (
    <p className="notice notice-warning" data-testid="stale-banner">
      {status.lastSyncAt ? t('doc.staleSince', { at: new Date(status.lastSyncAt).toLocaleString() }) : t('doc.staleNever')}
    </p>
  );
}

function PlainVerdict({ doc, plate }: { doc: RegistryPresented; plate: string }) {
  const desk = useDesk();
  const v = verifyDocument({ document: doc, vehicle: { plate }, checkpointId: desk.info.checkpointId as CheckpointId, direction: 'exit', nowMs: Date.now() });
  return <DocumentVerdict reasons={v.reasons} />;
}

/**
 * Records a journal entry once, however fast the button is pressed, and says how it went. The form
 * stays locked until the entry shows in the document's journal, so a second press cannot act on the
 * verdict from before it (a second mark, a seal removed right after it was applied).
 */
function useRecorder(entries: readonly JournalEntry[]) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const busy = useRef(false);
  const isPending = pendingId !== null && !entries.some((e) => e.id === pendingId);
  async function record(draft: JournalDraft, seen: readonly JournalEntry[], nowMs = Date.now()): Promise<JournalEntry | null> {
    if (!draft.officerName.trim() || !mayRecord(desk)) {
      setNotice({ text: t('verify.needOfficer'), isError: true });
      return null;
    }
    if (busy.current || isPending) return null;
    busy.current = true;
    setBusy(true);
    try {
      const entry = await recordJournalEntry(desk.db, draft, { sync: desk.sync.status$.value, seen, nowMs, userId: desk.session.current()?.id ?? null });
      setPendingId(entry.id);
      setNotice({ text: entry.provisional ? t('doc.recordedProvisional') : t('doc.recorded'), isError: false });
      return entry;
    } catch (err) {
      const full = await desk.storage.diagnose(err);
      setNotice({ text: full ? t('storage.full') : t('doc.recordFailed', { message: describeError(err) }), isError: true });
      return null;
    } finally {
      busy.current = false;
      setBusy(false);
    }
  }
  const view = notice && (
    <p className={notice.isError ? 'notice notice-error' : 'notice'} data-testid="doc-notice" role="status">
      {notice.text}
    </p>
  );
  const reset = () => {
    setPendingId(null);
    setNotice(null);
  };
  return { record, isBusy: isBusy || isPending, hasRecorded: pendingId !== null && notice !== null && !notice.isError, reset, view };
}

/** A refused write names the fields, not zod's JSON. */
function describeError(err: unknown): string {
  const issues = (err as { issues?: { path: (string | number)[]; message: string }[] }).issues;
  if (Array.isArray(issues)) return issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return err instanceof Error ? err.message : String(err);
}

function Field({ label, value, onChange, testId, type = 'text', max }: { label: string; value: string; onChange: (v: string) => void; testId: string; type?: string; max?: string }) {
  return (
    <label className="doc-field">
      <span className="label">{label}</span>
      <input data-testid={testId} type={type} value={value} max={max} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
    </label>
  );
}

/** Entry and exit marks on a permit (seed 002 p.50), each a row of the journal with its 14 fields (p.52). */
function MarkForm({ found, doc, entries, plate, officer }: { found: Found; doc: Extract<RegistryPresented, { kind: 'kz-domestic-permit' | 'cn-permit' | 'kz-transit-passage' }>; entries: JournalEntry[]; plate: string; officer: string }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const own = documentJournalFields(found.document);
  // A permit sold here was sold on entry: the next mark on it is the exit.
  const hasEntered = 'marks' in doc ? doc.marks.some((m) => m.type === 'entry') : entries.some((e) => e.event === 'entry-mark' || e.event === 'transit-sold');
  const [direction, setDirection] = useState<Direction>(hasEntered ? 'exit' : 'entry');
  const today = kzDate(Date.now());
  const [exitDeadline, setExitDeadline] = useState(addDays(today, 30));
  const [extras, setExtras] = useState<JournalExtras>({ carrierAddress: '', dispatchCountry: '', destinationCountry: '', route: own.route, vehicleMake: '', vehiclePlate: plate, trailerPlate: own.trailerPlate });
  useEffect(() => setExtras((x) => ({ ...x, vehiclePlate: plate })), [plate]);
  const set = (k: keyof JournalExtras) => (v: string) => setExtras((x) => ({ ...x, [k]: v }));
  const rec = useRecorder(entries);

  const [distanceKm, setDistanceKm] = useState('');
  const asksDistance = doc.kind === 'cn-permit' && doc.permitType !== 'A' && direction === 'entry';

  /** The verdict at a moment: shown as the officer fills the form, and taken again at the press. */
  const judge = (nowMs: number): DocumentReason[] => {
    const day = kzDate(nowMs);
    const from = extras.dispatchCountry.trim().toUpperCase();
    const to = extras.destinationCountry.trim().toUpperCase();
    const cargo = /^[A-Z]{2}$/.test(from) && /^[A-Z]{2}$/.test(to) ? { loadingCountry: from, unloadingCountry: to } : null;
    const km = Number(distanceKm.replace(',', '.'));
    const v = verifyDocument({ document: doc, vehicle: { plate: extras.vehiclePlate, trailerPlate: extras.trailerPlate || null }, checkpointId: desk.info.checkpointId as CheckpointId, direction, nowMs, cargo, ...(asksDistance && distanceKm.trim() && km >= 0 ? { destinationKmFromBorder: km } : {}) });
    const out: DocumentReason[] = [...v.reasons, ...(doc.kind === 'kz-transit-passage' ? transitPassageReasons(entries, direction) : [])];
    // The deadline written at entry: from today, at most 30 calendar days (p.50).
    if (direction === 'entry' && doc.kind !== 'kz-transit-passage' && (!/^\d{4}-\d{2}-\d{2}$/.test(exitDeadline) || exitDeadline < day || exitDeadline > addDays(day, 30))) out.push({ code: 'exit-deadline-invalid', paragraph: 'Seed 002 p.50', params: { limit: addDays(day, 30) } });
    if (!extras.vehiclePlate.trim()) out.push({ code: 'plate-required', paragraph: 'Seed 002 p.52.8' });
    // Dispatch and destination (p.52.4-5) are what the carriage rules (p.44-46, p.52 part 1) judge.
    if (!cargo) out.push({ code: 'countries-required', paragraph: 'Seed 002 p.52.4-5' });
    if (asksDistance && !(distanceKm.trim() && km >= 0)) out.push({ code: 'distance-required', paragraph: 'Seed 002 p.43' });
    return out;
  };
  const reasons = judge(Date.now());

  async function onRecord() {
    // Judged again at the press: a form left open past midnight or a deadline must not record the old verdict.
    const nowMs = Date.now();
    if (judge(nowMs).length > 0) return;
    const event: JournalEvent = direction === 'entry' ? 'entry-mark' : 'exit-mark';
    await rec.record(draftFor(event, found, { direction, checkpointId: desk.info.checkpointId as CheckpointId, deskId: desk.info.deskId, officerName: officer, reasons: [] }, extras, { exitDeadline: direction === 'entry' && doc.kind !== 'kz-transit-passage' ? exitDeadline : '' }), entries, nowMs);
  }

  if (rec.hasRecorded) {
    // Recorded: say so plainly, rather than the verdict on a second mark of the same kind.
    return (
      <div className="doc-action" data-testid="mark-form" data-state="recorded">
        {rec.view}
        <button type="button" data-testid="next-mark" disabled={rec.isBusy} onClick={rec.reset}>
          {t('doc.nextMark')}
        </button>
      </div>
    );
  }
  return (
    <div className="doc-action" data-testid="mark-form">
      <div className="direction" role="radiogroup" aria-label={t('doc.direction')}>
        {(['entry', 'exit'] as const).map((d) => (
          <button key={d} type="button" data-testid={`direction-${d}`} aria-pressed={direction === d} onClick={() => setDirection(d)}>
            {t(`doc.direction-${d}`)}
          </button>
        ))}
      </div>
      <DocumentVerdict reasons={reasons} />
      <div className="doc-fields">
        {direction === 'entry' && doc.kind !== 'kz-transit-passage' && <Field label={t('doc.exitDeadline')} testId="exit-deadline" type="date" value={exitDeadline} max={addDays(today, 30)} onChange={setExitDeadline} />}
        {asksDistance && <Field label={t('doc.distanceKm')} testId="mark-distance" value={distanceKm} onChange={setDistanceKm} />}
        <Field label={t('journal.col.vehiclePlate')} testId="mark-plate" value={extras.vehiclePlate} onChange={set('vehiclePlate')} />
        <Field label={t('journal.col.trailerPlate')} testId="mark-trailer" value={extras.trailerPlate} onChange={set('trailerPlate')} />
        <Field label={t('journal.col.vehicleMake')} testId="mark-make" value={extras.vehicleMake} onChange={set('vehicleMake')} />
        <Field label={t('journal.col.carrierAddress')} testId="mark-address" value={extras.carrierAddress} onChange={set('carrierAddress')} />
        <Field label={t('journal.col.dispatchCountry')} testId="mark-from" value={extras.dispatchCountry} onChange={set('dispatchCountry')} />
        <Field label={t('journal.col.destinationCountry')} testId="mark-to" value={extras.destinationCountry} onChange={set('destinationCountry')} />
        <Field label={t('journal.col.route')} testId="mark-route" value={extras.route} onChange={set('route')} />
      </div>
      <button type="button" className="record" data-testid="record-mark" disabled={reasons.length > 0 || rec.isBusy} onClick={() => void onRecord()}>
        {direction === 'entry' ? t('doc.recordEntry') : t('doc.recordExit')}
      </button>
      {rec.view}
    </div>
  );
}

type Line = { hsCode: string; quantity: string };

/** Goods written off an export permit or a licence (seed 003 R-An3 boxes 13-15; seed 004 boxes 13-15). */
function WriteOffForm({ found, doc, entries, plate, officer }: { found: Found; doc: Extract<RegistryPresented, { kind: 'export-permit-003' | 'licence-004' }>; entries: JournalEntry[]; plate: string; officer: string }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [lines, setLines] = useState<Line[]>([{ hsCode: doc.hsCode, quantity: '' }]);
  const [declaration, setDeclaration] = useState('');
  const [vehiclePlate, setVehiclePlate] = useState(plate);
  useEffect(() => setVehiclePlate(plate), [plate]);
  const rec = useRecorder(entries);
  const direction: Direction = doc.kind === 'licence-004' && doc.direction === 'import' ? 'entry' : 'exit';

  const parsed = lines.map((l) => ({ hsCode: normalizeHsCode(l.hsCode), quantity: Number(l.quantity.replace(',', '.')) }));
  const judge = (nowMs: number): DocumentReason[] => {
    const out: DocumentReason[] = [];
    parsed.forEach((l, i) => {
      if (!l.hsCode) out.push({ code: 'hs-code-invalid', paragraph: 'Seed 003 R-An3 box 15', params: { line: String(i + 1) } });
      if (!(l.quantity > 0)) out.push({ code: 'quantity-invalid', paragraph: 'Seed 003 R-An3 box 13', params: { line: String(i + 1) } });
    });
    if (out.length > 0) return out;
    // Per code: the permit covers one code (box 15), so any other is not covered; its own is summed.
    const total = parsed.filter((l) => l.hsCode === doc.hsCode).reduce((s, l) => s + l.quantity, 0);
    const other = parsed.find((l) => l.hsCode !== doc.hsCode);
    const v = verifyDocument({ document: doc, vehicle: { plate: vehiclePlate }, checkpointId: desk.info.checkpointId as CheckpointId, direction, nowMs, declaredGoods: { hsCode: other?.hsCode ?? doc.hsCode, quantity: other ? 0 : total } });
    const goods = other ? verifyDocument({ document: doc, vehicle: { plate: vehiclePlate }, checkpointId: desk.info.checkpointId as CheckpointId, direction, nowMs, declaredGoods: { hsCode: doc.hsCode, quantity: total } }).reasons.filter((r) => r.code === 'quantity-exceeded') : [];
    out.push(...v.reasons, ...goods);
    if (!declaration.trim()) out.push({ code: 'declaration-required', paragraph: 'Seed 003 R p.15' });
    if (!vehiclePlate.trim()) out.push({ code: 'plate-required', paragraph: 'Seed 002 p.52.8' });
    return out;
  };
  const reasons = judge(Date.now());

  async function onRecord() {
    const nowMs = Date.now();
    if (judge(nowMs).length > 0) return;
    const goods = parsed.map((l) => ({ hsCode: l.hsCode!, quantity: l.quantity, unit: doc.unit }));
    const ok = await rec.record(
      draftFor('export-write-off', found, { direction, checkpointId: desk.info.checkpointId as CheckpointId, deskId: desk.info.deskId, officerName: officer, reasons: [] }, { carrierAddress: '', dispatchCountry: direction === 'exit' ? 'KZ' : doc.originCountry, destinationCountry: direction === 'exit' ? doc.destinationCountry : 'KZ', route: '', vehicleMake: '', vehiclePlate, trailerPlate: '' }, { goods, declarationNumber: declaration.trim() }),
      entries,
      nowMs,
    );
    if (ok) setLines([{ hsCode: doc.hsCode, quantity: '' }]);
  }

  return (
    <div className="doc-action" data-testid="writeoff-form">
      <DocumentVerdict reasons={reasons} />
      <table className="goods-lines">
        <thead>
          <tr>
            <th>{t('doc.hsCode')}</th>
            <th>
              {t('doc.quantity')}, {doc.unit}
            </th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td>
                <input data-testid={`line-hs-${i}`} value={l.hsCode} onChange={(e) => setLines((xs) => xs.map((x, j) => (j === i ? { ...x, hsCode: e.target.value } : x)))} />
              </td>
              <td>
                <input data-testid={`line-qty-${i}`} inputMode="decimal" value={l.quantity} onChange={(e) => setLines((xs) => xs.map((x, j) => (j === i ? { ...x, quantity: e.target.value } : x)))} />
              </td>
              <td>{lines.length > 1 && <button type="button" onClick={() => setLines((xs) => xs.filter((_, j) => j !== i))}>×</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="add-line" onClick={() => setLines((xs) => [...xs, { hsCode: '', quantity: '' }])}>
        {t('doc.addLine')}
      </button>
      <div className="doc-fields">
        <Field label={t('doc.declaration')} testId="declaration" value={declaration} onChange={setDeclaration} />
        <Field label={t('journal.col.vehiclePlate')} testId="writeoff-plate" value={vehiclePlate} onChange={setVehiclePlate} />
      </div>
      <button type="button" className="record" data-testid="record-writeoff" disabled={reasons.length > 0 || rec.isBusy} onClick={() => void onRecord()}>
        {t('doc.writeOff')}
      </button>
      {rec.view}
    </div>
  );
}

/** Applying the navigation seal on entry or removing it on exit, with its integrity (seed 001 D2 §2). */
function SealForm({ found, doc, entries, plate, officer }: { found: Found; doc: Extract<RegistryPresented, { kind: 'seal-escort' }>; entries: JournalEntry[]; plate: string; officer: string }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const action = doc.activatedAt ? 'seal-removed' : 'seal-applied';
  const [sealNumber, setSealNumber] = useState('');
  const [integrity, setIntegrity] = useState<'intact' | 'broken' | null>(null);
  const rec = useRecorder(entries);
  const isDone = Boolean(doc.deactivatedAt);
  // The seal just applied is not the one to remove: the next action starts from an empty reading.
  useEffect(() => {
    setSealNumber('');
    setIntegrity(null);
  }, [action]);
  const judge = (nowMs: number) => sealActionReasons(doc, action, sealNumber, integrity !== 'broken', { plate, checkpointId: desk.info.checkpointId as CheckpointId, nowMs });
  const reasons = judge(Date.now());
  // Applying takes a clean verdict. On removal a broken seal is recorded too (the finding is evidence,
  // the vehicle is held), but nothing else the rules refuse: a wrong number, vehicle or escort.
  const isRecordable = (rs: DocumentReason[]) => !isDone && integrity !== null && (action === 'seal-applied' ? rs.length === 0 : rs.every((r) => r.code === 'seal-not-intact'));
  const canRecord = isRecordable(reasons);

  async function onRecord() {
    const nowMs = Date.now();
    const now = judge(nowMs);
    if (!isRecordable(now)) return;
    const direction: Direction = action === 'seal-applied' ? 'entry' : 'exit';
    await rec.record(
      draftFor(action, found, { direction, checkpointId: desk.info.checkpointId as CheckpointId, deskId: desk.info.deskId, officerName: officer, reasons: now.map((r) => r.code) }, { carrierAddress: '', dispatchCountry: '', destinationCountry: '', route: documentJournalFields(doc).route, vehicleMake: '', vehiclePlate: plate, trailerPlate: '' }, { seal: { number: sealNumber.trim().toUpperCase(), isIntact: integrity === 'intact' } }),
      entries,
      nowMs,
    );
  }

  if (isDone) {
    // The escort is over: the seal came off; nothing more is recorded on it.
    return (
      <div className="doc-action" data-testid="seal-form" data-action="done">
        <DocumentVerdict reasons={[{ code: 'seal-already-removed', paragraph: 'Seed 001 D2 §2', params: { at: doc.deactivatedAt! } }]} />
        {rec.view}
      </div>
    );
  }
  return (
    <div className="doc-action" data-testid="seal-form" data-action={action}>
      <h3>{t(`doc.${action}`)}</h3>
      <div className="doc-fields">
        <Field label={t('doc.sealRead')} testId="seal-input" value={sealNumber} onChange={setSealNumber} />
        <div role="radiogroup" aria-label={t('doc.sealIntegrity')}>
          {(['intact', 'broken'] as const).map((s) => (
            <button key={s} type="button" data-testid={`seal-${s}`} aria-pressed={integrity === s} onClick={() => setIntegrity(s)}>
              {t(`doc.seal-${s}`)}
            </button>
          ))}
        </div>
      </div>
      {sealNumber.trim() && <DocumentVerdict reasons={reasons} />}
      <button type="button" className="record" data-testid="record-seal" disabled={!canRecord || !sealNumber.trim() || rec.isBusy} onClick={() => void onRecord()}>
        {integrity === 'broken' ? t('doc.recordBrokenSeal') : t(`doc.record-${action}`)}
      </button>
      {rec.view}
    </div>
  );
}
