import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_RESPONSE_CACHE_MB } from './graphql/cache/cache-settings';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/limits/query-limits';
import { TRUSTED_DOCUMENTS_MODES, type TrustedDocumentsMode } from './graphql/persisted/trusted-documents';
import { DEFAULT_MAIL_FROM, type MailSettings } from './mail/mail-settings';
import { DEFAULT_OUTBOX_SETTINGS, type OutboxSettings } from './outbox/outbox-settings';
import { DEFAULT_LIVE_SETTINGS, type LiveSettings } from './live/live-settings';
import { DEFAULT_REMINDER_TICK_SECONDS } from './outbox/reminders-settings';
import { DEFAULT_INVITATION_TTL_HOURS, DEFAULT_PASSWORD_RESET_TTL_MINUTES } from './auth/setup';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhook/webhook-settings';
import { defaultSeedProfile, SEED_PROFILES, type SeedProfile } from './db/seed/seed-profile';

/** The server's own data folder: the embedded SQLite database and the development secrets. */
export const DATA_DIR = path.resolve(__dirname, '..', '..', 'data');

/** Where the embedded SQLite database lives when DATABASE_URL is not set. */
export const DEFAULT_SQLITE_FILE = path.join(DATA_DIR, 'cdp-hub.sqlite');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => /^(postgres|postgresql):\/\/.+/.test(v) || /^sqlite:.+/.test(v), {
    message: 'must be postgres://user@host:port/db or sqlite:/path/to/file.sqlite (or sqlite::memory:)',
  });

