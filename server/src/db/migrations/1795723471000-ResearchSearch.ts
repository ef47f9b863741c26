import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runForDialect } from './dialect';

/**
 * Full-text index of research projects: FTS5 on SQLite (a stemmed table and
 * a plain-words table for prefixes), a tsvector with a GIN index on
 * PostgreSQL. They live in tables of their own that researchSearchIndex keeps
 * in step with research_project.
 */
export class ResearchSearch1795723471000 implements MigrationInterface {
  name = 'ResearchSearch1795723471000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, {
      sqlite: [
        `CREATE VIRTUAL TABLE "research_search" USING fts5("researchProjectId" UNINDEXED, "title", "abstract", "themes", tokenize = 'porter unicode61 remove_diacritics 2')`,
        `CREATE VIRTUAL TABLE "research_search_words" USING fts5("researchProjectId" UNINDEXED, "words", tokenize = 'unicode61 remove_diacritics 2')`,
        `CREATE TRIGGER "research_search_on_delete" AFTER DELETE ON "research_project" BEGIN
           DELETE FROM "research_search" WHERE "researchProjectId" = old."id";
           DELETE FROM "research_search_words" WHERE "researchProjectId" = old."id";
         END`,
      ],
      postgres: [
        `CREATE TABLE "research_search" ("researchProjectId" uuid PRIMARY KEY REFERENCES "research_project"("id") ON DELETE CASCADE, "document" tsvector NOT NULL)`,
        `CREATE INDEX "IDX_research_search_document" ON "research_search" USING GIN ("document")`,
      ],
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, {
      sqlite: [`DROP TRIGGER "research_search_on_delete"`, `DROP TABLE "research_search_words"`, `DROP TABLE "research_search"`],
      postgres: [`DROP TABLE "research_search"`],
    });
  }
}
