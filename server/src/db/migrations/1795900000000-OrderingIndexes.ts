import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runForDialect } from './dialect';

/**
 * The (sort column, id) pairs ScaleIndexes left out: programmes by name and
 * by launch year, regions by name. Without them a first page sorted every
 * row (1,001 programmes at 1,000x data) instead of reading 21 in order.
 */
const INDEXES: Array<[name: string, table: string, columns: string[]]> = [
  ['IDX_programme_name_id', 'programme', ['name', 'id']],
  ['IDX_programme_launchedYear_id', 'programme', ['launchedYear', 'id']],
  ['IDX_region_name_id', 'region', ['name', 'id']],
];

const quote = (name: string) => `"${name}"`;
const creates = INDEXES.map(([name, table, columns]) => `CREATE INDEX ${quote(name)} ON ${quote(table)} (${columns.map(quote).join(', ')})`);
const drops = INDEXES.map(([name]) => `DROP INDEX ${quote(name)}`).reverse();

export class OrderingIndexes1795900000000 implements MigrationInterface {
  name = 'OrderingIndexes1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, { sqlite: creates, postgres: creates });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, { sqlite: drops, postgres: drops });
  }
}
