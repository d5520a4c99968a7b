import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { fr } from './locales/fr';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('opn.lang');
// French by default; English by the switch in the header (kept in this browser).
void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: stored === 'en' ? 'en' : 'fr',
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
  returnNull: false,
});

const apply = (lng: string) => {
  document.documentElement.lang = lng;
  document.title = i18n.t('app.title');
};
apply(i18n.language);
i18n.on('languageChanged', (lng) => {
  localStorage.setItem('opn.lang', lng);
  apply(lng);
});

export default i18n;
