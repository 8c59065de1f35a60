import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeKb } from "../../../access/policies/kb.policy";
import type { Deps } from "../../../platform/deps";
import type { Translate } from "../../../platform/i18n";
import { withTransaction } from "../../../platform/db/transaction";
import { txQuery } from "../../../platform/db/raw";
import { loadForAction } from "../../tickets/workflow";
import type { Ticket } from "../../tickets/ticket.entity";
import type { KbArticle } from "../kb.entity";
import { plainToMarkdown } from "../markdown";
import { scrubPersonalData, type PersonalData, type Placeholders } from "../personal-data";
import { createArticle } from "./save-article";

/** The words of the draft in the author's language: its section titles, and what stands where personal data was removed. */
export interface DraftWords extends Placeholders {
  problem: string;
  solution: string;
}

/** The draft's words from the kbDesk locale, for the route to pass in its request's language. */
export const draftWords = (t: Translate): DraftWords => ({
  problem: t("kbDesk.draft.problem"), solution: t("kbDesk.draft.solution"),
  requester: t("kbDesk.draft.requester"), email: t("kbDesk.draft.email"), phone: t("kbDesk.draft.phone"),
});

/** What solved it: the resolution once resolved, else the last public reply of a technician, else nothing yet. */
async function solutionOf(tx: EntityManager, t: Ticket): Promise<string> {
  if ((t.status === "resolved" || t.status === "closed") && t.resolution) return t.resolution;
  const [reply] = await txQuery<{ body: string }>(tx,
    `SELECT c.body FROM ticket_comments c JOIN users u ON u.id = c.author_id
      WHERE c.ticket_id = ? AND NOT c.internal AND u.role IN ('agent', 'supervisor') ORDER BY c.id DESC LIMIT 1`, [t.id]);
  return reply?.body ?? "";
}

async function requesterOf(tx: EntityManager, t: Ticket): Promise<PersonalData> {
  const [u] = await txQuery<{ display_name: string; username: string; email: string | null; phone: string | null }>(tx,
    "SELECT display_name, username, email, phone FROM users WHERE id = ?", [t.requesterId]);
  return { displayName: u?.display_name, username: u?.username, email: u?.email, phones: [u?.phone, t.callbackPhone] };
}

/**
 * "Create an article from this ticket": a draft for agents (its author decides later who
 * reads it), written from the ticket's title, its problem and what solved it, without the
 * requester's personal data (their names, username, email, phone numbers, and any email
 * address or phone number at all). Whoever reads the ticket's internal side may start one.
 */
export function draftFromTicket(deps: Deps, actor: Actor, ticketId: number, words: DraftWords): Promise<KbArticle> {
  authorizeKb(actor, "write");
  return withTransaction(deps.db, async (tx) => {
    const t = await loadForAction(tx, actor, ticketId, "see_internal");
    const person = await requesterOf(tx, t);
    const clean = (s: string) => scrubPersonalData(s, person, words).trim();
    // the ticket's words are plain text: as Markdown they must read the same ("<name>" kept, a "*" not emphasis)
    const solution = plainToMarkdown(clean(await solutionOf(tx, t)));
    const body = `## ${words.problem}\n\n${plainToMarkdown(clean(t.description))}\n\n## ${words.solution}\n\n${solution}`.trimEnd() + "\n";
    return createArticle(deps, actor, { title: clean(t.title).slice(0, 200), body, audience: "agents", status: "draft" }, { sourceTicketId: t.id }, tx);
  });
}
