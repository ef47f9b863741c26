/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in `text` taken literally (use with ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive "column contains parameter" that behaves the same on SQLite and PostgreSQL. */
export function containsClause(column: string, parameter: string): string {
  return `LOWER(${column}) LIKE :${parameter} ESCAPE '\\'`;
}
