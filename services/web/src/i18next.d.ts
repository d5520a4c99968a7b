import 'i18next';
import type { fr } from './locales/fr';

// t('...') only accepts keys of the French resources: a string missing from them does not compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}
