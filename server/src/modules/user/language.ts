import { registerEnumType } from 'type-graphql';

/** The languages CDP Hub writes to people in: the WCO's two official languages. */
export enum Language {
  EN = 'EN',
  FR = 'FR',
}

registerEnumType(Language, {
  name: 'Language',
  description: 'A language CDP Hub writes to people in (its e-mail): the two official languages of the WCO.',
  valuesConfig: {
    EN: { description: 'English.' },
    FR: { description: 'French (français).' },
  },
});

/** The BCP 47 tag of a language, for Intl and the i18n resources. */
export const LANGUAGE_TAGS: Record<Language, 'en' | 'fr'> = { EN: 'en', FR: 'fr' };
