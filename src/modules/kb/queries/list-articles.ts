import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeKb, isKbEditor, kbScope } from "../../../access/policies/kb.policy";
import { rawEntities, rawQuery } from "../../../platform/db/raw";
import { toDate } from "../../../platform/db/columns";
import { KbCategory, type KbAudience, type KbStatus } from "../kb.entity";

/** An article as a list shows it (no body). */
export interface KbListRow {
  id: number;
  title: string;
  summary: string | null;
  audience: KbAudience;
  status: KbStatus;
  categoryId: number | null;
  views: number;
  reviewBy: string | null;
  updatedAt: Date;
}

/** The editors' status filter on the lists; "published" is what every reader sees. */
export const KB_STATUS_FILTERS = ["published", "draft", "archived", "all"] as const;
export type KbStatusFilter = (typeof KB_STATUS_FILTERS)[number];

export const statusFilterOf = (actor: Actor, v: unknown): KbStatusFilter =>
  isKbEditor(actor) && (KB_STATUS_FILTERS as readonly unknown[]).includes(v) ? (v as KbStatusFilter) : "published";

const COLUMNS = "a.id, a.title, a.summary, a.audience, a.status, a.category_id, a.views, a.review_by, a.updated_at";

type RawRow = { id: number; title: string; summary: string | null; audience: KbAudience; status: KbStatus; category_id: number | null; views: number; review_by: string | null; updated_at: unknown };
const toRow = (r: RawRow): KbListRow => ({
  id: Number(r.id), title: r.title, summary: r.summary, audience: r.audience, status: r.status,
  categoryId: r.category_id == null ? null : Number(r.category_id), views: Number(r.views), reviewBy: r.review_by, updatedAt: toDate(r.updated_at)!,
});

/** The reader's scope, narrowed to one status when an editor filters on it. */
function scoped(actor: Actor, status: KbStatusFilter): { sql: string; params: unknown[] } {
  return { sql: kbScope(actor, { status }), params: [] };
}

export interface KbPage {
  rows: KbListRow[];
  /** The id to continue after (the next page's `before`), when there are more. */
  next: number | null;
}

/**
 * Articles the reader may read, newest first, a page at a time (keyset on the id: `before`
 * is the last id of the previous page), in one category or all of them.
 */
export async function listArticles(
  db: DataSource, actor: Actor, opts: { categoryId?: number; status?: KbStatusFilter; before?: number | null; limit?: number },
): Promise<KbPage> {
  const limit = opts.limit ?? 25;
  const { sql, params } = scoped(actor, opts.status ?? "published");
  const where = [sql];
  if (opts.categoryId) { where.push("a.category_id = ?"); params.push(opts.categoryId); }
  if (opts.before) { where.push("a.id < ?"); params.push(opts.before); }
  const rows = await rawQuery<RawRow>(db, `SELECT ${COLUMNS} FROM kb_articles a WHERE ${where.join(" AND ")} ORDER BY a.id DESC LIMIT ?`, [...params, limit + 1]);
  const page = rows.slice(0, limit).map(toRow);
  return { rows: page, next: rows.length > limit ? page[page.length - 1].id : null };
}

/** The most read articles the reader may read (the portal's "popular"). */
export async function popularArticles(db: DataSource, actor: Actor, limit = 8): Promise<KbListRow[]> {
  const rows = await rawQuery<RawRow>(db, `SELECT ${COLUMNS} FROM kb_articles a WHERE ${kbScope(actor)} ORDER BY a.views DESC, a.id DESC LIMIT ?`, [limit]);
  return rows.map(toRow);
}

/** Editors: articles whose review-by date has come (`today` included), the most overdue first; archived ones need none. */
export async function articlesToReview(db: DataSource, actor: Actor, today: string, limit = 20): Promise<KbListRow[]> {
  authorizeKb(actor, "write");
  const rows = await rawQuery<RawRow>(db,
    `SELECT ${COLUMNS} FROM kb_articles a WHERE ${kbScope(actor, { status: "all" })} AND a.review_by IS NOT NULL AND a.review_by <= ? AND a.status <> 'archived'
      ORDER BY a.review_by, a.id LIMIT ?`,
    [today, limit]);
  return rows.map(toRow);
}

export interface KbCategoryCount {
  id: number;
  name: string;
  description: string | null;
  count: number;
}

/**
 * The active categories in their order, each with the number of its articles this reader
 * may read (published ones; an employee's count leaves out agent-only articles). A reader
 * who is not an editor gets only the categories with something in them.
 */
export async function categoriesWithCounts(db: DataSource, actor: Actor): Promise<KbCategoryCount[]> {
  const rows = await rawQuery<{ id: number; name: string; description: string | null; n: number | string }>(db,
    `SELECT c.id, c.name, c.description, c.position, COUNT(a.id) AS n FROM kb_categories c
      LEFT JOIN kb_articles a ON a.category_id = c.id AND ${kbScope(actor)}
      WHERE c.active = TRUE GROUP BY c.id, c.name, c.description, c.position ORDER BY c.position, c.name, c.id`, []);
  const list = rows.map((r) => ({ id: Number(r.id), name: r.name, description: r.description, count: Number(r.n) }));
  return isKbEditor(actor) ? list : list.filter((c) => c.count > 0);
}

/** The categories this reader may browse, in their order: the same as the knowledge base's page offers (categoriesWithCounts). */
export async function readableCategories(db: DataSource, actor: Actor): Promise<Omit<KbCategoryCount, "count">[]> {
  return (await categoriesWithCounts(db, actor)).map(({ id, name, description }) => ({ id, name, description }));
}

/** Every category (withdrawn ones too), in their order: the editors' pickers and management page. */
export function allCategories(db: DataSource): Promise<KbCategory[]> {
  return rawEntities(db, KbCategory, "1 = 1 ORDER BY position, name, id", []);
}

/**
 * One category a reader may browse, null otherwise: an editor opens any (a withdrawn one
 * too); anyone else an active one holding an article they may read, as the knowledge
 * base's page offers it (a category of agent-only articles is nobody else's business).
 */
export async function browsableCategory(db: DataSource, actor: Actor, id: number): Promise<KbCategory | null> {
  const [c] = await rawEntities(db, KbCategory, "id = ?", [id]);
  if (!c || isKbEditor(actor)) return c ?? null;
  if (!c.active) return null;
  const [readable] = await rawQuery<{ id: number }>(db, `SELECT a.id FROM kb_articles a WHERE a.category_id = ? AND ${kbScope(actor)} LIMIT 1`, [id]);
  return readable ? c : null;
}
