/**
 * Every text of CDP Hub's e-mail exists in English and in French: a key
 * missing from one language fails here, as does a plural form that a
 * language's rules (Intl.PluralRules) need, or a value (`{{name}}`) that
 * one language's text inserts and the other's forgets.
 */
import { MAIL_RESOURCES, translator } from '../../server/src/mail/i18n/i18n';
import { Language } from '../../server/src/modules/user/language';
import { base, flatten, translationProblems, type Texts } from '../support/translations';

describe('the e-mail texts', () => {
  it('has every key, every plural form and every inserted value in English and in French', () => {
    expect(translationProblems(MAIL_RESOURCES as unknown as Record<string, Texts>)).toEqual([]);
  });

  it('finds a missing translation, a missing plural form and a forgotten value (the check itself)', () => {
    const problems = translationProblems({
      en: { a: { greeting: 'Dear {{name}},', count_one: '{{count}} item', count_other: '{{count}} items', only: 'English only' } },
      fr: { a: { greeting: 'Bonjour,', count_one: '{{count}} élément', count_other: '{{count}} éléments' } },
    });
    expect(problems).toEqual(['fr: a.count_many is missing', 'fr: a.greeting never inserts {{name}}', 'fr: a.only is missing']);
  });

  it('resolves every key in both languages, plural forms included, to a text rather than the key', () => {
    for (const language of [Language.EN, Language.FR]) {
      const t = translator(language);
      const keys = new Set([...flatten(MAIL_RESOURCES.en as unknown as Texts).keys()].map(base));
      for (const key of keys) {
        for (const count of [0, 1, 2, 1_000_000]) {
          const text = t(key, { count, name: 'x', at: new Date(0), deadline: new Date(0) });
          expect({ language, key, count, text }).not.toEqual({ language, key, count, text: key });
        }
      }
    }
  });

  it('writes plurals and dates by the language’s rules (Intl), not by hand', () => {
    const fr = translator(Language.FR);
    const en = translator(Language.EN);
    expect(fr('nominationsClosed.awaiting', { count: 0 })).toBe('Aucune candidature n’attend votre évaluation.');
    expect(fr('nominationsClosed.awaiting', { count: 1 })).toBe('1 candidature attend votre évaluation.');
    expect(fr('nominationsClosed.awaiting', { count: 2 })).toBe('2 candidatures attendent votre évaluation.');
    expect(fr('invitation.seats', { count: 1_000_000 })).toBe('La promotion compte 1000000 de places.');
    expect(en('nominationsClosed.awaiting', { count: 1 })).toBe('1 nomination awaits your review.');
    expect(en('nominationsClosed.awaiting', { count: 3 })).toBe('3 nominations await your review.');
    const deadline = new Date('2027-03-31T00:00:00Z');
    expect(fr('invitation.deadline', { deadline })).toBe('Les candidatures sont acceptées jusqu’à la fin du 31 mars 2027 (UTC).');
    expect(en('invitation.deadline', { deadline })).toBe('Nominations are accepted until the end of March 31, 2027 (UTC).');
    const at = new Date('2026-11-26T12:00:00Z');
    expect(fr('passwordChanged.body', { email: 'a@b.example', at })).toContain('le 26 novembre 2026 à 12:00 UTC');
    expect(en('passwordChanged.body', { email: 'a@b.example', at })).toContain('on November 26, 2026 at 12:00 PM UTC');
  });
});