/** A whole number of at least 1, read from the environment. */
const limit = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number of at least 1')
    .transform(Number)
    .pipe(z.number().min(1, 'must be a whole number of at least 1').max(Number.MAX_SAFE_INTEGER))
    .default(fallback);
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a whole number from 0 to 65535')
    .transform(Number)
    .pipe(z.number().max(65535, 'must be a whole number from 0 to 65535'))
    .default(4000),
  HOST: z.string().trim().min(1).default('localhost'),
  DATABASE_URL: databaseUrl.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SEED_ON_START: z.enum(['true', 'false']).optional(),
  /** What a seed loads when no profile is named: `history` (public facts) or `demo` (plus samples and demo users). */
  SEED_PROFILE: z.enum(SEED_PROFILES).optional(),
  /** Apply pending migrations at start; in production `cdp-hub migrate` is the step. */
  MIGRATE_ON_START: z.enum(['true', 'false']).optional(),
  PLAYGROUND: z.enum(['true', 'false']).optional(),
  /** Forces "now" (ISO-8601) for demonstrations and tests; unset in normal operation. */
  CDP_CLOCK: z.iso.datetime({ offset: true }).optional(),
  GRAPHQL_MAX_TOKENS: limit(DEFAULT_QUERY_LIMITS.maxTokens),
  GRAPHQL_MAX_DEPTH: limit(DEFAULT_QUERY_LIMITS.maxDepth),
  GRAPHQL_MAX_ALIASES: limit(DEFAULT_QUERY_LIMITS.maxAliases),
  GRAPHQL_MAX_DIRECTIVES: limit(DEFAULT_QUERY_LIMITS.maxDirectives),
  GRAPHQL_MAX_COST: limit(DEFAULT_QUERY_LIMITS.maxCost),
  GRAPHQL_MAX_VARIABLE_LIST: limit(DEFAULT_QUERY_LIMITS.maxVariableListItems),
  /** `only`: run the SDK's persisted operations alone (ADMIN callers excepted); `allow`: any document. */
  TRUSTED_DOCUMENTS: z.enum(TRUSTED_DOCUMENTS_MODES).optional(),
  /** Secret mixed into stored session-token digests; required in production. */
  CDP_TOKEN_PEPPER: z.string().min(32, 'must have at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
  SESSION_TTL_HOURS: wholeNumber(1, 24 * 30).default(12),
  /** How long an invitation link (inviteUser, resendInvitation) works. */
  INVITATION_TTL_HOURS: wholeNumber(1, 24 * 30).default(DEFAULT_INVITATION_TTL_HOURS),
  /** How long a password-reset link (requestPasswordReset) works. */
  PASSWORD_RESET_TTL_MINUTES: wholeNumber(5, 24 * 60).default(DEFAULT_PASSWORD_RESET_TTL_MINUTES),
  /** Seconds between two looks for the reminders that came due (deadline and milestone letters). */
  REMINDER_TICK_SECONDS: wholeNumber(10, 86_400).default(DEFAULT_REMINDER_TICK_SECONDS),
  REDIS_URL: z.string().trim().regex(/^rediss?:\/\/.+/, 'must be redis://host:port or rediss://...').optional(),
  /** Whole answers of read queries: `off`, in each instance's `memory`, or in `redis` (REDIS_URL) shared by all. */
  RESPONSE_CACHE: z.enum(['off', 'memory', 'redis']).default('memory'),
  RESPONSE_CACHE_MAX_MB: wholeNumber(1, 65_536).default(DEFAULT_RESPONSE_CACHE_MB),
  LOGIN_MAX_FAILURES: wholeNumber(1, 1000).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: wholeNumber(1, 100_000).default(100),
  LOGIN_THROTTLE_WINDOW_SECONDS: wholeNumber(1, 86_400).default(900),
  /** With CDP_ADMIN_PASSWORD: the first ADMIN, created while no user has this e-mail and no ADMIN but a demo user exists. */
  CDP_ADMIN_EMAIL: z.email().optional(),
  CDP_ADMIN_PASSWORD: z.string().optional(),
  /** The certificate signing keys (a JWK set, the last key current); required in production. */
  CDP_SIGNING_KEY_FILE: z.string().trim().min(1).optional(),
  /** The public base URL credentials name (issuer, keys, status lists). */
  CDP_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://cdp-hub.example' })
    .transform((v) => v.replace(/\/+$/, ''))
    .default('http://localhost:4000'),
  /** The SMTP server mail goes to; unset outside production: the development mailbox. */
  MAIL_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:$/.test(parsedUrl(v)?.protocol ?? '') && Boolean(parsedUrl(v)?.hostname), {
      message: 'must be smtp://user:password@host:port or smtps://user:password@host:port (special characters of the password percent-encoded)',
    })
    .optional(),
  /** The sender of CDP Hub's mail, e.g. "CDP Hub <cdp-hub@wco.example>". */
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/, 'must be an address, alone or as "Name <address>"')
    .optional(),
  /** `off`: send no e-mail (messages are recorded as SKIPPED); production needs it to start without MAIL_URL. */
  MAIL: z.enum(['off']).optional(),
  OUTBOX_MAX_ATTEMPTS: wholeNumber(1, 100).default(DEFAULT_OUTBOX_SETTINGS.maxAttempts),
  OUTBOX_POLL_INTERVAL_MS: wholeNumber(50, 60_000).default(DEFAULT_OUTBOX_SETTINGS.pollIntervalMs),
  OUTBOX_LEASE_SECONDS: wholeNumber(5, 3_600).default(DEFAULT_OUTBOX_SETTINGS.leaseMs / 1000),
  /** Subscriptions over WebSocket: caps per socket and per user (on each instance), and the ping of idle sockets. */
  SUBSCRIPTIONS_PER_CONNECTION: wholeNumber(1, 1_000).default(DEFAULT_LIVE_SETTINGS.maxSubscriptionsPerConnection),
  SUBSCRIPTIONS_PER_USER: wholeNumber(1, 10_000).default(DEFAULT_LIVE_SETTINGS.maxSubscriptionsPerUser),
  SUBSCRIPTION_SOCKETS_PER_USER: wholeNumber(1, 1_000).default(DEFAULT_LIVE_SETTINGS.maxConnectionsPerUser),
  SUBSCRIPTION_PING_SECONDS: wholeNumber(1, 3_600).default(DEFAULT_LIVE_SETTINGS.pingIntervalMs / 1000),
  /** A subscription that falls this many events behind is disconnected (a slow consumer). */
  SUBSCRIPTION_MAX_QUEUED: wholeNumber(1, 100_000).default(DEFAULT_LIVE_SETTINGS.maxQueuedEvents),
  /** A socket holding this many unsent KB is disconnected (a slow consumer). */
  SUBSCRIPTION_MAX_BUFFERED_KB: wholeNumber(16, 1_048_576).default(DEFAULT_LIVE_SETTINGS.maxBufferedBytes / 1024),
  /** Host names webhooks may reach although they resolve to private addresses (comma-separated, exact). */
  WEBHOOK_ALLOWED_HOSTS: z.string().trim().optional(),
  /** Private address ranges webhooks may reach (comma-separated CIDRs, e.g. "10.20.0.0/16,fd00:1::/64"). */
  WEBHOOK_ALLOWED_CIDRS: z
    .string()
    .trim()
    .refine((v) => v.split(',').every((c) => isCidr(c.trim())), { message: 'must be comma-separated CIDRs, e.g. 10.20.0.0/16' })
    .optional(),
  /** A PEM file of certificate authorities trusted for webhook receivers besides the system's (an internal CA). */
  WEBHOOK_CA_FILE: z.string().trim().min(1).optional(),
  WEBHOOK_TIMEOUT_MS: wholeNumber(500, 30_000).default(DEFAULT_WEBHOOK_SETTINGS.timeoutMs),
  WEBHOOK_DISABLE_AFTER_FAILURES: wholeNumber(1, 10_000).default(DEFAULT_WEBHOOK_SETTINGS.disableAfterFailures),
  WEBHOOK_ROTATION_OVERLAP_HOURS: wholeNumber(0, 24 * 30).default(DEFAULT_WEBHOOK_SETTINGS.rotationOverlapMs / 3_600_000),
  /** A second listener serving only GET /metrics (off when unset). */
  METRICS_PORT: wholeNumber(0, 65_535).optional(),
  /** Its interface; HOST's when unset. */
  METRICS_HOST: z.string().trim().min(1).optional(),
  /** Serves GET /metrics on the public port too, to callers that send it as a bearer token (off when unset). */
  METRICS_TOKEN: z.string().min(32, 'must have at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  /** Seconds /readyz answers 503 before the listener closes on SIGTERM, for load balancers to stop sending requests. */
  SHUTDOWN_DELAY_SECONDS: wholeNumber(0, 300).default(0),
  /** Seconds from SIGTERM to a forced exit (code 1) when requests in flight have not finished. */
  SHUTDOWN_GRACE_SECONDS: wholeNumber(1, 3600).default(10),
});

