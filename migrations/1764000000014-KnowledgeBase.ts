import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from "typeorm";

const fk = (column: string, table: string, onDelete: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"], onDelete });
const id = { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" as const };
const vc = (name: string, length: number, nullable = true) => ({ name, type: "varchar", length: String(length), isNullable: nullable });
const int = (name: string, nullable = true) => ({ name, type: "integer", isNullable: nullable });
const text = (name: string, nullable = true) => ({ name, type: "text", isNullable: nullable });
const instant = (name: string, nullable = false) => ({ name, type: "bigint", isNullable: nullable });
const count = (name: string) => ({ name, type: "integer", default: 0 });

/**
 * The knowledge base: categories, articles (Markdown source and its plain text for the
 * search and the snippets), every save as a revision, files, "was this helpful?" votes,
 * deflections (an employee's problem solved by an article instead of a ticket), and the
 * articles linked to a ticket (one of them, perhaps, what solved it).
 *
 * The search index is the database's own: an FTS5 table on SQLite (accents and case folded
 * by the unicode61 tokenizer, prefix indexes for search-while-typing), a weighted tsvector
 * column with a GIN index on PostgreSQL ('simple' words, folded before they get there).
 * No stemmer: a stem and a prefix do not mix (typing "printi" must still find "printing"),
 * and neither database has one that knows French and English; the query drops a plural
 * mark and matches every word as a prefix instead (kb/search-text.ts). Both indexes are
 * written by the one function that saves an article, not by triggers, so they hold the
 * same words on both databases.
 */
export class KnowledgeBase1764000000014 implements MigrationInterface {
  name = "KnowledgeBase1764000000014";

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === "postgres";
    await q.createTable(new Table({
      name: "kb_categories",
      columns: [id, vc("name", 100, false), text("description"), { name: "position", type: "integer", default: 0 }, { name: "active", type: "boolean", default: true }],
    }));
    await q.createTable(new Table({
      name: "kb_articles",
      columns: [
        // the long texts last: SQLite reads a row's columns in order, and a body spills onto
        // overflow pages, so a status or audience stored after it costs a chain of page reads
        // on every search result and list row
        id, vc("status", 10, false), vc("audience", 10, false), int("category_id"), vc("title", 200, false), vc("summary", 500),
        vc("tags", 500), int("author_id"), int("reviewer_id"),
        vc("review_by", 10), int("problem_id"), int("source_ticket_id"), count("views"), count("helpful_yes"), count("helpful_no"),
        { name: "version", type: "integer", default: 1 }, instant("created_at"), instant("updated_at"), instant("published_at", true),
        text("body", false), text("body_text", false),
      ],
      foreignKeys: [
        fk("category_id", "kb_categories", "SET NULL"), fk("author_id", "users", "SET NULL"), fk("reviewer_id", "users", "SET NULL"),
        fk("problem_id", "problems", "SET NULL"), fk("source_ticket_id", "tickets", "SET NULL"),
      ],
      indices: [
        // the portal's lists: published articles of one audience, popular first or by category
        new TableIndex({ name: "ix_kb_articles_status", columnNames: ["status", "audience", "views"] }),
        new TableIndex({ name: "ix_kb_articles_category", columnNames: ["category_id", "status"] }),
        new TableIndex({ name: "ix_kb_articles_problem", columnNames: ["problem_id"] }),
      ],
    }));
    await q.createTable(new Table({
      name: "kb_revisions",
      columns: [
        id, int("article_id", false), { name: "number", type: "integer" }, int("actor_id"), vc("title", 200, false), vc("summary", 500),
        text("body", false), int("category_id"), vc("tags", 500), vc("audience", 10, false), vc("status", 10, false), vc("review_by", 10),
        vc("changed", 200), text("note"), instant("created_at"),
      ],
      foreignKeys: [fk("article_id", "kb_articles", "CASCADE"), fk("actor_id", "users", "SET NULL")],
      indices: [new TableIndex({ name: "uq_kb_revisions_number", columnNames: ["article_id", "number"], isUnique: true })],
    }));
    await q.createTable(new Table({
      name: "kb_attachments",
      columns: [
        id, int("article_id", false), vc("filename", 255, false), vc("mime_type", 100, false), int("size", false),
        vc("storage_key", 64, false), int("uploaded_by_id"), instant("created_at"),
      ],
      foreignKeys: [fk("article_id", "kb_articles", "CASCADE"), fk("uploaded_by_id", "users", "SET NULL")],
      indices: [new TableIndex({ name: "ix_kb_attachments_article", columnNames: ["article_id"] })],
    }));
    await q.createTable(new Table({
      name: "kb_feedback",
      columns: [
        id, int("article_id", false), int("user_id", false), { name: "helpful", type: "boolean" }, text("comment"),
        instant("created_at"), instant("updated_at"),
      ],
      foreignKeys: [fk("article_id", "kb_articles", "CASCADE"), fk("user_id", "users", "CASCADE")],
      // one vote per person and article: a second answer changes the first
      indices: [new TableIndex({ name: "uq_kb_feedback_person", columnNames: ["article_id", "user_id"], isUnique: true })],
    }));
    await q.createTable(new Table({
      name: "kb_deflections",
      columns: [id, int("article_id"), int("user_id"), vc("query", 500), instant("created_at")],
      foreignKeys: [fk("article_id", "kb_articles", "SET NULL"), fk("user_id", "users", "SET NULL")],
      // the KPIs count them by period, and per article
      indices: [
        new TableIndex({ name: "ix_kb_deflections_created", columnNames: ["created_at"] }),
        new TableIndex({ name: "ix_kb_deflections_article", columnNames: ["article_id", "created_at"] }),
      ],
    }));
    await q.createTable(new Table({
      name: "ticket_kb_links",
      columns: [
        { name: "ticket_id", type: "integer", isPrimary: true }, { name: "article_id", type: "integer", isPrimary: true },
        { name: "solved", type: "boolean", default: false }, int("linked_by_id"), instant("created_at"),
      ],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("article_id", "kb_articles", "CASCADE"), fk("linked_by_id", "users", "SET NULL")],
      indices: [new TableIndex({ name: "ix_ticket_kb_links_article", columnNames: ["article_id", "ticket_id"] })],
    }));

    if (pg) {
      await q.query("ALTER TABLE kb_articles ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector");
      await q.query("CREATE INDEX ix_kb_articles_search ON kb_articles USING GIN (search_vector)");
    } else {
      // its rowid is the article's id; title, tags, summary, body weighted at query time
      await q.query(
        "CREATE VIRTUAL TABLE kb_search USING fts5(title, tags, summary, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== "postgres") await q.query("DROP TABLE IF EXISTS kb_search");
    for (const t of ["ticket_kb_links", "kb_deflections", "kb_feedback", "kb_attachments", "kb_revisions", "kb_articles", "kb_categories"]) {
      await q.dropTable(t);
    }
  }
}
