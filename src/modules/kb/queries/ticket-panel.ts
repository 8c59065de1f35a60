import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { canTicket } from "../../../access/policies/ticket.policy";
import { authorizeKb, isKbEditor } from "../../../access/policies/kb.policy";
import type { Deps } from "../../../platform/deps";
import { rawQuery } from "../../../platform/db/raw";
import { AppError } from "../../../platform/http/errors";
import type { Ticket } from "../../tickets/ticket.entity";
import { canTransition } from "../../tickets/state-machine";
import { formatNumber } from "../../tickets/ticket.types";
import type { KbAudience, KbStatus } from "../kb.entity";
import { searchArticles } from "./search";
import { kbArticleUrl } from "./known-error";
import { replyText } from "../markdown";

/** Results of the panel's search: enough to choose from beside a ticket. */
const RESULTS = 8;

export const INSERT_MODES = ["link", "content"] as const;
type InsertMode = (typeof INSERT_MODES)[number];

/** An article as the ticket's panel shows it. */
interface PanelArticle {
  id: number;
  title: string;
  /** The title escaped, its matching words in <mark> (search results), else the plain title escaped. */
  titleHtml: string | null;
  snippet: string | null;
  audience: KbAudience;
  status: KbStatus;
  solved: boolean;
  /**
   * Into the public reply, from a published article only (a draft may still change, an
   * archived one is out of date): a link only to what a requester may open (for
   * everyone); the content of either audience (the agent chooses what to send). `href`
   * re-renders the page with the reply filled in (no JavaScript), `text` is what the
   * script fetches.
   */
  insert: { link: { href: string; text: string } | null; content: { href: string; text: string } } | null;
}

export interface KbPanel {
  number: string;
  /** The words searched (`?kb=` on the ticket page), "" for none. */
  q: string;
  /** null: nothing searched. */
  results: PanelArticle[] | null;
  linked: PanelArticle[];
  /** The public reply, filled in with an article (`?reply_kb=ID&mode=link|content`). */
  reply: string | null;
  /** Why `?reply_kb=` filled nothing in (an i18n key): the article is gone, or may not be sent that way. */
  message: string | null;
  can: { link: boolean; insert: boolean; draft: boolean };
}

interface LinkedRow { id: number; title: string; audience: KbAudience; status: KbStatus; solved: unknown }

/** The articles linked to a ticket, the one that solved it first, then in the order they were linked. */
async function linkedArticles(db: DataSource, ticketId: number): Promise<{ id: number; title: string; audience: KbAudience; status: KbStatus; solved: boolean }[]> {
  const rows = await rawQuery<LinkedRow>(db,
    `SELECT a.id, a.title, a.audience, a.status, l.solved FROM ticket_kb_links l JOIN kb_articles a ON a.id = l.article_id
      WHERE l.ticket_id = ? ORDER BY l.solved DESC, l.created_at, a.id`, [ticketId]);
  return rows.map((r) => ({ id: Number(r.id), title: r.title, audience: r.audience, status: r.status, solved: r.solved === true || Number(r.solved) === 1 }));
}

/** Whether a requester could open a link to it. */
const linkable = (a: { audience: KbAudience; status: KbStatus }) => a.audience === "everyone" && a.status === "published";

/**
 * What goes into the reply: the title and "https://…/kb/articles/12" on the next line, or
 * the article as plain text with its links' addresses. Only a published article (422
 * kb_article_not_published, as for linking it); a link only to one the requester may open.
 */
export async function replyInsertText(deps: Deps, actor: Actor, articleId: number, mode: InsertMode): Promise<string> {
  const [a] = await rawQuery<{ title: string; body: string; audience: KbAudience; status: KbStatus }>(deps.db,
    "SELECT title, body, audience, status FROM kb_articles WHERE id = ?", [articleId]);
  authorizeKb(actor, "read", a ?? null);
  if (a.status !== "published") throw new AppError(422, "kb_article_not_published", "kbDesk.errors.insert_not_published");
  if (mode === "content") return replyText(a.body, deps.config.baseUrl);
  // the requester could not open it: its content may be sent, not a link to it
  if (!linkable(a)) throw new AppError(422, "kb_link_not_public", "kbDesk.errors.link_not_public");
  // title and address on their own lines: no punctuation between them to get wrong in either language
  return `${a.title}\n${deps.config.baseUrl.replace(/\/+$/, "")}${kbArticleUrl(articleId)}`;
}

