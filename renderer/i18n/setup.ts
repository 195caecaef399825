import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const LANGUAGE_KEY = 'shekara.language';

function storedLanguage(): Language {
  const v = globalThis.localStorage?.getItem(LANGUAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(v ?? '') ? (v as Language) : 'kk';
}

/** Kazakh by default; the officer's choice is remembered at this desk. */
export async function setupI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { kk: { translation: kk }, ru: { translation: ru }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'kk',
    interpolation: { escapeValue: false },
  });
  i18next.on('languageChanged', (lng) => {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, lng);
    document.documentElement.lang = lng;
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}
