import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { inKbScope, kbScope, type KbStatusScope } from "../../../access/policies/kb.policy";
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
  /** Editors only: drafts, archived articles, or all (the desk's knowledge-base page); published by default. */
  status?: KbStatusScope;
  /** Leave these out (the articles already linked to a ticket, say). */
  exclude?: number[];
}

interface Ranked { id: number }

/** FTS5's ranking, best first: title, tags, summary, body, from the heaviest to the lightest. */
const BM25 = "bm25(kb_search, 10.0, 6.0, 3.0, 1.0)";

/**
 * The one search of the knowledge base, for every page and the API: the reader's scope
 * (kbScope: an employee never gets an agent-only article or a draft), every term a prefix,
 * ranked by the database (FTS5 bm25 / ts_rank, title > tags > summary > body). All the
 * terms first; when that finds fewer than asked and there were several terms, the
 * articles with any of them in their title, tags or summary follow (someone describing a
 * problem in a sentence rarely uses the article's exact words; any of a sentence's words
 * anywhere in the bodies would be most of the knowledge base, ranked on every pause of
 * someone typing). The snippets are cut here, the same for both databases.
 */
export async function searchArticles(db: DataSource, actor: Actor | null, q: string, opts: KbSearchOptions): Promise<KbHit[]> {
  const terms = searchTerms(q);
  if (!terms.length || opts.limit < 1) return [];
  const visible = { status: opts.status };
  const seen = new Set(opts.exclude ?? []);
  const ids: number[] = [];
  for (const op of terms.length > 1 ? ["AND", "OR"] as const : ["AND"] as const) {
    const rows = await ranked(db, actor, visible, terms, op, opts.limit + seen.size);
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
  // the scope again on the rows shown (an article archived since it was ranked is not)
  const byId = new Map(rows.filter((r) => inKbScope(actor, visible, r)).map((r) => [Number(r.id), r]));
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

/** Which of these articles the reader may see, by their status and audience. */
async function inScope(db: DataSource, actor: Actor | null, visible: { status?: KbStatusScope }, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await rawQuery<Ranked & { status: KbStatus; audience: KbAudience }>(db,
    `SELECT id, status, audience FROM kb_articles WHERE id IN (${ids.map(() => "?").join(", ")})`, ids);
  return new Set(rows.filter((r) => inKbScope(actor, visible, r)).map((r) => Number(r.id)));
}

async function ranked(db: DataSource, actor: Actor | null, visible: { status?: KbStatusScope }, terms: string[], op: "AND" | "OR", limit: number): Promise<Ranked[]> {
  if (db.options.type === "postgres") {
    // terms are letters and digits only (searchTerms), safe inside a tsquery
    // "any of them": in the title, tags or summary (weights A, B, C)
    const query = op === "AND" ? terms.map((t) => `${t}:*`).join(" & ") : terms.map((t) => `${t}:*ABC`).join(" | ");
    return rawQuery<Ranked>(db,
      `SELECT a.id FROM kb_articles a, to_tsquery('simple', ?) query WHERE a.search_vector @@ query AND ${kbScope(actor, visible)}
        ORDER BY ts_rank('{0.1, 0.3, 0.6, 1.0}', a.search_vector, query) DESC, a.id DESC LIMIT ?`, [query, limit]);
  }
  // FTS5 ranks on its own, and fast (bm25 over a few hundred matches: a third of a
  // millisecond); joined to the articles to filter them first, it pays a row lookup per
  // match (five times slower). So: the best matches, of which the reader's that come first;
  // only when the scope kept too few of them (an editor's drafts, say), filter then rank.
  const words = terms.map((t) => `"${t}"*`).join(` ${op} `);
  const match = op === "AND" ? words : `{title tags summary} : (${words})`;
  const batch = 2 * limit + 10;
  const rows = await rawQuery<Ranked>(db,
    `SELECT rowid AS id FROM kb_search WHERE kb_search MATCH ? ORDER BY ${BM25}, rowid DESC LIMIT ?`, [match, batch]);
  const ids = rows.map((r) => Number(r.id));
  const shown = await inScope(db, actor, visible, ids);
  const best = ids.filter((id) => shown.has(id)).slice(0, limit);
  if (best.length === limit || rows.length < batch) return best.map((id) => ({ id }));
  return rawQuery<Ranked>(db,
    `SELECT a.id FROM kb_search JOIN kb_articles a ON a.id = kb_search.rowid WHERE kb_search MATCH ? AND ${kbScope(actor, visible)}
      ORDER BY ${BM25}, a.id DESC LIMIT ?`, [match, limit]);
}
