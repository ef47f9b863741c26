/**
 * Every text of the printed certificate and of its verification page
 * exists in English and in French, inserting the same values, and resolves
 * to a text in both.
 */
import { CERTIFICATE_RESOURCES, certificateTranslator } from '../../server/src/modules/certificate/printable/texts/i18n';
import { Language } from '../../server/src/modules/user/language';
import { base, flatten, translationProblems, type Texts } from '../support/translations';

describe('the certificate texts', () => {
  it('has every key and every inserted value in English and in French', () => {
    expect(translationProblems(CERTIFICATE_RESOURCES as unknown as Record<string, Texts>)).toEqual([]);
  });

  it('resolves every key in both languages to a text rather than the key', () => {
    for (const language of [Language.EN, Language.FR]) {
      const t = certificateTranslator(language);
      for (const key of new Set([...flatten(CERTIFICATE_RESOURCES.en as unknown as Texts).keys()].map(base))) {
        const text = t(key, { date: new Date(0), serial: 'CDP-2024-001', holder: 'x', administration: 'x', cohort: 'x', place: 'x', reason: 'x' });
        expect({ language, key, text }).not.toEqual({ language, key, text: key });
      }
    }
  });

  it('writes dates as the language does (day month year, in UTC)', () => {
    const date = new Date('2024-07-04T00:00:00Z');
    expect(certificateTranslator(Language.EN)('page.date', { date })).toBe('4 July 2024');
    expect(certificateTranslator(Language.FR)('page.date', { date })).toBe('4 juillet 2024');
  });
});
