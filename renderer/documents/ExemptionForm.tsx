import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXEMPTION_BASES, type ExemptionBasis } from '../../shared/documents/journal-entry.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { isCisMember } from '../../shared/reference/cis.ts';
import { findListedGood, normalizeHsCode } from '../../shared/reference/hs-codes.ts';
import type { DocumentReason } from '../../shared/rules/verify-document.ts';
import { useDesk } from '../app/desk-context.ts';
import { mayRecord } from '../app/OfficerField.tsx';
import { recordJournalEntry } from './record-journal.ts';
import { DocumentVerdict } from './ReasonList.tsx';

/**
 * Listed goods leaving for a CIS state without a permit, on one of the exemptions of seed 003 O p.3:
 * the basis and its document's number go into the journal. Goods that are not listed, or bound outside
 * the CIS, need no permit at all, and the form says so instead of recording.
 */
export function ExemptionForm({ plate, officer }: { plate: string; officer: string }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [hs, setHs] = useState('');
  const [quantity, setQuantity] = useState('');
  const [unit, setUnit] = useState('kg');
  const [country, setCountry] = useState('');
  const [basis, setBasis] = useState<ExemptionBasis | ''>('');
  const [docNumber, setDocNumber] = useState('');
  const [declaration, setDeclaration] = useState('');
  const [vehiclePlate, setVehiclePlate] = useState(plate);
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);
  const [isBusy, setBusy] = useState(false);
  // A ref, not state: a double click lands before React re-renders the disabled button.
  const busy = useRef(false);

  const code = normalizeHsCode(hs);
  const qty = Number(quantity.replace(',', '.'));
  const iso = country.trim().toUpperCase();
  const listed = code ? findListedGood(code) : null;
  const outOfScope = code !== null && /^[A-Z]{2}$/.test(iso) && (!listed || !isCisMember(iso));
  const reasons: DocumentReason[] = [];
  if (!code) reasons.push({ code: 'hs-code-invalid', paragraph: 'Seed 003 R-An3 box 15', params: { line: '1' } });
  if (!(qty > 0)) reasons.push({ code: 'quantity-invalid', paragraph: 'Seed 003 R-An3 box 13', params: { line: '1' } });
  if (!/^[A-Z]{2}$/.test(iso)) reasons.push({ code: 'country-invalid', paragraph: 'Seed 003 O p.1' });
  if (!basis) reasons.push({ code: 'exemption-basis-required', paragraph: 'Seed 003 O p.3' });
  // Personal baggage (O p.3(4)) is shown by no document; the others by theirs (CT-1 with the import documents).
  if (!docNumber.trim() && basis !== 'personal-baggage') reasons.push({ code: 'exemption-document-required', paragraph: 'Seed 003 O p.3' });
  if (!vehiclePlate.trim()) reasons.push({ code: 'plate-required', paragraph: 'Seed 002 p.52.8' });

  async function onRecord() {
    if (reasons.length > 0 || outOfScope || busy.current || !code || !basis) return;
    if (!officer.trim() || !mayRecord(desk)) return setNotice({ text: t('verify.needOfficer'), isError: true });
    busy.current = true;
    setBusy(true);
    try {
      const entry = await recordJournalEntry(
        desk.db,
        {
          event: 'export-exemption', documentId: '', documentKind: '', documentNumber: docNumber.trim().slice(0, 64), direction: 'exit',
          checkpointId: desk.info.checkpointId as CheckpointId, deskId: desk.info.deskId, officerName: officer,
          carrierName: '', carrierCountry: '', carrierAddress: '', dispatchCountry: 'KZ', destinationCountry: iso, route: '', vehicleMake: '',
          vehiclePlate, trailerPlate: '', permitType: '', permitValidTo: '', permitIssued: '', permitReceivedOn: '', feeDocument: null, carrierSigned: null,
          exitDeadline: '', goods: [{ hsCode: code, quantity: qty, unit: unit.trim() }], declarationNumber: declaration.trim(),
          exemption: { basis, documentNumber: docNumber.trim() }, seal: null, soldPermit: null, reasons: [],
        },
        { sync: desk.sync.status$.value, seen: [], userId: desk.session.current()?.id ?? null },
      );
      setNotice({ text: entry.provisional ? t('doc.recordedProvisional') : t('doc.recorded'), isError: false });
      setHs('');
      setQuantity('');
      setDocNumber('');
    } catch (err) {
      setNotice({ text: (await desk.storage.diagnose(err)) ? t('storage.full') : t('doc.recordFailed', { message: err instanceof Error ? err.message : String(err) }), isError: true });
    } finally {
      busy.current = false;
      setBusy(false);
    }
  }

  return (
    <section className="doc-action" data-testid="exemption-form">
      <h2>{t('doc.exemptionTitle')}</h2>
      <div className="doc-fields">
        <label className="doc-field"><span className="label">{t('doc.hsCode')}</span><input data-testid="ex-hs" value={hs} onChange={(e) => setHs(e.target.value)} /></label>
        <label className="doc-field"><span className="label">{t('doc.quantity')}</span><input data-testid="ex-qty" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} /></label>
        <label className="doc-field"><span className="label">{t('doc.unit')}</span><input data-testid="ex-unit" value={unit} onChange={(e) => setUnit(e.target.value)} /></label>
        <label className="doc-field"><span className="label">{t('doc.destination')}</span><input data-testid="ex-country" value={country} onChange={(e) => setCountry(e.target.value)} placeholder="KG" /></label>
        <label className="doc-field">
          <span className="label">{t('doc.exemptionBasis')}</span>
          <select data-testid="ex-basis" value={basis} onChange={(e) => setBasis(e.target.value as ExemptionBasis | '')}>
            <option value="">—</option>
            {EXEMPTION_BASES.map((b) => (
              <option key={b} value={b}>{t(`exemption.${b}`)}</option>
            ))}
          </select>
        </label>
        <label className="doc-field"><span className="label">{basis === 'ct-1' ? t('doc.exemptionDocumentsCt1') : t('doc.exemptionDocument')}</span><input data-testid="ex-doc" value={docNumber} onChange={(e) => setDocNumber(e.target.value)} /></label>
        <label className="doc-field"><span className="label">{t('doc.declaration')}</span><input data-testid="ex-declaration" value={declaration} onChange={(e) => setDeclaration(e.target.value)} /></label>
        <label className="doc-field"><span className="label">{t('journal.col.vehiclePlate')}</span><input data-testid="ex-plate" value={vehiclePlate} onChange={(e) => setVehiclePlate(e.target.value)} /></label>
      </div>
      {outOfScope ? (
        <p className="notice" data-testid="ex-out-of-scope">{!listed ? t('doc.notListed', { code }) : t('doc.notCis', { country: iso })}</p>
      ) : (
        <DocumentVerdict reasons={reasons} testId="ex-verdict" />
      )}
      <button type="button" className="record" data-testid="record-exemption" disabled={reasons.length > 0 || outOfScope || isBusy} onClick={() => void onRecord()}>
        {t('doc.recordExemption')}
      </button>
      {notice && <p className={notice.isError ? 'notice notice-error' : 'notice'} data-testid="ex-notice" role="status">{notice.text}</p>}
    </section>
  );
}
