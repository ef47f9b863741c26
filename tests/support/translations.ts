/**
 * What is wrong with the texts of one language against another's: used by
 * the e-mail's and the certificate's translation tests.
 */
export type Texts = { [key: string]: string | Texts };

/** "section.key" -> text, for every leaf. */
export function flatten(texts: Texts, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(texts)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
export const base = (key: string) => key.replace(PLURAL_SUFFIX, '');
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

/** What is wrong with one language against the other: missing keys, missing plural forms, other inserted values. */
export function translationProblems(resources: Record<string, Texts>): string[] {
  const languages = Object.keys(resources);
  const flat = Object.fromEntries(languages.map((lng) => [lng, flatten(resources[lng])]));
  const problems: string[] = [];
  const bases = new Set(languages.flatMap((lng) => [...flat[lng].keys()].map(base)));
  for (const key of bases) {
    const plural = languages.some((lng) => [...flat[lng].keys()].some((k) => k !== key && base(k) === key));
    for (const lng of languages) {
      const own = [...flat[lng].keys()].filter((k) => base(k) === key);
      if (!own.length) {
        problems.push(`${lng}: ${key} is missing`);
        continue;
      }
      if (!plural) continue;
      const needed = new Intl.PluralRules(lng).resolvedOptions().pluralCategories.map((c) => `${key}_${c}`);
      // _zero is optional, but a text that has it in one language has it in every one.
      if (languages.some((other) => flat[other].has(`${key}_zero`))) needed.push(`${key}_zero`);
      for (const form of needed) if (!flat[lng].has(form)) problems.push(`${lng}: ${form} is missing`);
    }
    // The same values inserted in every language and form.
    const inserted = new Set<string>();
    for (const lng of languages) for (const [k, text] of flat[lng]) if (base(k) === key) variables(text).forEach((v) => inserted.add(v));
    for (const lng of languages) {
      const own = [...flat[lng].entries()].filter(([k]) => base(k) === key);
      const used = new Set(own.flatMap(([, text]) => variables(text)));
      for (const v of inserted) if (v !== 'count' && !used.has(v)) problems.push(`${lng}: ${key} never inserts {{${v}}}`);
    }
  }
  return problems.sort();
}

