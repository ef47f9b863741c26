import 'reflect-metadata';
import fs from 'node:fs';
import { fixedClock, systemClock } from './common/clock';
import { createLogger } from './common/logger';
import { stdoutLog } from './common/stdout-log';
import { ConfigError, DATA_DIR, loadConfig } from './config';
import { activeDemoUsers, createFirstAdmin } from './auth/bootstrap';
import { authSettings, connectRedis, resolveTokenPepper } from './auth/setup';
import { createApp } from './app';
import { openDatabase } from './db/data-source';
import { MigrationStateError } from './db/migration-status';
import { seedIfEmpty } from './db/seed/seed-if-empty';
import { configuredCredentials } from './modules/certificate/credential/credential-settings';
import { redactedMailUrl } from './mail/mail-settings';
import { DEV_MAILBOX_PATH } from './mail/dev-mailbox-route';
import { LOG_FLUSH_MS, shutDownOnSignals } from './lifecycle/shutdown';
import { Metrics } from './metrics/metrics';
import { listenForMetrics } from './metrics/metrics-endpoint';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = stdoutLog();
  const logger = createLogger(config.logLevel, log.stream);
  const clock = config.clockOverride ? fixedClock(config.clockOverride) : systemClock;

  let credentials;
  try {
    credentials = configuredCredentials(config);
  } catch (err) {
    console.error(`Refusing to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  }

  let database;
  try {
    database = await openDatabase(config.database, logger, { migrations: config.migrateOnStart ? 'run' : 'require-current' });
  } catch (err) {
    if (!(err instanceof MigrationStateError)) throw err;
    logger.fatal({ migrations: err.status }, 'refusing to start: the database is not at this version');
    console.error(`Refusing to start: ${err.message}`);
    await log.flush(LOG_FLUSH_MS);
    process.exit(2);
  }
  if (config.seedOnStart) await seedIfEmpty(database.dataSource, clock, logger, credentials, config.seedProfile);
  if (config.auth.bootstrapAdmin) await createFirstAdmin(database.database, clock, logger, config.auth.bootstrapAdmin);
  if (config.env === 'production') {
    const demo = await activeDemoUsers(database.dataSource);
    if (demo.length) {
      logger.fatal({ demoUsers: demo }, 'refusing to start in production while demonstration users are active');
      console.error(`Refusing to start in production: demonstration users are active: ${demo.join(', ')}. Deactivate them first.`);
      await database.database.close();
      process.exit(2);
    }
  }
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
  redis?.on('error', (err) =>
    logger.warn({ err: { message: err.message } }, 'redis unavailable; login throttling falls back to this instance, the redis response cache answers uncached'),
  );
  const auth = authSettings(config, resolveTokenPepper(config, DATA_DIR), redis);

  const { mode, maxBytes } = config.responseCache;
  // loadConfig has made sure that `redis` comes with REDIS_URL.
  const responseCache = mode === 'redis' ? { mode, redis: redis! } : mode === 'memory' ? { mode, maxBytes } : { mode };
  const metrics = config.metrics ? new Metrics() : undefined;
  const app = await createApp({
    database,
    clock,
    logger,
    auth,
    environment: config.env,
    playground: config.playground,
    limits: config.limits,
    credentials,
    trustedDocuments: config.trustedDocuments,
    responseCache,
    outbox: { mail: config.mail, settings: config.outbox, reminderTickMs: config.reminderTickMs },
    // Read once at start: a file that cannot be read stops the start here.
    webhooks: { ...config.webhooks, ca: config.webhooks.caFile ? fs.readFileSync(config.webhooks.caFile, 'utf8') : undefined },
    metrics,
    metricsToken: config.metrics?.token,
    shutdownGraceMs: config.shutdown.graceMs,
    live: { settings: config.live, redisUrl: config.redisUrl },
  });
  const url = await app.listen(config.port, config.host);
  const metricsListener =
    metrics && config.metrics?.port !== undefined ? await listenForMetrics(metrics, config.metrics.port, config.metrics.host) : undefined;
  logger.info(
    {
      url,
      database: config.database.kind,
      env: config.env,
      playground: config.playground,
      trustedDocuments: config.trustedDocuments,
      metricsUrl: metricsListener?.url,
      metricsOnPublicPort: Boolean(config.metrics?.token),
    },
    `CDP Hub is serving GraphQL at ${url}${config.playground ? ' (GraphiQL playground: open it in a browser)' : ''}`,
  );
  const mail = config.mail;
  logger.info(
    { mail: mail.mode, ...(mail.mode === 'smtp' ? { mailUrl: redactedMailUrl(mail.url) } : {}), mailFrom: mail.from },
    mail.mode === 'mailbox'
      ? `e-mail goes to the development mailbox: ${new URL(DEV_MAILBOX_PATH, url).toString()}`
      : mail.mode === 'off'
        ? 'e-mail is off (MAIL=off): messages are recorded as SKIPPED'
        : 'e-mail goes to the SMTP server of MAIL_URL',
  );

  shutDownOnSignals({
    app,
    afterDrain: [
      ...(metricsListener ? [{ name: 'metrics listener', close: () => metricsListener.close() }] : []),
      { name: 'database', close: () => database.database.close() },
      ...(redis ? [{ name: 'redis', close: () => redis.disconnect() }] : []),
    ],
    logger,
    flushLog: (ms) => log.flush(ms),
    delayMs: config.shutdown.delayMs,
    graceMs: config.shutdown.graceMs,
  });
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'CDP Hub failed to start', error: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
});
