import { In, type EntityManager } from 'typeorm';
import { ResearchProject } from './research-project.entity';
import { ResearchTheme } from './research-theme.entity';

/** Words of a free-text query; punctuation and search-syntax characters are dropped. */
export function queryTerms(text: string): string[] {
  return (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 32);
}

const isPostgres = (manager: EntityManager) => manager.connection.options.type === 'postgres';

const quoted = (terms: string[]) => terms.map((t) => `"${t}"`);

/**
 * The full-text index of research projects (see the ResearchSearch
 * migration). Writers call `reindex` in the same transaction as the change.
 *
 * Two views of each text are indexed: stemmed English words, so "customs"
 * finds "custom", and the plain words, so the word being typed matches as a
 * prefix ("declara" finds "declaration", whose stem is "declar").
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
           VALUES ($1, setweight(to_tsvector('english', $2), 'A') || setweight(to_tsvector('english', $3), 'B')
                    || setweight(to_tsvector('english', $4), 'C') || setweight(to_tsvector('simple', $2 || ' ' || $3 || ' ' || $4), 'D'))
           ON CONFLICT ("researchProjectId") DO UPDATE SET "document" = EXCLUDED."document"`,
          [project.uuid, project.title, themeText, project.abstract],
        );
      } else {
        // By rowid through the key table: the FTS tables would read every row to find a project id.
        for (const table of ['research_search', 'research_search_words', 'research_search_key']) {
          await manager.query(`DELETE FROM "${table}" WHERE "rowid" IN (SELECT "rowid" FROM "research_search_key" WHERE "researchProjectId" = ?)`, [
            project.uuid,
          ]);
        }
        await manager.query(
          `INSERT INTO "research_search" ("researchProjectId", "title", "abstract", "themes") VALUES (?, ?, ?, ?)`,
          [project.uuid, project.title, project.abstract, themeText],
        );
        await researchSearchIndex.completeSqliteRows(manager);
      }
    }
  },

  /**
   * SQLite: the plain-words and key rows of the stemmed rows written since
   * the last keyed one, under the same rowids (search groups and ranks on
   * rowids and reads a project id only from the key table). A new FTS row
   * takes the largest rowid plus one, so the rows past the key table's last
   * are exactly the new ones.
   */
  async completeSqliteRows(manager: EntityManager): Promise<void> {
    const fresh = `FROM "research_search" WHERE "rowid" > (SELECT COALESCE(MAX("rowid"), 0) FROM "research_search_key")`;
    await manager.query(
      `INSERT INTO "research_search_words" ("rowid", "researchProjectId", "words")
       SELECT "rowid", "researchProjectId", "title" || ' ' || "themes" || ' ' || "abstract" ${fresh}`,
    );
    await manager.query(`INSERT INTO "research_search_key" ("rowid", "researchProjectId") SELECT "rowid", "researchProjectId" ${fresh}`);
  },

  /**
   * SQL (with named parameters) of all matches and their rank, as a subquery
   * with columns "id" and "rank"; a lower rank is more relevant. Every word
   * must match; the last one matches as a word or as the start of a word.
   * `countSql` selects the same matches' "id" alone, for counting.
   */
  matchesSql(manager: EntityManager, terms: string[]): { sql: string; countSql: string; parameters: Record<string, string> } {
    const head = terms.slice(0, -1);
    const last = terms[terms.length - 1];
    if (isPostgres(manager)) {
      const headQuery = head.length ? `to_tsquery('english', :searchHead) && ` : '';
      const from = `FROM "research_search" s,
                   (SELECT ${headQuery}(to_tsquery('english', :searchLast) || to_tsquery('simple', :searchPrefix)) AS q) t
              WHERE s."document" @@ t.q`;
      return {
        sql: `SELECT s."researchProjectId" AS id, (-ts_rank_cd(s."document", t.q))::float8 AS rank ${from}`,
        countSql: `SELECT s."researchProjectId" AS id ${from}`,
        parameters: { searchHead: head.join(' & '), searchLast: last, searchPrefix: `${last}:*` },
      };
    }
    // One pass over each FTS table, grouped by rowid (a project has the same rowid in both): a project is a match
    // when it holds every word, or the last word as a prefix and the others as words; its rank is bm25 over any of
    // the words (0 for a prefix only). Each pass reads its FTS index once whatever the number of matches (a join
    // on an FTS subquery instead re-ran it for every candidate), and grouping integers rather than the project ids
    // leaves the ids to one lookup per grouped match.
    const bm25 = `bm25("research_search", 0, 10.0, 2.0, 5.0)`;
    // The prefix matches that also hold the other words. INTERSECT runs each MATCH once: a "rowid IN (subquery)"
    // beside a MATCH lets FTS5 look the rowids up one by one, re-running the MATCH for each (12 s at 1,000x).
    const prefixed = head.length
      ? `SELECT "rowid" AS rid FROM "research_search_words" WHERE "research_search_words" MATCH :searchPrefix
         INTERSECT
         SELECT "rowid" FROM "research_search" WHERE "research_search" MATCH :searchHead`
      : `SELECT "rowid" AS rid FROM "research_search_words" WHERE "research_search_words" MATCH :searchPrefix`;
    // With one word "every word" and "any word" are the same query: one ranked pass serves both.
    const ranked = head.length
      ? `SELECT "rowid" AS rid, ${bm25} AS rank, 0 AS hit FROM "research_search" WHERE "research_search" MATCH :searchAny
         UNION ALL
         SELECT "rowid", ${bm25}, 1 FROM "research_search" WHERE "research_search" MATCH :searchAll`
      : `SELECT "rowid" AS rid, ${bm25} AS rank, 1 AS hit FROM "research_search" WHERE "research_search" MATCH :searchAll`;
    return {
      // CROSS JOIN keeps the grouped matches outermost: each reads its project id from the key table by rowid.
      sql: `SELECT k."researchProjectId" AS id, g.rank AS rank FROM (
              SELECT u.rid AS rid, MIN(u.rank) AS rank FROM (
                ${ranked}
                UNION ALL
                SELECT rid, 0, 1 FROM (${prefixed})
              ) u GROUP BY u.rid HAVING MAX(u.hit) = 1
            ) g CROSS JOIN "research_search_key" k ON k."rowid" = g.rid`,
      // Counting needs no rank: the matching rowids of the two passes, then their project ids.
      countSql: `SELECT k."researchProjectId" AS id FROM (
              SELECT "rowid" AS rid FROM "research_search" WHERE "research_search" MATCH :searchAll
              UNION
              SELECT rid FROM (${prefixed})
            ) g CROSS JOIN "research_search_key" k ON k."rowid" = g.rid`,
      parameters: {
        searchAll: quoted(terms).join(' '),
        searchHead: quoted(head).join(' '),
        searchPrefix: `"${last}"*`,
        searchAny: quoted(terms).join(' OR '),
      },
    };
  },
};
