import { ValidatorConstraint, Validate, type ValidatorConstraintInterface } from 'class-validator';

/** The canonical form of a BCP 47 language tag ("EN-gb" -> "en-GB"), or null when the platform's ICU finds it malformed. */
export function canonicalLanguageTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

@ValidatorConstraint({ name: 'languageTag' })
class LanguageTag implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && canonicalLanguageTag(value) !== null;
  }

  defaultMessage(): string {
    return 'Each language must be a BCP 47 language tag such as "en", "fr" or "pt-BR".';
  }
}

/** Every item of a string list is a well-formed BCP 47 language tag. */
export const IsLanguageTagList = (): PropertyDecorator => (target, property) =>
  Validate(LanguageTag, { each: true })(target, property as string);
