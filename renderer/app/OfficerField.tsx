import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const OFFICER_KEY = 'shekara.officerName';

/** The officer at the desk, kept across screens and reloads (issue 9 replaces it with a login). */
export function useOfficerName(): [string, (name: string) => void] {
  const [officer, setOfficer] = useState(() => globalThis.localStorage?.getItem(OFFICER_KEY) ?? '');
  return [
    officer,
    (name) => {
      setOfficer(name);
      globalThis.localStorage?.setItem(OFFICER_KEY, name);
    },
  ];
}

export function OfficerField({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="officer-field">
      <span className="label">{t('verify.officerLabel')}</span>
      <input data-testid="officer-input" value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
    </label>
  );
}
