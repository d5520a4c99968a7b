// The web app's strings, for the browser tests under test/ (the one way they may reach the app):
// they find buttons and labels by what the user reads, in each language.
export { en } from '../src/locales/en';
export { fr } from '../src/locales/fr';
