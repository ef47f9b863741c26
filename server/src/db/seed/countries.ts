/** What the sample texts need to know about a country, by its ISO 3166-1 alpha-2 code. */

const FRENCH = new Set(['BJ', 'BF', 'BI', 'CM', 'CD', 'GN', 'SN']);
const SPANISH = new Set(['CR', 'CU', 'EC', 'GT', 'MX', 'PY']);
const PORTUGUESE = new Set(['AO', 'CV', 'MZ', 'ST']);

/** Working languages of a sample associate: English plus the country's official language among fr/es/pt. */
export function sampleLanguages(iso2: string): string[] {
  if (FRENCH.has(iso2)) return ['en', 'fr'];
  if (SPANISH.has(iso2)) return ['en', 'es'];
  if (PORTUGUESE.has(iso2)) return ['en', 'pt'];
  return ['en'];
}

/** Country names that read with a definite article inside a sentence. */
const WITH_ARTICLE = new Set(['CD', 'GM', 'MV', 'PH']);

/** The country's name as it reads inside a sentence ("the Philippines", "Kenya"). */
export function countryRef(iso2: string, name: string): string {
  return WITH_ARTICLE.has(iso2) ? `the ${name}` : name;
}
