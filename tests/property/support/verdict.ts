import { isDeepStrictEqual } from 'node:util';
import { ERROR_CODES } from '../../../server/src/graphql/errors';
import type { GraphQLResponse } from '../../support/server';
import type { Expectation } from './values';

/** Every code of ERROR_CODES but INTERNAL_SERVER_ERROR is a client's mistake, named. */
const CLIENT_CODES = new Set(Object.keys(ERROR_CODES).filter((code) => code !== 'INTERNAL_SERVER_ERROR'));

/** What a generated request got: accepted, or refused for a reason a client is told. */
export type Outcome = { accepted: true; payload: Record<string, any> } | { accepted: false };

const show = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v));

/**
 * Judges one answer: never INTERNAL_SERVER_ERROR or a code outside the
 * documented ones; a value whose form the rules refuse is never accepted,
 * and one they accept is never refused for its form (INVALID_VALUE or
 * BAD_USER_INPUT on that field).
 */
export function judge(result: GraphQLResponse, mutation: string | null, field: string[], expectation: Expectation): Outcome {
  if (result.errors?.length) {
    const codes = result.errors.map((e) => e.extensions?.code);
    const unexpected = codes.filter((code) => !CLIENT_CODES.has(code));
    if (unexpected.length) throw new Error(`answered ${show(unexpected)}: ${show(result.errors)}`);
    if (expectation.form === 'valid' && codes.includes('BAD_USER_INPUT')) throw new Error(`refused a value whose form is valid: ${show(result.errors)}`);
    return { accepted: false };
  }
  if (mutation === null) return { accepted: true, payload: result.data as Record<string, any> };
  const payload = result.data?.[mutation];
  if (!payload) throw new Error(`no payload: ${show(result)}`);
  const userErrors: Array<{ code: string; field: string[] | null }> = payload.userErrors;
  if (userErrors.length) {
    const own = userErrors.find((e) => e.code === 'INVALID_VALUE' && isDeepStrictEqual(e.field, field));
    if (expectation.form === 'valid' && own) throw new Error(`refused a value whose form is valid: ${show(userErrors)}`);
    return { accepted: false };
  }
  if (expectation.form === 'invalid') throw new Error(`accepted a value whose form is invalid: ${show(payload)}`);
  return { accepted: true, payload };
}
