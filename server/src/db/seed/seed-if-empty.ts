import type { DataSource } from 'typeorm';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import type { CredentialSettings } from '../../modules/certificate/credential/credential-settings';
import { Programme } from '../../modules/programme/programme.entity';
import { seed, type SeedProfile } from './seed';

/** On first start the database is seeded, so `npm start` serves the programme's history at once. */
export async function seedIfEmpty(
  dataSource: DataSource,
  clock: Clock,
  log: Logger,
  credentials?: CredentialSettings,
  profile: SeedProfile = 'demo',
): Promise<boolean> {
  if ((await dataSource.getRepository(Programme).count()) > 0) return false;
  log.info({ profile }, 'empty database: seeding the programme history');
  await seed(dataSource, clock, log, credentials, { profile });
  return true;
}
