import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runForDialect } from './dialect';

/**
 * SQLite: a project's rows in the two FTS tables share one rowid, and
 * "research_search_key" maps that rowid to the project's id (an FTS table
 * finds a row by rowid only, and reading an unindexed column costs a cursor
 * per row). Search groups and ranks matches on rowids and reads project ids
 * from the key table; writers delete a project's rows by rowid. The words
 * are rebuilt from the stemmed table's columns, in the order
 * researchSearchIndex writes them. PostgreSQL keeps one table keyed by
 * project. Down drops the key table; aligned rowids are valid before this
 * migration too.
 */
const TRIGGER_BEFORE = `CREATE TRIGGER "research_search_on_delete" AFTER DELETE ON "research_project" BEGIN
           DELETE FROM "research_search" WHERE "researchProjectId" = old."id";
           DELETE FROM "research_search_words" WHERE "researchProjectId" = old."id";
         END`;

export class ResearchSearchRowids1795800712000 implements MigrationInterface {
  name = 'ResearchSearchRowids1795800712000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, {
      sqlite: [
        `DELETE FROM "research_search_words"`,
        `INSERT INTO "research_search_words" ("rowid", "researchProjectId", "words")
         SELECT "rowid", "researchProjectId", "title" || ' ' || "themes" || ' ' || "abstract" FROM "research_search"`,
        `CREATE TABLE "research_search_key" ("rowid" INTEGER PRIMARY KEY, "researchProjectId" varchar NOT NULL UNIQUE)`,
        `INSERT INTO "research_search_key" ("rowid", "researchProjectId") SELECT "rowid", "researchProjectId" FROM "research_search"`,
        `DROP TRIGGER "research_search_on_delete"`,
        `CREATE TRIGGER "research_search_on_delete" AFTER DELETE ON "research_project" BEGIN
           DELETE FROM "research_search" WHERE "rowid" IN (SELECT "rowid" FROM "research_search_key" WHERE "researchProjectId" = old."id");
           DELETE FROM "research_search_words" WHERE "rowid" IN (SELECT "rowid" FROM "research_search_key" WHERE "researchProjectId" = old."id");
           DELETE FROM "research_search_key" WHERE "researchProjectId" = old."id";
         END`,
      ],
      postgres: [],
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, {
      sqlite: [`DROP TRIGGER "research_search_on_delete"`, TRIGGER_BEFORE, `DROP TABLE "research_search_key"`],
      postgres: [],
    });
  }
}
