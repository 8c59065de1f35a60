import type { DataSource } from "typeorm";
import type { Actor } from "../../access/actor";
import { isKbEditor } from "../../access/policies/kb.policy";
import { rawQuery } from "../../platform/db/raw";
import { formatProblemNumber } from "../problems/problem.entity";
import { iso } from "../api/api.presenter";
import { displayNames, type PersonName } from "../users/queries/display-names";
import type { KbArticle } from "./kb.entity";
import type { KbHit } from "./queries/search";
import { renderArticle } from "./markdown";
import type { ArticleInput } from "./commands/save-article";

/**
 * The JSON of API v1 for knowledge-base articles, and the way back: the API names the
 * category by its id (`category`), people by username; the commands take ArticleInput.
 */

interface Refs {
  people: Map<number, PersonName>;
  category: string | null;
}

async function refsOf(db: DataSource, a: KbArticle): Promise<Refs> {
  const [people, categories] = await Promise.all([
    displayNames(db, [a.authorId, a.reviewerId]),
    a.categoryId ? rawQuery<{ name: string }>(db, "SELECT name FROM kb_categories WHERE id = ?", [a.categoryId]) : [],
  ]);
  return { people, category: categories[0]?.name ?? null };
}

/**
 * One article as JSON: its Markdown and the sanitised HTML the pages show, the category
 * by id (and its name), the author and last reviewer by username. The desk's own links
 * (the problem it publishes) only for the editors.
 */
export async function articleJson(db: DataSource, actor: Actor, a: KbArticle) {
  const refs = await refsOf(db, a);
  const person = (id: number | null) => (id === null ? null : refs.people.get(id) ?? null);
  return {
    id: a.id, title: a.title, summary: a.summary, body: a.body, html: renderArticle(a.body), audience: a.audience, status: a.status,
    category: a.categoryId, categoryName: refs.category, tags: a.tags ? a.tags.split(",") : [],
    author: person(a.authorId)?.username ?? null, authorName: person(a.authorId)?.displayName ?? null,
    reviewer: person(a.reviewerId)?.username ?? null, reviewerName: person(a.reviewerId)?.displayName ?? null, reviewBy: a.reviewBy,
    views: a.views, helpful: { yes: a.helpfulYes, no: a.helpfulNo },
    ...(isKbEditor(actor) ? { problem: a.problemId ? formatProblemNumber(a.problemId) : null } : {}),
    version: a.version, createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt), publishedAt: iso(a.publishedAt),
  };
}

/** A search hit as the API gives it: the snippet is HTML (the text escaped, the matching words in <mark>). */
export const hitJson = (h: KbHit) => ({ id: h.id, title: h.title, snippet: h.snippet, audience: h.audience });

/** The body's keys (the API's) as the command's input; a key left out stays undefined (PATCH keeps it). */
export function articleInputOf(b: {
  title?: string; summary?: string | null; body?: string; category?: number | null; tags?: string[];
  audience?: ArticleInput["audience"]; status?: ArticleInput["status"]; reviewBy?: string | null;
}): Partial<ArticleInput> {
  return {
    title: b.title, summary: b.summary, body: b.body, categoryId: b.category, tags: b.tags, audience: b.audience, status: b.status, reviewBy: b.reviewBy,
  };
}
