import path from 'node:path';
import { ConfigError, DEFAULT_SQLITE_FILE, loadConfig } from '../../server/src/config';


/** The least a production start needs. */
const PRODUCTION = {
  NODE_ENV: 'production',
  CDP_TOKEN_PEPPER: 'p'.repeat(32),
  CDP_SIGNING_KEY_FILE: '/etc/cdp-hub/signing-keys.json',
  MAIL_URL: 'smtps://cdp-hub:secret@smtp.wco.example:465',
  MAIL_FROM: 'CDP Hub <cdp-hub@wco.example>',
} as const;

describe('loadConfig', () => {
  it('defaults to the embedded SQLite file on port 4000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: 'localhost', database: { kind: 'sqlite', file: DEFAULT_SQLITE_FILE } });
    expect(path.basename(path.dirname(DEFAULT_SQLITE_FILE))).toBe('data');
  });

  it('reads PORT, HOST and a PostgreSQL or SQLite DATABASE_URL', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0' })).toMatchObject({ port: 8080, host: '0.0.0.0' });
    expect(loadConfig({ DATABASE_URL: 'postgres://cdp@db:5432/cdp' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://cdp@db:5432/cdp',
    });
    expect(loadConfig({ DATABASE_URL: 'sqlite:./x.sqlite' }).database).toEqual({ kind: 'sqlite', file: path.resolve('x.sqlite') });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '1.5' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CDP_CLOCK: 'yesterday' }, 'CDP_CLOCK'],
    [{ PLAYGROUND: 'yes' }, 'PLAYGROUND'],
  ])('rejects %j with a message naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' })).toMatchObject({ port: 4000, database: { kind: 'sqlite' } });
  });

  it('seeds an empty database by default, except in production unless asked', () => {
    expect(loadConfig({}).seedOnStart).toBe(true);
    expect(loadConfig(PRODUCTION).seedOnStart).toBe(false);
    expect(loadConfig({ ...PRODUCTION, SEED_ON_START: 'true' }).seedOnStart).toBe(true);
  });

  it('seeds the public history only in production and the demo profile elsewhere, unless SEED_PROFILE says otherwise', () => {
    expect(loadConfig({}).seedProfile).toBe('demo');
    expect(loadConfig({ NODE_ENV: 'test' }).seedProfile).toBe('demo');
    expect(loadConfig(PRODUCTION).seedProfile).toBe('history');
    expect(loadConfig({ ...PRODUCTION, SEED_PROFILE: 'demo' }).seedProfile).toBe('demo');
    expect(loadConfig({ SEED_PROFILE: 'history' }).seedProfile).toBe('history');
    expect(() => loadConfig({ SEED_PROFILE: 'everything' })).toThrow(/SEED_PROFILE:/);
  });

  it('migrates at start by default, except in production unless asked (there `cdp-hub migrate` is the step)', () => {
    expect(loadConfig({}).migrateOnStart).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).migrateOnStart).toBe(true);
    expect(loadConfig(PRODUCTION).migrateOnStart).toBe(false);
    expect(loadConfig({ ...PRODUCTION, MIGRATE_ON_START: 'true' }).migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(() => loadConfig({ MIGRATE_ON_START: 'yes' })).toThrow(/MIGRATE_ON_START:/);
  });

  it('runs trusted documents only in production, unless told otherwise, and refuses other modes', () => {
    expect(loadConfig({}).trustedDocuments).toBe('allow');
    expect(loadConfig({ NODE_ENV: 'test' }).trustedDocuments).toBe('allow');
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'only' }).trustedDocuments).toBe('only');
    expect(loadConfig(PRODUCTION).trustedDocuments).toBe('only');
    expect(loadConfig({ ...PRODUCTION, TRUSTED_DOCUMENTS: 'allow' }).trustedDocuments).toBe('allow');
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'some' })).toThrow(/TRUSTED_DOCUMENTS/);
  });

  it('serves the playground by default, except in production unless asked', () => {
    expect(loadConfig({}).playground).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).playground).toBe(true);
    expect(loadConfig({ PLAYGROUND: 'false' }).playground).toBe(false);
    expect(loadConfig(PRODUCTION).playground).toBe(false);
    expect(loadConfig({ ...PRODUCTION, PLAYGROUND: 'true' }).playground).toBe(true);
    expect(loadConfig({ ...PRODUCTION, PLAYGROUND: '' }).playground).toBe(false);
  });

  it('reads the query limits, with GraphQL Armor-like defaults, and refuses ones that are not whole numbers of at least 1', () => {
    expect(loadConfig({}).limits).toEqual({
      maxTokens: 1000,
      maxDepth: 12,
      maxAliases: 15,
      maxDirectives: 50,
      maxCost: 50_000,
      maxVariableListItems: 500,
    });
    expect(loadConfig({ GRAPHQL_MAX_TOKENS: '4000', GRAPHQL_MAX_COST: '100000' }).limits).toMatchObject({ maxTokens: 4000, maxCost: 100_000 });
    expect(() => loadConfig({ GRAPHQL_MAX_ALIASES: '0' })).toThrow(/GRAPHQL_MAX_ALIASES: must be a whole number of at least 1/);
    expect(() => loadConfig({ GRAPHQL_MAX_DEPTH: 'deep' })).toThrow(/GRAPHQL_MAX_DEPTH/);
  });

  it('refuses a pinned clock in production', () => {
    expect(loadConfig({ CDP_CLOCK: '2026-11-26T12:00:00Z' }).clockOverride).toBe('2026-11-26T12:00:00Z');
    expect(() => loadConfig({ ...PRODUCTION, CDP_CLOCK: '2026-11-26T12:00:00Z' })).toThrow(/CDP_CLOCK: must not be set in production/);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', DATABASE_URL: 'nope' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });

  it('refuses production without a token pepper, and a short one anywhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/CDP_TOKEN_PEPPER: is required in production/);
    expect(() => loadConfig({ CDP_TOKEN_PEPPER: 'short' })).toThrow(/CDP_TOKEN_PEPPER: must have at least 32 characters/);
    expect(loadConfig(PRODUCTION).auth.tokenPepper).toBe('p'.repeat(32));
  });

  it('refuses production without a certificate signing key file, and reads the public URL credentials name', () => {
    const { CDP_SIGNING_KEY_FILE: _file, ...withoutKeys } = PRODUCTION;
    expect(() => loadConfig(withoutKeys)).toThrow(/CDP_SIGNING_KEY_FILE: is required in production/);
    expect(loadConfig(PRODUCTION).certificates).toEqual({ signingKeyFile: '/etc/cdp-hub/signing-keys.json', publicUrl: 'http://localhost:4000' });
    expect(loadConfig({}).certificates.signingKeyFile).toBeUndefined();
    expect(loadConfig({ CDP_PUBLIC_URL: 'https://cdp-hub.example/' }).certificates.publicUrl).toBe('https://cdp-hub.example');
    expect(() => loadConfig({ CDP_PUBLIC_URL: 'ftp://cdp-hub.example' })).toThrow(/CDP_PUBLIC_URL: must be an http\(s\) URL/);
  });

  it('reads sign-in settings with safe defaults, and wants the bootstrap admin e-mail and password together', () => {
    expect(loadConfig({}).auth).toMatchObject({
      sessionTtlHours: 12,
      loginLimits: { perAccountAndAddress: 5, perAddress: 100, windowSeconds: 900 },
      bootstrapAdmin: undefined,
    });
    expect(loadConfig({ SESSION_TTL_HOURS: '2', LOGIN_MAX_FAILURES: '3' }).auth).toMatchObject({
      sessionTtlHours: 2,
      loginLimits: { perAccountAndAddress: 3 },
    });
    expect(() => loadConfig({ SESSION_TTL_HOURS: '0' })).toThrow(/SESSION_TTL_HOURS: must be at least 1/);
    expect(() => loadConfig({ CDP_ADMIN_EMAIL: 'root@example.org' })).toThrow(/CDP_ADMIN_PASSWORD: CDP_ADMIN_EMAIL and CDP_ADMIN_PASSWORD go together/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
  });

  it('keeps whole answers in memory by default; off, or Redis with REDIS_URL only', () => {
    expect(loadConfig({}).responseCache).toEqual({ mode: 'memory', maxBytes: 64 * 1024 * 1024 });
    expect(loadConfig({ RESPONSE_CACHE: 'off' }).responseCache.mode).toBe('off');
    expect(loadConfig({ RESPONSE_CACHE_MAX_MB: '8' }).responseCache.maxBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ RESPONSE_CACHE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' }).responseCache.mode).toBe('redis');
    expect(() => loadConfig({ RESPONSE_CACHE: 'redis' })).toThrow(/RESPONSE_CACHE: redis needs REDIS_URL/);
    expect(() => loadConfig({ RESPONSE_CACHE: 'disk' })).toThrow(/RESPONSE_CACHE:/);
    expect(() => loadConfig({ RESPONSE_CACHE_MAX_MB: '0' })).toThrow(/RESPONSE_CACHE_MAX_MB: must be at least 1/);
  });

  it('sends mail to the development mailbox outside production without MAIL_URL; over SMTP with it; nowhere with MAIL=off', () => {
    expect(loadConfig({}).mail).toEqual({ mode: 'mailbox', from: 'CDP Hub <no-reply@localhost>' });
    expect(loadConfig({ MAIL_URL: 'smtp://u:p%20w@127.0.0.1:2525', MAIL_FROM: 'secretariat@wco.example' }).mail).toEqual({
      mode: 'smtp',
      url: 'smtp://u:p%20w@127.0.0.1:2525',
      from: 'secretariat@wco.example',
    });
    expect(loadConfig(PRODUCTION).mail).toMatchObject({ mode: 'smtp', url: PRODUCTION.MAIL_URL, from: PRODUCTION.MAIL_FROM });
    expect(loadConfig({ MAIL: 'off' }).mail.mode).toBe('off');
    for (const url of ['http://smtp.example', 'smtp:/nohost', 'mail.example:25']) {
      expect(() => loadConfig({ MAIL_URL: url })).toThrow(/MAIL_URL: must be smtp:\/\/user:password@host:port/);
    }
    expect(() => loadConfig({ MAIL_FROM: 'CDP Hub' })).toThrow(/MAIL_FROM: must be an address/);
    expect(() => loadConfig({ MAIL: 'on' })).toThrow(/MAIL:/);
    expect(() => loadConfig({ MAIL: 'off', MAIL_URL: 'smtp://smtp.example' })).toThrow(/MAIL: off contradicts MAIL_URL/);
  });

  it('refuses production without MAIL_URL unless MAIL=off says so, and wants MAIL_FROM with it', () => {
    const { MAIL_URL: _url, MAIL_FROM: _from, ...withoutMail } = PRODUCTION;
    expect(() => loadConfig(withoutMail)).toThrow(/MAIL_URL: is required in production .* unless MAIL=off/);
    expect(loadConfig({ ...withoutMail, MAIL: 'off' }).mail.mode).toBe('off');
    expect(() => loadConfig({ ...withoutMail, MAIL_URL: 'smtp://smtp.wco.example' })).toThrow(/MAIL_FROM: is required in production with MAIL_URL/);
  });

  it('reads the outbox settings, the delivery timeout well inside the lease', () => {
    expect(loadConfig({}).outbox).toEqual({ maxAttempts: 8, pollIntervalMs: 1000, leaseMs: 60_000, deliveryTimeoutMs: 30_000 });
    expect(loadConfig({ OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_POLL_INTERVAL_MS: '250', OUTBOX_LEASE_SECONDS: '10' }).outbox).toEqual({
      maxAttempts: 3,
      pollIntervalMs: 250,
      leaseMs: 10_000,
      deliveryTimeoutMs: 5_000,
    });
    expect(() => loadConfig({ OUTBOX_MAX_ATTEMPTS: '0' })).toThrow(/OUTBOX_MAX_ATTEMPTS: must be at least 1/);
    expect(() => loadConfig({ OUTBOX_LEASE_SECONDS: '1' })).toThrow(/OUTBOX_LEASE_SECONDS: must be at least 5/);
  });

  it('serves no metrics unless asked: on a port of their own (METRICS_PORT), and/or on the public port with METRICS_TOKEN', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
    expect(loadConfig(PRODUCTION).metrics).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: 'localhost', token: undefined });
    expect(loadConfig({ METRICS_PORT: '9464', HOST: '0.0.0.0', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({ port: 9464, host: '10.0.0.5', token: undefined });
    expect(loadConfig({ METRICS_PORT: '0', HOST: '0.0.0.0' }).metrics).toEqual({ port: 0, host: '0.0.0.0', token: undefined });
    expect(loadConfig({ METRICS_TOKEN: 't'.repeat(32) }).metrics).toEqual({ port: undefined, host: 'localhost', token: 't'.repeat(32) });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must have at least 32 characters/);
    expect(() => loadConfig({ PORT: '8080', METRICS_PORT: '8080' })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ METRICS_PORT: '4000' })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT: must be at most 65535/);
  });

  it('shuts down after SHUTDOWN_DELAY_SECONDS (0 by default) and within SHUTDOWN_GRACE_SECONDS (10)', () => {
    expect(loadConfig({}).shutdown).toEqual({ delayMs: 0, graceMs: 10_000 });
    expect(loadConfig({ SHUTDOWN_DELAY_SECONDS: '5', SHUTDOWN_GRACE_SECONDS: '30' }).shutdown).toEqual({ delayMs: 5_000, graceMs: 30_000 });
    expect(() => loadConfig({ SHUTDOWN_DELAY_SECONDS: '10' })).toThrow(/SHUTDOWN_DELAY_SECONDS: must be shorter than SHUTDOWN_GRACE_SECONDS/);
    expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: '0' })).toThrow(/SHUTDOWN_GRACE_SECONDS: must be at least 1/);
    expect(() => loadConfig({ SHUTDOWN_DELAY_SECONDS: '-1' })).toThrow(/SHUTDOWN_DELAY_SECONDS:/);
  });
});
