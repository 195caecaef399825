import { useTranslation } from 'react-i18next';
import type { Crossing } from '../../shared/documents/crossing.ts';
import { findCheckpoint } from '../../shared/reference/checkpoints.ts';
import type { Verdict } from '../../shared/rules/verdict.ts';

function checkpointName(id: string, lang: string): string {
  const c = findCheckpoint(id);
  if (!c) return id;
  return lang === 'ru' ? c.nameRu : lang === 'en' ? c.nameEn : c.nameKk;
}

/** issuedBlank: the blank this checkpoint's ledger shows handed over for the permit, if the centre's copy does not have it yet. */
type Props = { verdict: Verdict; crossings: readonly Crossing[]; issuedBlank?: string | null };

/** The answer to "may this vehicle cross?", big enough to read at a glance, with every reason. */
export function VerdictCard({ verdict, crossings, issuedBlank }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const p = verdict.permit;
  return (
    <section className={`verdict verdict-${verdict.status}`} data-testid="verdict" data-status={verdict.status} aria-live="assertive">
      <h2 data-testid="verdict-status">{t(`status.${verdict.status}`)}</h2>
      {verdict.reasons.length > 0 && (
        <div className="reasons">
          <h3>{t('verify.reasonsTitle')}</h3>
          <ul data-testid="verdict-reasons">
            {verdict.reasons.map((r, i) => {
              const params = { ...r.params };
              if (params.checkpoint) params.checkpoint = checkpointName(params.checkpoint, lang);
              if (params.expected && r.code === 'wrong-checkpoint') params.expected = checkpointName(params.expected, lang);
              if (params.at) params.at = new Date(params.at).toLocaleString(lang === 'en' ? 'en-GB' : lang === 'ru' ? 'ru-RU' : 'kk-KZ');
              return (
                <li key={i} data-reason={r.code}>
                  {t(`reason.${r.code}`, params)} <small className="paragraph">({r.paragraph})</small>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {p && (
        <dl className="fields" data-testid="verdict-fields">
          <dt>{t('field.applicationNumber')}</dt>
          <dd data-field="applicationNumber">{p.applicationNumber}</dd>
          <dt>{t('field.addendumNumber')}</dt>
          <dd>{p.addendumNumber}</dd>
          <dt>{t('field.blankNumber')}</dt>
          <dd data-field="blankNumber">{p.blankNumber || issuedBlank || t('field.notIssued')}</dd>
          <dt>{t('field.carrierName')}</dt>
          <dd data-field="carrierName">{lang === 'kk' ? p.carrier.nameKk : p.carrier.nameRu}</dd>
          <dt>{t('field.binIin')}</dt>
          <dd>{p.carrier.binIin}</dd>
          <dt>{t('field.carrierAddress')}</dt>
          <dd>{lang === 'kk' ? p.carrier.addressKk : p.carrier.addressRu}</dd>
          <dt>{t('field.vehicle')}</dt>
          <dd data-field="vehicle">
            {p.vehicle.model}, {p.vehicle.loadCapacityKg} kg, {p.vehicle.seats}, <strong data-field="plate">{p.vehicle.plate}</strong>
          </dd>
          {p.trailer && (
            <>
              <dt>{t('field.trailer')}</dt>
              <dd>
                {p.trailer.model}, {p.trailer.loadCapacityKg} kg, <strong>{p.trailer.plate}</strong>
              </dd>
            </>
          )}
          <dt>{t('field.permitCard')}</dt>
          <dd>
            {p.permitCardNumber}: {p.permitCardPlates.join(', ')}
          </dd>
          <dt>{t('field.plannedDate')}</dt>
          <dd>{p.plannedCrossingDate}</dd>
          <dt>{t('field.validity')}</dt>
          <dd data-field="validity">
            {p.validFrom} — {p.validTo}
          </dd>
          <dt>{t('field.direction')}</dt>
          <dd>
            {p.directionFrom} → {p.directionTo}
          </dd>
          <dt>{t('field.checkpoints')}</dt>
          <dd data-field="checkpoint">
            {checkpointName(p.exitCheckpointId, lang)} / {p.entryCheckpointName}
          </dd>
          <dt>{t('field.goods')}</dt>
          <dd>{p.goodsName}</dd>
          <dt>{t('field.weight')}</dt>
          <dd>{p.goodsWeightKg} kg</dd>
        </dl>
      )}
      {crossings.length > 0 && (
        <div className="crossings">
          <h3>{t('verify.recentCrossings')}</h3>
          <ul data-testid="verdict-crossings">
            {crossings.map((c) => (
              <li key={c.id}>
                {t(`direction.${c.direction}`)} · {new Date(c.occurredAt).toLocaleString(lang === 'en' ? 'en-GB' : lang === 'ru' ? 'ru-RU' : 'kk-KZ')} · {checkpointName(c.checkpointId, lang)} · {c.plate} · {c.officerName}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
