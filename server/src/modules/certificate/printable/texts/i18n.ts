import i18next, { type TFunction } from 'i18next';
import { LANGUAGE_TAGS, Language } from '../../../user/language';
import { en } from './en';
import { fr } from './fr';

/** The texts per language tag; a test holds that every key of one language is in the other. */
export const CERTIFICATE_RESOURCES = { en, fr } as const;

/**
 * One i18next instance for the certificate's PDF and verification page,
 * set up as the mail's (server/src/mail/i18n/i18n.ts): resources loaded
 * synchronously, no fallback language, a `day` format from Intl in UTC
 * (English dates day first, as the WCO writes them).
 */
const certificateI18n = i18next.createInstance();
void certificateI18n.init({
  resources: Object.fromEntries(Object.entries(CERTIFICATE_RESOURCES).map(([tag, texts]) => [tag, { translation: texts }])),
  lng: 'en',
  fallbackLng: false,
  initAsync: false,
  // The PDF draws text as it is; the HTML page escapes everything it inserts.
  interpolation: { escapeValue: false },
});
certificateI18n.services.formatter!.addCached('day', (lng) => {
  // The WCO writes English dates day first ("4 July 2024"), as in British English.
  const format = new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : lng, { dateStyle: 'long', timeZone: 'UTC' });
  return (value: Date) => format.format(value);
});

export function certificateTranslator(language: Language): TFunction {
  return certificateI18n.getFixedT(LANGUAGE_TAGS[language]);
}

/** The language asked for by `?lang=en|fr` (any case), or null. */
export function languageOfParameter(value: unknown): Language | null {
  if (typeof value !== 'string') return null;
  const tag = value.trim().toLowerCase();
  return tag === 'fr' ? Language.FR : tag === 'en' ? Language.EN : null;
}
