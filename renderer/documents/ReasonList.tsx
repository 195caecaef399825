import { useTranslation } from 'react-i18next';
import { findCheckpoint } from '../../shared/reference/checkpoints.ts';
import type { DocumentReason } from '../../shared/rules/verify-document.ts';

/** What the officer has not filled in yet: the form is incomplete, which is not a refusal by the rules. */
export const FORM_CODES: ReadonlySet<string> = new Set(['exit-deadline-invalid', 'plate-required', 'hs-code-invalid', 'quantity-invalid', 'declaration-required', 'country-invalid', 'exemption-basis-required', 'exemption-document-required', 'number-required', 'carrier-required', 'payment-document-required', 'countries-required', 'carrier-country-invalid', 'distance-required', 'payment-date-invalid']);

/**
 * A verdict on a registry document: allowed or refused, every reason with the paragraph it rests on.
 * While only the form is incomplete it says what to fill in, in a neutral colour, and no verdict.
 */
export function DocumentVerdict({ reasons, testId = 'doc-verdict' }: { reasons: readonly DocumentReason[]; testId?: string }) {
  const { t, i18n } = useTranslation();
  const isAllowed = reasons.length === 0;
  const isIncomplete = !isAllowed && reasons.every((r) => FORM_CODES.has(r.code));
  const status = isAllowed ? 'allowed' : isIncomplete ? 'incomplete' : 'refused';
  return (
    <section className={`verdict ${isAllowed ? 'verdict-valid' : isIncomplete ? 'verdict-incomplete' : 'verdict-refused'}`} data-testid={testId} data-status={status} aria-live="assertive">
      <h2 data-testid={`${testId}-status`}>{isAllowed ? t('doc.allowed') : isIncomplete ? t('doc.incomplete') : t('doc.refused')}</h2>
      {!isAllowed && (
        <ul data-testid={`${testId}-reasons`}>
          {reasons.map((r, i) => (
            <li key={i} data-reason={r.code}>
              {t(`docReason.${r.code}`, { ...localized(r.params ?? {}, i18n.language), defaultValue: r.code })} <small className="paragraph">({r.paragraph})</small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function localized(params: Record<string, string>, lang: string): Record<string, string> {
  const out = { ...params };
  for (const key of ['expected', 'checkpoint'] as const) {
    const c = out[key] ? findCheckpoint(out[key]) : null;
    if (c) out[key] = lang === 'ru' ? c.nameRu : lang === 'en' ? c.nameEn : c.nameKk;
  }
  if (out.at && !Number.isNaN(Date.parse(out.at))) out.at = new Date(out.at).toLocaleString(lang === 'en' ? 'en-GB' : lang === 'ru' ? 'ru-RU' : 'kk-KZ');
  return out;
}
