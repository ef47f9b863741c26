import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

let parameterSeq = 0;

/**
 * A parameter name used by no other condition. Filters compose into
 * subqueries that share one parameter map, where a repeated name would
 * silently take the other condition's value.
 */
export function param(base: string): string {
  return `${base}_${++parameterSeq}`;
}

/** Adds `column IN (values)`; an empty list matches nothing, as it reads. */
export function whereIn<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, column: string, values: readonly unknown[]) {
  if (!values.length) return qb.andWhere('1 = 0');
  const name = param('in');
  return qb.andWhere(`${column} IN (:...${name})`, { [name]: values });
}

/** Adds `column = value` under a parameter name of its own. */
export function whereEquals<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, column: string, value: unknown) {
  const name = param('eq');
  return qb.andWhere(`${column} = :${name}`, { [name]: value });
}

/**
 * Adds a case-insensitive "column contains text", with LIKE's wildcards in
 * the text taken literally. LOWER is Unicode-aware on both databases (the
 * SQLite connection registers a Unicode LOWER).
 */
export function whereContains<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, column: string, text: string) {
  const name = param('contains');
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return qb.andWhere(`LOWER(${column}) LIKE :${name} ESCAPE '\\'`, { [name]: pattern });
}
