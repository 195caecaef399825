import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/setup.ts';

export function LanguageButtons() {
  const { t, i18n } = useTranslation();
  return (
    <nav className="languages" aria-label={t('app.language')}>
      {LANGUAGES.map((lng) => (
        <button key={lng} type="button" data-testid={`lang-${lng}`} aria-pressed={i18n.language === lng} onClick={() => void i18n.changeLanguage(lng)}>
          {lng.toUpperCase()}
        </button>
      ))}
    </nav>
  );
}
