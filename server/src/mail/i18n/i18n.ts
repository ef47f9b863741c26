import i18next, { type TFunction } from 'i18next';
import { LANGUAGE_TAGS, type Language } from '../../modules/user/language';
import { en } from './en';
import { fr } from './fr';

/** The texts per language tag; a test holds that every key of one language is in the other. */
export const MAIL_RESOURCES = { en, fr } as const;

const DAY: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'UTC' };
const INSTANT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
};

/**
 * One i18next instance for the server's mail, with its resources loaded
 * synchronously. Plurals come from i18next over Intl.PluralRules; dates
 * from Intl.DateTimeFormat through two named formats: `day` (a calendar
 * day such as a deadline) and `instant` (a moment, with its time in UTC).
 */
const mailI18n = i18next.createInstance();
void mailI18n.init({
  resources: Object.fromEntries(Object.entries(MAIL_RESOURCES).map(([tag, texts]) => [tag, { translation: texts }])),
  lng: 'en',
  // A missing text is a bug the translation test catches; at run time the key shows rather than another language.
  fallbackLng: false,
  initAsync: false,
  // Texts go into plain text as they are; the HTML part escapes everything it inserts (render.ts).
  interpolation: { escapeValue: false },
});
mailI18n.services.formatter!.addCached('day', (lng) => {
  const format = new Intl.DateTimeFormat(lng, DAY);
  return (value: Date) => format.format(value);
});
mailI18n.services.formatter!.addCached('instant', (lng) => {
  const format = new Intl.DateTimeFormat(lng, INSTANT);
  return (value: Date) => format.format(value);
});

/** The text function of one language. */
export function translator(language: Language): TFunction {
  return mailI18n.getFixedT(LANGUAGE_TAGS[language]);
}

/** A calendar day kept as YYYY-MM-DD, as the `day` format takes it. */
export const dayOf = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`);
