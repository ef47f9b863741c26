import path from 'node:path';
import { z } from 'zod';

/** Where the embedded SQLite database lives when DATABASE_URL is not set. */
export const DEFAULT_SQLITE_FILE = path.resolve(__dirname, '..', '..', 'data', 'cdp-hub.sqlite');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => /^(postgres|postgresql):\/\/.+/.test(v) || /^sqlite:.+/.test(v), {
    message: 'must be postgres://user@host:port/db or sqlite:/path/to/file.sqlite (or sqlite::memory:)',
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().trim().min(1).default('localhost'),
  DATABASE_URL: databaseUrl.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SEED_ON_START: z.enum(['true', 'false']).default('true'),
  /** Forces "now" (ISO-8601) for demonstrations and tests; unset in normal operation. */
  CDP_CLOCK: z.iso.datetime({ offset: true }).optional(),
});

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string };

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  logLevel: (typeof LOG_LEVELS)[number];
  seedOnStart: boolean;
  clockOverride?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseDatabaseUrl(url: string | undefined): DatabaseConfig {
  if (!url) return { kind: 'sqlite', file: DEFAULT_SQLITE_FILE };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  return { kind: 'postgres', url };
}

/** Reads and validates the environment once; every problem is reported together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const v = parsed.data;
  return {
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    database: parseDatabaseUrl(v.DATABASE_URL),
    logLevel: v.LOG_LEVEL,
    seedOnStart: v.SEED_ON_START === 'true',
    clockOverride: v.CDP_CLOCK,
  };
}
