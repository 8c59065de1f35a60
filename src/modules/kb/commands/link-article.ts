import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeKb } from "../../../access/policies/kb.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { txQuery } from "../../../platform/db/raw";
import { AppError, invalid, notFound } from "../../../platform/http/errors";
import { Ticket } from "../../tickets/ticket.entity";
import { assertNotMerged, insertHistory, loadForAction } from "../../tickets/workflow";
import { KbArticle, TicketKbLink } from "../kb.entity";

/** The ticket history kinds this module writes: an article linked (title in `to`) or unlinked (in `from`), and the one that solved it. */
export const KB_HISTORY = { linked: "kb_article", solved: "kb_solved" } as const;

type Found = { ticket: Ticket; article: Pick<KbArticle, "id" | "title" | "audience" | "status"> };

/**
 * Who works the ticket links articles to it (a follower or another tier's agent does not:
 * 403, or 404 when they may not even read it); a merged duplicate changes no more.
 */
async function load(tx: EntityManager, actor: Actor, ticketId: number, articleId: number): Promise<Found> {
  const ticket = await loadForAction(tx, actor, ticketId, "note");
  assertNotMerged(ticket);
  const article = await tx.findOne(KbArticle, { select: { id: true, title: true, audience: true, status: true }, where: { id: articleId } });
  authorizeKb(actor, "read", article ?? null);
  return { ticket, article: article! };
}

/** History values are 200 characters at most; a title is too. */
const titleOf = (a: Pick<KbArticle, "title">) => a.title.slice(0, 200);

/**
 * Link a published article to a ticket; linking it again changes nothing. The insert
 * itself says whether the link is new (two clicks at once: one row, one history line).
 */
export function linkArticle(deps: Deps, actor: Actor, ticketId: number, articleId: number): Promise<Found> {
  return withTransaction(deps.db, async (tx) => {
    const found = await load(tx, actor, ticketId, articleId);
    // a draft may still change or never be published: what a ticket points at is published
    if (found.article.status !== "published") throw new AppError(422, "kb_article_not_published", "kbDesk.errors.not_published");
    const now = deps.clock.now();
    const added = await txQuery(tx,
      `INSERT INTO ticket_kb_links (ticket_id, article_id, solved, linked_by_id, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (ticket_id, article_id) DO NOTHING RETURNING article_id`, [ticketId, articleId, false, actor.id, now.getTime()]);
    if (added.length) await insertHistory(tx, ticketId, actor.id, [{ kind: KB_HISTORY.linked, to: titleOf(found.article) }], now);
    return found;
  });
}

/** Unlink an article from a ticket (404 when it was not linked); the history says which. */
export function unlinkArticle(deps: Deps, actor: Actor, ticketId: number, articleId: number): Promise<Found> {
  return withTransaction(deps.db, async (tx) => {
    const found = await load(tx, actor, ticketId, articleId);
    const link = await tx.findOne(TicketKbLink, { where: { ticketId, articleId } });
    if (!link) throw notFound("kb_link_not_found");
    await tx.delete(TicketKbLink, { ticketId, articleId });
    const now = deps.clock.now();
    await insertHistory(tx, ticketId, actor.id, [{ kind: KB_HISTORY.linked, from: titleOf(found.article) }], now);
    // the article that solved it is gone: the reports' facts (kpi-facts job) read the ticket again
    if (link.solved) await tx.update(Ticket, { id: ticketId }, { updatedAt: now });
    return found;
  });
}

/**
 * "Solved with this article", in the resolve's transaction: one of the ticket's linked
 * articles (another one is a 422 on the field), the only one marked (a resolution after
 * a reopen replaces the earlier one; none chosen, none marked). Returns the history row
 * to add, if any.
 */
export async function recordSolvedWith(tx: EntityManager, ticketId: number, articleId: number | null): Promise<{ kind: typeof KB_HISTORY.solved; to: string } | null> {
  const link = articleId == null ? null : await tx.findOne(TicketKbLink, { where: { ticketId, articleId } });
  if (articleId != null && !link) throw invalid({ solvedWith: "kbDesk.errors.not_linked" }, "kb_article_not_linked");
  await tx.update(TicketKbLink, { ticketId, solved: true }, { solved: false });
  if (articleId == null) return null;
  await tx.update(TicketKbLink, { ticketId, articleId }, { solved: true });
  const article = await tx.findOne(KbArticle, { select: { id: true, title: true }, where: { id: articleId } });
  return { kind: KB_HISTORY.solved, to: article ? titleOf(article) : "" };
}