function isCidr(value: string): boolean {
  const [network, bits, extra] = value.split('/');
  const family = net.isIP(network);
  const max = family === 4 ? 32 : 128;
  return family !== 0 && extra === undefined && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= max;
}

function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

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
  /** The seed profile of SEED_ON_START and of `cdp-hub seed` without --profile. */
  seedProfile: SeedProfile;
  /** Pending migrations run at start; otherwise the server refuses to start while any is pending. */
  migrateOnStart: boolean;
  /** GraphiQL for browsers at GET /graphql. */
  playground: boolean;
  clockOverride?: string;
  /** What a GraphQL request may ask for before it is refused. */
  limits: QueryLimits;
  /** Which documents run: the SDK's persisted operations only (ADMIN callers excepted), or any. */
  trustedDocuments: TrustedDocumentsMode;
  auth: {
    /** Unset outside production: a development pepper is generated and kept under ./data/. */
    tokenPepper?: string;
    sessionTtlHours: number;
    invitationTtlHours: number;
    passwordResetTtlMinutes: number;
    loginLimits: { perAccountAndAddress: number; perAddress: number; windowSeconds: number };
    bootstrapAdmin?: { email: string; password: string };
  };
  /** Shared state of several instances (login throttling, the redis response cache) lives here when set. */
  redisUrl?: string;
  /** Whole answers of read queries; `maxBytes` bounds the in-memory store. */
  responseCache: { mode: 'off' | 'memory' | 'redis'; maxBytes: number };
  certificates: {
    /** Unset outside production: a development key is generated and kept under ./data/. */
    signingKeyFile?: string;
    publicUrl: string;
  };
  /** Where e-mail goes: SMTP (MAIL_URL), the development mailbox (no MAIL_URL outside production) or nowhere (MAIL=off). */
  mail: MailSettings;
  /** How the outbox's delivery worker paces itself (the rest are DEFAULT_OUTBOX_SETTINGS). */
  outbox: Pick<OutboxSettings, 'maxAttempts' | 'pollIntervalMs' | 'leaseMs' | 'deliveryTimeoutMs'>;
  /** How often this instance looks for reminders that came due (REMINDER_TICK_SECONDS). */
  reminderTickMs: number;
  /** Where webhooks may go and how they are sent; http to localhost and loopback addresses only in development. */
  webhooks: WebhookSettings & { caFile?: string };
  /** Prometheus metrics, collected only when served: on a port of their own, and/or on the public port with a token. */
  metrics?: { port?: number; host: string; token?: string };
  shutdown: { delayMs: number; graceMs: number };
  /** Subscriptions' limits (the rest are DEFAULT_LIVE_SETTINGS); with redisUrl, they hear every instance's commits. */
  live: Partial<LiveSettings>;
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

