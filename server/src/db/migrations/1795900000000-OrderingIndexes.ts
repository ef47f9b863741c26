import type { MigrationInterface, QueryRunner } from 'typeorm';
import { indexStatements, runForDialect, type IndexSpec } from './dialect';

/**
 * The (sort column, id) pairs ScaleIndexes left out: programmes by name and
 * by launch year, regions by name. Without them a first page sorted every
 * row (1,001 programmes at 1,000x data) instead of reading 21 in order.
 */
const INDEXES: IndexSpec[] = [
  ['IDX_programme_name_id', 'programme', ['name', 'id']],
  ['IDX_programme_launchedYear_id', 'programme', ['launchedYear', 'id']],
  ['IDX_region_name_id', 'region', ['name', 'id']],
];

const { creates, drops } = indexStatements(INDEXES);

export class OrderingIndexes1795900000000 implements MigrationInterface {
  name = 'OrderingIndexes1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, { sqlite: creates, postgres: creates });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, { sqlite: drops, postgres: drops });
  }
}
