import type { EntityManager } from "typeorm";
import { txQuery } from "../../platform/db/raw";
import { indexWords } from "./search-text";
import type { KbArticle } from "./kb.entity";

type Indexed = Pick<KbArticle, "id" | "title" | "tags" | "summary" | "bodyText">;

/**
 * Write an article's words into the database's search index, in the transaction that saves
 * it: FTS5 on SQLite, the weighted tsvector on PostgreSQL (title A, tags B, summary C,
 * body D). Both get the same folded words (search-text.ts), so both find the same articles.
 */
export async function indexArticle(tx: EntityManager, a: Indexed): Promise<void> {
  const words = [indexWords(a.title), indexWords(a.tags), indexWords(a.summary), indexWords(a.bodyText)];
  if (tx.connection.options.type === "postgres") {
    await txQuery(tx,
      `UPDATE kb_articles SET search_vector = setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B')
        || setweight(to_tsvector('simple', ?), 'C') || setweight(to_tsvector('simple', ?), 'D') WHERE id = ?`,
      [...words, a.id]);
    return;
  }
  await txQuery(tx, "DELETE FROM kb_search WHERE rowid = ?", [a.id]);
  await txQuery(tx, "INSERT INTO kb_search (rowid, title, tags, summary, body) VALUES (?, ?, ?, ?, ?)", [a.id, ...words]);
}
