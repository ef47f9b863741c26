import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runForDialect } from './dialect';

/**
 * SQLite: each project's row in "research_search_words" takes the rowid of
 * its row in "research_search", so that search groups and ranks the matches
 * of both tables on integer rowids and reads a project's id only for the rows
 * it returns. The words are rebuilt from the stemmed table's columns, in the
 * order researchSearchIndex writes them. PostgreSQL keeps one table keyed by
 * project. Down leaves the rows as they are: aligned rowids are valid before
 * this migration too.
 */
export class ResearchSearchRowids1795800712000 implements MigrationInterface {
  name = 'ResearchSearchRowids1795800712000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, {
      sqlite: [
        `DELETE FROM "research_search_words"`,
        `INSERT INTO "research_search_words" ("rowid", "researchProjectId", "words")
         SELECT "rowid", "researchProjectId", "title" || ' ' || "themes" || ' ' || "abstract" FROM "research_search"`,
      ],
      postgres: [],
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, { sqlite: [], postgres: [] });
  }
}
