import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSIT_GROUNDS, VEHICLE_CLASSES, transitFee, type FeeRateTable, type TransitGround, type VehicleClass } from '../../shared/documents/fee-rates.ts';
import type { JournalEntry } from '../../shared/documents/journal-entry.ts';
import { documentKey } from '../../shared/documents/registry-document.ts';
import { transitPermitReport } from '../../shared/documents/transit-permit-report.ts';
import type { TransitPassagePermit } from '../../shared/documents/transit-passage-permit.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { addDays, kzDate } from '../../shared/rules/local-date.ts';
import { normalizePlate } from '../../shared/rules/plate.ts';
import { verifyDocument, type DocumentReason } from '../../shared/rules/verify-document.ts';
import { useDesk } from '../app/desk-context.ts';
import { mayRecord } from '../app/OfficerField.tsx';
import { useObservable } from '../app/use-observable.ts';
import { recordJournalEntry } from './record-journal.ts';
import { findRegistryDocument, soldPermitId } from './registry-lookup.ts';
import { DocumentVerdict } from './ReasonList.tsx';

type Form = {
  ground: TransitGround;
  vehicleClass: VehicleClass;
  number: string;
  carrierName: string;
  carrierCountry: string;
  carrierAddress: string;
  vehiclePlate: string;
  trailerPlate: string;
  vehicleMake: string;
  dispatchCountry: string;
  destinationCountry: string;
  route: string;
  paymentNumber: string;
  paymentDate: string;
  paidKzt: string;
  carrierSigned: boolean;
};

const ISO2 = /^[A-Z]{2}$/;

/**
 * A vehicle without a permit buys a transit-passage permit at the checkpoint (seed 002 p.47-48): the
 * fee from the centre's rate table in force on the payment date, the payment document checked against
 * it, the journal row with all 14 fields (p.52.12-14 included), then the permit printed.
 */
