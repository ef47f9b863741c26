import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runForDialect } from './dialect';

/** The focal-point contact an ADMIN keeps on an administration (updateAdministration): three nullable columns, no rebuild. */
export class AdministrationContact1796600000000 implements MigrationInterface {
  name = 'AdministrationContact1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, {
      sqlite: [
        'ALTER TABLE "administration" ADD COLUMN "focalPointName" varchar(200)',
        'ALTER TABLE "administration" ADD COLUMN "focalPointEmail" varchar(254)',
        'ALTER TABLE "administration" ADD COLUMN "focalPointPhone" varchar(40)',
      ],
      postgres: [
        'ALTER TABLE "administration" ADD "focalPointName" character varying(200)',
        'ALTER TABLE "administration" ADD "focalPointEmail" character varying(254)',
        'ALTER TABLE "administration" ADD "focalPointPhone" character varying(40)',
      ],
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, {
      sqlite: [
        'ALTER TABLE "administration" DROP COLUMN "focalPointPhone"',
        'ALTER TABLE "administration" DROP COLUMN "focalPointEmail"',
        'ALTER TABLE "administration" DROP COLUMN "focalPointName"',
      ],
      postgres: [
        'ALTER TABLE "administration" DROP COLUMN "focalPointPhone"',
        'ALTER TABLE "administration" DROP COLUMN "focalPointEmail"',
        'ALTER TABLE "administration" DROP COLUMN "focalPointName"',
      ],
    });
  }
}
