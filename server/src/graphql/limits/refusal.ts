import { AppError } from '../errors';

/** Which limit refused a request; clients see it as extensions.limit. */
export type LimitName = 'tokens' | 'depth' | 'aliases' | 'directives' | 'cost';

/** Refusals happen before execution, so they are HTTP 400 like other invalid requests; one code for every limit. */
export const tooComplex = (limit: LimitName, max: number, message: string, details: Record<string, unknown> = {}) =>
  new AppError('QUERY_TOO_COMPLEX', message, { limit, max, ...details, http: { status: 400 } });

/** A request the server refuses before it runs, with HTTP 400. */
export const refusedInput = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, { ...details, http: { status: 400 } });

/** A string with NUL or a lone surrogate, which no database stores as sent: refused before any SQL runs. */
export const unstorableText = (where: string) =>
  refusedInput(`${where} contains a NUL character or a lone UTF-16 surrogate; text may hold neither.`);