export function TransitSaleForm({ plate, officer }: { plate: string; officer: string }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const today = kzDate(Date.now());
  const [f, setF] = useState<Form>({ ground: 'no-balanced-exchange', vehicleClass: 'goods', number: '', carrierName: '', carrierCountry: '', carrierAddress: '', vehiclePlate: plate, trailerPlate: '', vehicleMake: '', dispatchCountry: '', destinationCountry: '', route: '', paymentNumber: '', paymentDate: today, paidKzt: '', carrierSigned: false });
  const set = <K extends keyof Form>(k: K) => (v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const tablesObs = useMemo(() => desk.db.feeRates.find().$, [desk]);
  const tableDocs = useObservable(tablesObs, []);
  const tables = useMemo(() => tableDocs.map((d) => d.toJSON() as FeeRateTable), [tableDocs]);
  const [taken, setTaken] = useState<string | null>(null);
  const [sold, setSold] = useState<{ permit: TransitPassagePermit; entry: JournalEntry; rateSource: string } | null>(null);
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);
  const busy = useRef(false);
  const [isBusy, setBusy] = useState(false);

  const fee = /^\d{4}-\d{2}-\d{2}$/.test(f.paymentDate) ? transitFee(tables, f.ground, f.vehicleClass, f.paymentDate) : 'no-rate-table';
  const key = documentKey(f.number);
  const validTo = typeof fee === 'object' ? addDays(today, fee.table.validDays - 1) : today;
  const permit: TransitPassagePermit = {
    kind: 'kz-transit-passage',
    ground: f.ground,
    number: key,
    checkpointId: desk.info.checkpointId as CheckpointId,
    issuedAt: new Date().toISOString(),
    validTo,
    carrierName: f.carrierName.trim(),
    carrierCountry: f.carrierCountry.trim().toUpperCase(),
    vehiclePlate: normalizePlate(f.vehiclePlate),
    fee: { documentNumber: f.paymentNumber.trim(), date: f.paymentDate, amountKzt: Number(f.paidKzt.replace(',', '.').replace(/\s/g, '')) || 0 },
    carrierSigned: f.carrierSigned,
    vehicleClass: f.vehicleClass,
  };

  const reasons: DocumentReason[] = [];
  if (!key) reasons.push({ code: 'number-required', paragraph: 'Seed 002 p.52.11' });
  if (taken === key && key) reasons.push({ code: 'number-taken', paragraph: 'Seed 002 p.52.11', params: { number: key } });
  if (!permit.carrierName) reasons.push({ code: 'carrier-required', paragraph: 'Seed 002 p.52.1' });
  if (!ISO2.test(permit.carrierCountry)) reasons.push({ code: 'carrier-country-invalid', paragraph: 'Seed 002 p.52.2' });
  if (!permit.vehiclePlate) reasons.push({ code: 'plate-required', paragraph: 'Seed 002 p.52.8' });
  if (!permit.fee.documentNumber) reasons.push({ code: 'payment-document-required', paragraph: 'Seed 002 p.52.13' });
  // A payment dated ahead would pick a rate table not yet in force.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.paymentDate) || f.paymentDate > today) reasons.push({ code: 'payment-date-invalid', paragraph: 'Seed 002 p.52.13' });
  if (typeof fee === 'string') reasons.push({ code: `fee-${fee}`, paragraph: 'Seed 002 p.47-48' });
  else if (Math.abs(permit.fee.amountKzt - fee.kzt) > 0.005) reasons.push({ code: 'fee-amount-mismatch', paragraph: 'Seed 002 p.47-48, p.52.13', params: { expected: fee.kzt.toLocaleString('ru-RU'), paid: permit.fee.amountKzt.toLocaleString('ru-RU') } });
  const from = f.dispatchCountry.trim().toUpperCase();
  const to = f.destinationCountry.trim().toUpperCase();
  if (reasons.length === 0) {
    const v = verifyDocument({ document: permit, vehicle: { plate: permit.vehiclePlate }, checkpointId: permit.checkpointId, direction: 'entry', nowMs: Date.now(), ...(ISO2.test(from) && ISO2.test(to) ? { cargo: { loadingCountry: from, unloadingCountry: to } } : {}) });
    reasons.push(...v.reasons);
  }

  async function onSell() {
    if (reasons.length > 0 || typeof fee === 'string' || busy.current) return;
    if (!officer.trim() || !mayRecord(desk)) return setNotice({ text: t('verify.needOfficer'), isError: true });
    busy.current = true;
    setBusy(true);
    try {
      // A number already in the registry or sold at any desk is refused before anything is written.
      const existing = await findRegistryDocument(desk.db, key);
      if (existing) {
        setTaken(key);
        return;
      }
      const entry = await recordJournalEntry(
        desk.db,
        {
          event: 'transit-sold', documentId: soldPermitId(key), documentKind: 'kz-transit-passage', documentNumber: key, direction: 'entry',
          checkpointId: permit.checkpointId, deskId: desk.info.deskId, officerName: officer,
          carrierName: permit.carrierName, carrierCountry: permit.carrierCountry, carrierAddress: f.carrierAddress.trim(), dispatchCountry: ISO2.test(from) ? from : '', destinationCountry: ISO2.test(to) ? to : '', route: f.route.trim(),
          vehicleMake: f.vehicleMake.trim(), vehiclePlate: permit.vehiclePlate, trailerPlate: f.trailerPlate, permitType: `transit-passage/${f.ground}`, permitValidTo: validTo, permitIssued: `${today} ${key}`,
          permitReceivedOn: today, feeDocument: { number: permit.fee.documentNumber, date: permit.fee.date, amountKzt: permit.fee.amountKzt }, carrierSigned: permit.carrierSigned,
          exitDeadline: '', goods: [], declarationNumber: '', exemption: null, seal: null, soldPermit: permit, reasons: [],
        },
        { sync: desk.sync.status$.value, seen: [], userId: desk.session.current()?.id ?? null },
      );
      const rateSource = `${fee.mci} × ${fee.mciKzt.toLocaleString('ru-RU')} KZT; ${fee.table.source}`;
      setSold({ permit: entry.soldPermit!, entry, rateSource });
      await print(entry.soldPermit!, entry, rateSource);
    } catch (err) {
      setNotice({ text: (await desk.storage.diagnose(err)) ? t('storage.full') : t('doc.recordFailed', { message: err instanceof Error ? err.message : String(err) }), isError: true });
    } finally {
      busy.current = false;
      setBusy(false);
    }
  }

  async function print(p: TransitPassagePermit, entry: JournalEntry, rateSource: string) {
    const doc = transitPermitReport(p, { officerName: entry.officerName, trailerPlate: entry.trailerPlate, route: entry.route, rateSource, generatedAt: new Date().toLocaleString('ru-RU') });
    const result = await desk.bridge.printReport({ doc }).catch((err: unknown) => ({ ok: false as const, message: err instanceof Error ? err.message : String(err) }));
    // The sale is recorded whatever the printer says; a failed print is reprinted from here.
    setNotice(result.ok ? { text: t('transit.printed', { number: p.number }), isError: false } : { text: t('transit.printFailed', { message: 'message' in result ? result.message : '' }), isError: true });
  }

  const field = (k: keyof Form, testId: string, label: string, extra: { type?: string; placeholder?: string } = {}) => (
    <label className="doc-field">
      <span className="label">{label}</span>
      <input data-testid={testId} type={extra.type ?? 'text'} placeholder={extra.placeholder} value={String(f[k])} onChange={(e) => set(k)(e.target.value as never)} autoComplete="off" />
    </label>
  );

  if (sold) {
    return (
      <section className="doc-action" data-testid="transit-sale" data-state="sold">
        <h2>{t('transit.soldTitle', { number: sold.permit.number })}</h2>
        <p data-testid="transit-sold-summary">
          {sold.permit.vehiclePlate} · {sold.permit.carrierName} · {sold.permit.fee.amountKzt.toLocaleString('ru-RU')} KZT · {t('transit.validTo', { date: sold.permit.validTo })}
          {sold.entry.provisional && <span className="badge badge-provisional"> {t('journal.provisional')}</span>}
        </p>
        <button type="button" data-testid="transit-reprint" onClick={() => void print(sold.permit, sold.entry, sold.rateSource)}>
          {t('transit.reprint')}
        </button>
        {notice && <p className={notice.isError ? 'notice notice-error' : 'notice'} data-testid="transit-notice" role="status">{notice.text}</p>}
      </section>
    );
  }

  return (
    <section className="doc-action" data-testid="transit-sale" data-state="form">
      <h2>{t('transit.title')}</h2>
      <div className="doc-fields">
        <label className="doc-field">
          <span className="label">{t('transit.ground')}</span>
          <select data-testid="tr-ground" value={f.ground} onChange={(e) => set('ground')(e.target.value as TransitGround)}>
            {TRANSIT_GROUNDS.map((g) => <option key={g} value={g}>{t(`transit.grounds.${g}`)}</option>)}
          </select>
        </label>
        <label className="doc-field">
          <span className="label">{t('transit.vehicleClass')}</span>
          <select data-testid="tr-class" value={f.vehicleClass} onChange={(e) => set('vehicleClass')(e.target.value as VehicleClass)}>
            {VEHICLE_CLASSES.map((c) => <option key={c} value={c}>{t(`transit.classes.${c}`)}</option>)}
          </select>
        </label>
        {field('number', 'tr-number', t('transit.number'))}
        {field('carrierName', 'tr-carrier', t('journal.col.carrierName'))}
        {field('carrierCountry', 'tr-country', t('journal.col.carrierCountry'), { placeholder: 'AF' })}
        {field('carrierAddress', 'tr-address', t('journal.col.carrierAddress'))}
        {field('vehiclePlate', 'tr-plate', t('journal.col.vehiclePlate'))}
        {field('trailerPlate', 'tr-trailer', t('journal.col.trailerPlate'))}
        {field('vehicleMake', 'tr-make', t('journal.col.vehicleMake'))}
        {field('dispatchCountry', 'tr-from', t('journal.col.dispatchCountry'))}
        {field('destinationCountry', 'tr-to', t('journal.col.destinationCountry'))}
        {field('route', 'tr-route', t('journal.col.route'))}
      </div>
      <p className="fee" data-testid="tr-fee" data-kzt={typeof fee === 'object' ? fee.kzt : ''}>
        {typeof fee === 'object' ? t('transit.fee', { mci: fee.mci, mciKzt: fee.mciKzt.toLocaleString('ru-RU'), kzt: fee.kzt.toLocaleString('ru-RU'), source: fee.table.source }) : t(`docReason.fee-${fee}`)}
      </p>
      <div className="doc-fields">
        {field('paymentNumber', 'tr-payment', t('transit.paymentNumber'))}
        {field('paymentDate', 'tr-payment-date', t('transit.paymentDate'), { type: 'date' })}
        {field('paidKzt', 'tr-paid', t('transit.paid'))}
        <label className="checkbox">
          <input data-testid="tr-signed" type="checkbox" checked={f.carrierSigned} onChange={(e) => set('carrierSigned')(e.target.checked)} />
          {t('transit.signed')}
        </label>
      </div>
      <DocumentVerdict reasons={reasons} testId="tr-verdict" />
      <button type="button" className="record" data-testid="tr-sell" disabled={reasons.length > 0 || isBusy} onClick={() => void onSell()}>
        {t('transit.sell')}
      </button>
      {notice && <p className={notice.isError ? 'notice notice-error' : 'notice'} data-testid="transit-notice" role="status">{notice.text}</p>}
    </section>
  );
}
