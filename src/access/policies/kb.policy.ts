import type { Actor } from "../actor";
import { forbidden, notFound } from "../../platform/http/errors";

export type KbAction = "read" | "write" | "feedback";
export const KB_ACTIONS: readonly KbAction[] = ["read", "write", "feedback"];

/** What the rules need to know of an article. */
export interface KbArticleSubject {
  audience: "everyone" | "agents";
  status: "draft" | "published" | "archived";
}

/** Technicians, supervisors and admins write the knowledge base and read all of it. */
export const isKbEditor = (actor: Actor) => actor.role === "agent" || actor.role === "supervisor" || actor.role === "admin";

/**
 * The knowledge base: editors (technicians, supervisors, admins) read every article in
 * any state and write them; everyone else reads only published articles for everyone.
 * Feedback ("was this helpful?") and "this solved my problem" are for what the reader
 * may read, once published.
 */
export function canKb(actor: Actor, action: KbAction, article?: KbArticleSubject): boolean {
  if (action === "write") return isKbEditor(actor);
  if (!article) return true;
  const published = article.status === "published";
  if (isKbEditor(actor)) return action === "read" || published;
  return published && article.audience === "everyone";
}

/**
 * An article the reader may not read is a 404 whatever they asked (nobody learns an
 * agent-only article or a draft exists by its id); writing is the editors': 403.
 */
export function authorizeKb(actor: Actor, action: KbAction, article?: KbArticleSubject | null): void {
  if (action === "write") {
    if (!canKb(actor, "write")) throw forbidden();
    if (article === null) throw notFound("kb_article_not_found");
    return;
  }
  if (article === null || !canKb(actor, action, article ?? undefined)) throw notFound("kb_article_not_found");
}

/** What an editor may narrow a list or search to; "all": every state. */
export type KbStatusScope = KbArticleSubject["status"] | "all";
const STATUS_SCOPES: readonly string[] = ["draft", "published", "archived", "all"];

/**
 * The articles a list or search may return to this reader, as SQL over alias `a`: the
 * published ones of their audience; an editor may ask for one other state or all of
 * them (published by default). Mirrors canKb(..., "read"); an unknown role gets the
 * employee's view. The SQL holds only constants of this file, never what was typed.
 */
export function kbScope(actor: Actor | null, opts: { status?: KbStatusScope } = {}, alias = "a"): string {
  if (!actor || !isKbEditor(actor)) return `${alias}.status = 'published' AND ${alias}.audience = 'everyone'`;
  const status = editorStatus(opts.status);
  return status === "all" ? "1 = 1" : `${alias}.status = '${status}'`;
}

const editorStatus = (s: KbStatusScope | undefined): KbStatusScope => (s && STATUS_SCOPES.includes(s) ? s : "published");

/**
 * kbScope for articles already read (a few rows fetched by id): the same rule in code.
 * SQLite would answer `id IN (…) AND status = …` through the status index, scanning every
 * published article instead of looking up the few ids.
 */
export function inKbScope(actor: Actor | null, opts: { status?: KbStatusScope }, a: KbArticleSubject): boolean {
  if (!actor || !isKbEditor(actor)) return a.status === "published" && a.audience === "everyone";
  const status = editorStatus(opts.status);
  return status === "all" || a.status === status;
}
