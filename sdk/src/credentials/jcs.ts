/**
 * RFC 8785 JSON Canonicalization Scheme for JSON values (what JSON.parse
 * returns): object members sorted by their names' UTF-16 code units,
 * no whitespace, strings and numbers serialised as ECMAScript's JSON.stringify
 * does (which RFC 8785 adopts). Members whose value is undefined are left out,
 * as JSON.stringify leaves them out.
 */
export function canonicalizeJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS: NaN and Infinity have no JSON form');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalizeJson(item === undefined ? null : item)).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      // The default sort compares UTF-16 code units, exactly as RFC 8785 section 3.2.3 asks.
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalizeJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`JCS: a ${typeof value} has no JSON form`);
}
