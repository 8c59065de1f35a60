import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { kbScope } from "../../../access/policies/kb.policy";
import { rawQuery } from "../../../platform/db/raw";
import type { KbAudience, KbStatus } from "../kb.entity";
import { highlight, searchTerms, snippet } from "../search-text";

export interface KbHit {
  id: number;
  title: string;
  /** The title, escaped, its matching words in <mark>. */
  titleHtml: string;
  /** A passage of the summary or body around the matching words, escaped, in <mark>. */
  snippet: string;
  audience: KbAudience;
  status: KbStatus;
  categoryId: number | null;
}

export interface KbSearchOptions {
  limit: number;
  /** Editors only: drafts and archived articles too (the desk's knowledge-base page). */
  unpublished?: boolean;
  /** Leave these out (the articles already linked to a ticket, say). */
  exclude?: number[];
}

interface Ranked { id: number }

/**
 * The one search of the knowledge base, for every page and the API: the reader's scope
 * (kbScope: an employee never gets an agent-only article or a draft), every term a prefix,
 * ranked by the database (FTS5 bm25 / ts_rank, title > tags > summary > body). All the
 * terms first; when that finds fewer than asked and there were several terms, the
 * articles with any of them follow (someone describing a problem in a sentence rarely
 * uses the article's exact words). The snippets are cut here, the same for both databases.
 */
export async function searchArticles(db: DataSource, actor: Actor | null, q: string, opts: KbSearchOptions): Promise<KbHit[]> {
  const terms = searchTerms(q);
  if (!terms.length || opts.limit < 1) return [];
  const scope = kbScope(actor, { unpublished: opts.unpublished });
  const seen = new Set(opts.exclude ?? []);
  const ids: number[] = [];
  for (const op of terms.length > 1 ? ["AND", "OR"] as const : ["AND"] as const) {
    const rows = await ranked(db, terms, op, scope, opts.limit + seen.size);
    for (const r of rows) {
      const id = Number(r.id);
      if (seen.has(id) || ids.length >= opts.limit) continue;
      seen.add(id);
      ids.push(id);
    }
    if (ids.length >= opts.limit) break;
  }
  if (!ids.length) return [];
  const rows = await rawQuery<{ id: number; title: string; summary: string | null; body_text: string; audience: KbAudience; status: KbStatus; category_id: number | null }>(
    db, `SELECT id, title, summary, body_text, audience, status, category_id FROM kb_articles WHERE id IN (${ids.map(() => "?").join(", ")})`, ids);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{
      id, title: r.title, titleHtml: highlight(r.title, terms), audience: r.audience, status: r.status,
      categoryId: r.category_id == null ? null : Number(r.category_id),
      snippet: snippet(`${r.summary ? `${r.summary} ` : ""}${r.body_text}`, terms),
    }];
  });
}

function ranked(db: DataSource, terms: string[], op: "AND" | "OR", scope: string, limit: number): Promise<Ranked[]> {
  if (db.options.type === "postgres") {
    // terms are letters and digits only (searchTerms), safe inside a tsquery
    const query = terms.map((t) => `${t}:*`).join(op === "AND" ? " & " : " | ");
    return rawQuery<Ranked>(db,
      `SELECT a.id FROM kb_articles a, to_tsquery('simple', ?) query WHERE a.search_vector @@ query AND ${scope}
        ORDER BY ts_rank('{0.1, 0.3, 0.6, 1.0}', a.search_vector, query) DESC, a.id DESC LIMIT ?`, [query, limit]);
  }
  const match = terms.map((t) => `"${t}"*`).join(` ${op} `);
  return rawQuery<Ranked>(db,
    `SELECT a.id FROM kb_search JOIN kb_articles a ON a.id = kb_search.rowid WHERE kb_search MATCH ? AND ${scope}
      ORDER BY bm25(kb_search, 10.0, 6.0, 3.0, 1.0), a.id DESC LIMIT ?`, [match, limit]);
}