/**
 * Reads and validates the environment once; every problem is reported
 * together. An empty variable counts as unset. In production nothing is
 * seeded and a seed loads the public history only (no sample people or
 * demo users), migrations are not run at start, no playground is served and
 * only trusted documents run unless asked for, and the clock cannot be pinned.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema
    .refine((v) => !(v.NODE_ENV === 'production' && v.CDP_CLOCK), {
      path: ['CDP_CLOCK'],
      message: 'must not be set in production',
    })
    .refine((v) => !(v.NODE_ENV === 'production' && !v.CDP_TOKEN_PEPPER), {
      path: ['CDP_TOKEN_PEPPER'],
      message: 'is required in production (a secret of at least 32 characters)',
    })
    .refine((v) => !(v.NODE_ENV === 'production' && !v.CDP_SIGNING_KEY_FILE), {
      path: ['CDP_SIGNING_KEY_FILE'],
      message: 'is required in production (a JWK set file of Ed25519 keys that sign certificates)',
    })
    .refine((v) => !(v.RESPONSE_CACHE === 'redis' && !v.REDIS_URL), {
      path: ['RESPONSE_CACHE'],
      message: 'redis needs REDIS_URL (or choose memory or off)',
    })
    .refine((v) => !(v.NODE_ENV === 'production' && !v.MAIL_URL && v.MAIL !== 'off'), {
      path: ['MAIL_URL'],
      message: 'is required in production (an SMTP server, e.g. smtp://user:password@smtp.example:587), unless MAIL=off turns e-mail off',
    })
    .refine((v) => !(v.MAIL === 'off' && v.MAIL_URL), {
      path: ['MAIL'],
      message: 'off contradicts MAIL_URL: set one of them',
    })
    .refine((v) => !(v.NODE_ENV === 'production' && v.MAIL_URL && !v.MAIL_FROM), {
      path: ['MAIL_FROM'],
      message: 'is required in production with MAIL_URL (the sender, e.g. "CDP Hub <cdp-hub@wco.example>")',
    })
    .refine((v) => !v.CDP_ADMIN_EMAIL === !v.CDP_ADMIN_PASSWORD, {
      path: ['CDP_ADMIN_PASSWORD'],
      message: 'CDP_ADMIN_EMAIL and CDP_ADMIN_PASSWORD go together',
    })
    .refine((v) => !(v.METRICS_PORT !== undefined && v.METRICS_PORT !== 0 && v.METRICS_PORT === v.PORT), {
      path: ['METRICS_PORT'],
      message: 'must differ from PORT (to serve the metrics on the public port, set METRICS_TOKEN instead)',
    })
    .refine((v) => v.SHUTDOWN_DELAY_SECONDS < v.SHUTDOWN_GRACE_SECONDS, {
      path: ['SHUTDOWN_DELAY_SECONDS'],
      message: 'must be shorter than SHUTDOWN_GRACE_SECONDS, which leaves the requests in flight time to finish',
    })
    .safeParse(present);
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
    seedOnStart: (v.SEED_ON_START ?? (v.NODE_ENV === 'production' ? 'false' : 'true')) === 'true',
    seedProfile: v.SEED_PROFILE ?? defaultSeedProfile(v.NODE_ENV),
    migrateOnStart: (v.MIGRATE_ON_START ?? (v.NODE_ENV === 'production' ? 'false' : 'true')) === 'true',
    playground: (v.PLAYGROUND ?? (v.NODE_ENV === 'production' ? 'false' : 'true')) === 'true',
    clockOverride: v.CDP_CLOCK,
    limits: {
      maxTokens: v.GRAPHQL_MAX_TOKENS,
      maxDepth: v.GRAPHQL_MAX_DEPTH,
      maxAliases: v.GRAPHQL_MAX_ALIASES,
      maxDirectives: v.GRAPHQL_MAX_DIRECTIVES,
      maxCost: v.GRAPHQL_MAX_COST,
      maxVariableListItems: v.GRAPHQL_MAX_VARIABLE_LIST,
    },
    trustedDocuments: v.TRUSTED_DOCUMENTS ?? (v.NODE_ENV === 'production' ? 'only' : 'allow'),
    auth: {
      tokenPepper: v.CDP_TOKEN_PEPPER,
      sessionTtlHours: v.SESSION_TTL_HOURS,
      invitationTtlHours: v.INVITATION_TTL_HOURS,
      passwordResetTtlMinutes: v.PASSWORD_RESET_TTL_MINUTES,
      loginLimits: {
        perAccountAndAddress: v.LOGIN_MAX_FAILURES,
        perAddress: v.LOGIN_MAX_FAILURES_PER_ADDRESS,
        windowSeconds: v.LOGIN_THROTTLE_WINDOW_SECONDS,
      },
      bootstrapAdmin: v.CDP_ADMIN_EMAIL && v.CDP_ADMIN_PASSWORD ? { email: v.CDP_ADMIN_EMAIL, password: v.CDP_ADMIN_PASSWORD } : undefined,
    },
    redisUrl: v.REDIS_URL,
    responseCache: { mode: v.RESPONSE_CACHE, maxBytes: v.RESPONSE_CACHE_MAX_MB * 1024 * 1024 },
    certificates: { signingKeyFile: v.CDP_SIGNING_KEY_FILE, publicUrl: v.CDP_PUBLIC_URL },
    mail: mailSettings(v.MAIL_URL, v.MAIL_FROM ?? DEFAULT_MAIL_FROM, v.MAIL === 'off'),
    outbox: {
      maxAttempts: v.OUTBOX_MAX_ATTEMPTS,
      pollIntervalMs: v.OUTBOX_POLL_INTERVAL_MS,
      leaseMs: v.OUTBOX_LEASE_SECONDS * 1000,
      // A delivery that outlives its lease could be taken over and sent twice.
      deliveryTimeoutMs: Math.min(DEFAULT_OUTBOX_SETTINGS.deliveryTimeoutMs, (v.OUTBOX_LEASE_SECONDS * 1000) / 2),
    },
    reminderTickMs: v.REMINDER_TICK_SECONDS * 1000,
    webhooks: {
      allowLocalhost: v.NODE_ENV === 'development',
      allowedHosts: listOf(v.WEBHOOK_ALLOWED_HOSTS).map((h) => h.toLowerCase()),
      allowedCidrs: listOf(v.WEBHOOK_ALLOWED_CIDRS),
      timeoutMs: v.WEBHOOK_TIMEOUT_MS,
      disableAfterFailures: v.WEBHOOK_DISABLE_AFTER_FAILURES,
      rotationOverlapMs: v.WEBHOOK_ROTATION_OVERLAP_HOURS * 3_600_000,
      caFile: v.WEBHOOK_CA_FILE,
    },
    metrics:
      v.METRICS_PORT !== undefined || v.METRICS_TOKEN
        ? { port: v.METRICS_PORT, host: v.METRICS_HOST ?? v.HOST, token: v.METRICS_TOKEN }
        : undefined,
    shutdown: { delayMs: v.SHUTDOWN_DELAY_SECONDS * 1000, graceMs: v.SHUTDOWN_GRACE_SECONDS * 1000 },
    live: {
      maxSubscriptionsPerConnection: v.SUBSCRIPTIONS_PER_CONNECTION,
      maxSubscriptionsPerUser: v.SUBSCRIPTIONS_PER_USER,
      maxConnectionsPerUser: v.SUBSCRIPTION_SOCKETS_PER_USER,
      pingIntervalMs: v.SUBSCRIPTION_PING_SECONDS * 1000,
      maxQueuedEvents: v.SUBSCRIPTION_MAX_QUEUED,
      maxBufferedBytes: v.SUBSCRIPTION_MAX_BUFFERED_KB * 1024,
    },
  };
}

const listOf = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function mailSettings(url: string | undefined, from: string, off: boolean): MailSettings {
  if (off) return { mode: 'off', from };
  return url ? { mode: 'smtp', url, from } : { mode: 'mailbox', from };
}
