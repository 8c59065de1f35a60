import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeKb } from "../../../access/policies/kb.policy";
import { rawQuery } from "../../../platform/db/raw";
import type { KbAudience, KbStatus } from "../kb.entity";
import { searchArticles, type KbHit } from "./search";

/** How many articles are proposed beside a new ticket: a short list is read, a long one skipped. */
const SUGGESTIONS = 5;
/** The words typed that a deflection keeps (the column's length). */
export const TYPED_MAX = 500;

/** What an employee typed so far (title, then description), as one line cut to what is kept. */
function typedWords(title: unknown, description: unknown): string {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return `${text(title)} ${text(description)}`.replace(/\s+/g, " ").trim().slice(0, TYPED_MAX);
}

export interface Suggestions {
  /** The words the articles were found with (sent back with "this solved my problem"). */
  words: string;
  items: KbHit[];
  /** The employee asked (the no-JavaScript button): say so when nothing was found. */
  searched: boolean;
}

/**
 * The articles that may answer what someone is writing in a new ticket, in their
 * audience (searchArticles applies it: an employee never gets a draft or an agents-only
 * article).
 */
export async function suggestionsFor(db: DataSource, actor: Actor, typed: { title?: unknown; description?: unknown; kbSearch?: unknown }): Promise<Suggestions> {
  const words = typedWords(typed.title, typed.description);
  return { words, items: await searchArticles(db, actor, words, { limit: SUGGESTIONS }), searched: typed.kbSearch === "1" };
}

/** The article that solved someone's problem, for the page that says so (404 if they may not give it feedback). */
export async function solvingArticle(db: DataSource, actor: Actor, id: number): Promise<{ id: number; title: string }> {
  const [a] = await rawQuery<{ id: number; title: string; audience: KbAudience; status: KbStatus }>(db,
    "SELECT id, title, audience, status FROM kb_articles WHERE id = ?", [id]);
  authorizeKb(actor, "feedback", a ?? null);
  return { id: Number(a.id), title: a.title };
}
