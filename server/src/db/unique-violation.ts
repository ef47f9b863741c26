import { QueryFailedError } from 'typeorm';

/** Whether a failed statement broke a unique constraint (PostgreSQL 23505, SQLite's constraint code), as a concurrent twin's insert does. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { driverError?: { code?: string } }).driverError?.code;
  return err instanceof QueryFailedError && (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE');
}
