import { AppError } from '../errors';
import { nodeTypeNames } from './node';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * Global object ids are base64url("<TypeName>:<uuid>"): opaque to clients,
 * unique across types, and decodable without a database round trip.
 */
export function toGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedGlobalId {
  typeName: string;
  id: string;
}

/**
 * Decodes a global id. Throws INVALID_ID unless the id decodes canonically to
 * "<TypeName>:<uuid>" with a type from `knownTypes`.
 */
export function fromGlobalId(globalId: string, knownTypes: ReadonlySet<string>): DecodedGlobalId {
  const invalid = () =>
    new AppError('INVALID_ID', `"${truncate(globalId)}" is not a valid CDP Hub ID.`, { id: truncate(globalId) });
  if (!/^[A-Za-z0-9_-]+$/.test(globalId)) throw invalid();
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  if (Buffer.from(decoded, 'utf8').toString('base64url') !== globalId) throw invalid();
  const separator = decoded.indexOf(':');
  const typeName = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (separator < 1 || !knownTypes.has(typeName) || !isUuid(id)) throw invalid();
  return { typeName, id };
}

/** Decodes an id that must name one particular type (e.g. a filter's cohortId). */
export function fromGlobalIdOfType(globalId: string, typeName: string, argumentName: string): string {
  const decoded = fromGlobalId(globalId, nodeTypeNames());
  if (decoded.typeName !== typeName) {
    throw new AppError('INVALID_ID', `${argumentName} must be the ID of a ${typeName}.`, { argument: argumentName });
  }
  return decoded.id;
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