/** What the panel may offer on this ticket (the ticket page has already checked it may be read). */
function panelCan(actor: Actor, t: Ticket): KbPanel["can"] {
  const live = !t.mergedIntoId;
  return {
    link: live && canTicket(actor, "note", t),
    insert: live && canTicket(actor, "reply", t) && canTransition("reply", t.status),
    draft: isKbEditor(actor),
  };
}

function present(number: string, q: string, can: KbPanel["can"], a: Omit<PanelArticle, "insert">): PanelArticle {
  const page = (mode: InsertMode) => `/tickets/${number}?${new URLSearchParams({ ...(q ? { kb: q } : {}), reply_kb: String(a.id), mode })}#reply-body`;
  const fetched = (mode: InsertMode) => `/tickets/${number}/kb/${a.id}/insert?mode=${mode}`;
  const insert = can.insert && a.status === "published" ? {
    link: linkable(a) ? { href: page("link"), text: fetched("link") } : null,
    content: { href: page("content"), text: fetched("content") },
  } : null;
  return { ...a, insert };
}

/** The panel's search: published articles of both audiences (an editor's scope), the linked ones left out. */
export async function ticketKbResults(
  deps: Deps, actor: Actor, t: Ticket, q: string, linkedIds?: number[],
): Promise<{ number: string; q: string; results: PanelArticle[] | null; can: KbPanel["can"] }> {
  const number = formatNumber(t.type, t.id);
  const can = panelCan(actor, t);
  if (!q) return { number, q, results: null, can };
  const exclude = linkedIds ?? (await linkedArticles(deps.db, t.id)).map((a) => a.id);
  const hits = await searchArticles(deps.db, actor, q, { limit: RESULTS, exclude });
  return { number, q, can, results: hits.map((h) => present(number, q, can, { ...h, solved: false })) };
}

/** The text of `?kb=`, trimmed and bounded like any search box. */
export const searchWords = (v: unknown) => (typeof v === "string" ? v.trim().slice(0, 200) : "");

/**
 * The reply filled in by `?reply_kb=`, or why not: the address may be stale or hand-made
 * (the article deleted, turned agent-only or archived since the page was drawn), and that
 * must not cost the agent the ticket page.
 */
async function insertedReply(deps: Deps, actor: Actor, articleId: number, mode: InsertMode): Promise<Pick<KbPanel, "reply" | "message">> {
  try {
    return { reply: await replyInsertText(deps, actor, articleId, mode), message: null };
  } catch (err) {
    if (!(err instanceof AppError) || ![404, 422].includes(err.status)) throw err;
    return { reply: null, message: err.status === 404 ? "kbDesk.errors.insert_not_found" : err.messageKey };
  }
}

/**
 * The knowledge-base panel of the desk's ticket page: a search, the linked articles, and
 * the reply filled in when an article was inserted without JavaScript.
 */
export async function ticketKbPanel(deps: Deps, actor: Actor, t: Ticket, query: Record<string, unknown>): Promise<KbPanel> {
  const q = searchWords(query.kb);
  const linked = await linkedArticles(deps.db, t.id);
  const found = await ticketKbResults(deps, actor, t, q, linked.map((a) => a.id));
  const articleId = Number(query.reply_kb);
  const mode = INSERT_MODES.find((m) => m === query.mode) ?? "link";
  const inserted = found.can.insert && Number.isSafeInteger(articleId) && articleId > 0
    ? await insertedReply(deps, actor, articleId, mode) : { reply: null, message: null };
  return {
    number: found.number, q, results: found.results, ...inserted, can: found.can,
    linked: linked.map((a) => present(found.number, q, found.can, { ...a, titleHtml: null, snippet: null })),
  };
}
