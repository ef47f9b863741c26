import { QueryFailedError } from 'typeorm';

/** Whether a write failed on a unique index (PostgreSQL 23505, SQLite's UNIQUE constraint): a concurrent writer got there first. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { driverError?: { code?: string } }).driverError?.code;
  return err instanceof QueryFailedError && (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE');
}
