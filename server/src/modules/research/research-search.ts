import { In, type EntityManager } from 'typeorm';
import { ResearchProject } from './research-project.entity';
import { ResearchTheme } from './research-theme.entity';

/** A ranked match: lower `rank` is more relevant on both databases. */
export interface SearchHit {
  uuid: string;
  rank: number;
}

/** Words of a free-text query; punctuation and search-syntax characters are dropped. */
export function queryTerms(text: string): string[] {
  return (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 32);
}

const isPostgres = (manager: EntityManager) => manager.connection.options.type === 'postgres';

/**
 * The full-text index of research projects (see the ResearchSearch
 * migration). Writers call `reindex` in the same transaction as the change.
 */
export const researchSearchIndex = {
  async reindex(manager: EntityManager, researchIds: string[]): Promise<void> {
    if (!researchIds.length) return;
    const projects = await manager.findBy(ResearchProject, { uuid: In(researchIds) });
    const themes = await manager.find(ResearchTheme, {
      where: { researchProjectId: In(researchIds) },
      order: { position: 'ASC' },
    });
    for (const project of projects) {
      const themeText = themes.filter((t) => t.researchProjectId === project.uuid).map((t) => t.theme).join(', ');
      if (isPostgres(manager)) {
        await manager.query(
          `INSERT INTO "research_search" ("researchProjectId", "document")
           VALUES ($1, setweight(to_tsvector('english', $2), 'A') || setweight(to_tsvector('english', $3), 'B') || setweight(to_tsvector('english', $4), 'C'))
           ON CONFLICT ("researchProjectId") DO UPDATE SET "document" = EXCLUDED."document"`,
          [project.uuid, project.title, themeText, project.abstract],
        );
      } else {
        await manager.query(`DELETE FROM "research_search" WHERE "researchProjectId" = ?`, [project.uuid]);
        await manager.query(
          `INSERT INTO "research_search" ("researchProjectId", "title", "abstract", "themes") VALUES (?, ?, ?, ?)`,
          [project.uuid, project.title, project.abstract, themeText],
        );
      }
    }
  },

  /**
   * The SQL (and its parameters) of all matches with their rank, as a
   * subquery with columns "id" and "rank". Every word must match; the last
   * one may be a prefix, so results appear while a user is still typing.
   */
  matchesSql(manager: EntityManager, terms: string[]): { sql: string; parameters: Record<string, string> } {
    if (isPostgres(manager)) {
      const tsquery = terms.map((t, i) => `${t.replace(/'/g, '')}${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
      return {
        sql: `SELECT s."researchProjectId" AS id, (-ts_rank_cd(s."document", q))::float8 AS rank
              FROM "research_search" s, to_tsquery('english', :searchQuery) q WHERE s."document" @@ q`,
        parameters: { searchQuery: tsquery },
      };
    }
    const match = terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
    return {
      sql: `SELECT "researchProjectId" AS id, bm25("research_search", 0, 10.0, 2.0, 5.0) AS rank
            FROM "research_search" WHERE "research_search" MATCH :searchQuery`,
      parameters: { searchQuery: match },
    };
  },
};
