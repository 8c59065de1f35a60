import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { isKbEditor } from "../../../access/policies/kb.policy";
import { searchArticles, type KbHit } from "./search";
import { articlesToReview, categoriesWithCounts, listArticles, popularArticles, type KbCategoryCount, type KbListRow, type KbPage, type KbStatusFilter } from "./list-articles";

/** The search results the page shows. */
const RESULTS = 20;

interface KbIndex {
  /** The search's results; empty when nothing was typed. */
  hits: KbHit[];
  /** Browsing the published articles: the categories the reader may open, with their counts. */
  categories: KbCategoryCount[];
  /** Browsing the published articles: the most read ones. */
  popular: KbListRow[];
  /** Browsing an editor's other states (draft, archived, all): a page of them. */
  list: KbPage | null;
  /** Browsing, editors: the published and draft articles whose review date (by `today`) has come. */
  review: KbListRow[];
}

/**
 * The knowledge base's front page, as this reader may see it: with words, the search
 * alone (in the state an editor filters on); without, either the categories, the popular
 * articles and (for editors) what to review, or a page of the other state asked for.
 * Every part is scoped by its own query (kbScope); `status` is already the reader's
 * (statusFilterOf: "published" for anyone but an editor).
 */
export async function kbIndex(
  db: DataSource, actor: Actor, opts: { q: string; status: KbStatusFilter; before: number | null; today: string },
): Promise<KbIndex> {
  const { q, status } = opts;
  if (q) return { hits: await searchArticles(db, actor, q, { limit: RESULTS, status }), categories: [], popular: [], list: null, review: [] };
  const published = status === "published";
  const [categories, popular, list, review] = await Promise.all([
    published ? categoriesWithCounts(db, actor) : [],
    published ? popularArticles(db, actor) : [],
    published ? null : listArticles(db, actor, { status, before: opts.before }),
    published && isKbEditor(actor) ? articlesToReview(db, actor, opts.today) : [],
  ]);
  return { hits: [], categories, popular, list, review };
}
