import { In, Not, type EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeSurvey } from "../../../access/policies/survey.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { conflict } from "../../../platform/http/errors";
import { initI18n, translator, type Translate } from "../../../platform/i18n";
import { Category } from "../../tickets/category.entity";
import { createTicket } from "../../tickets/commands/create-ticket";
import { relateTickets } from "../../tickets/commands/link-tickets";
import { takeTicket } from "../../tickets/commands/take-ticket";
import { TicketLink } from "../../tickets/link.entity";
import { Ticket } from "../../tickets/ticket.entity";
import { createTicketSchema } from "../../tickets/ticket.schemas";
import { formatNumber } from "../../tickets/ticket.types";
import { User } from "../../users/user.entity";
import { TicketSurvey } from "../reporting.entity";
import { surveySubject } from "../survey-token";
import { ticketNamed } from "./answer-survey";

/** A ticket's title is at most this long (createTicketSchema). */
const TITLE_MAX = 200;

/** "Follow-up: <title>" in the desk's language, shortened to fit a title. */
function followUpTitle(desk: Translate, title: string): string {
  const full = desk("surveys.follow_up.title", { title });
  return full.length <= TITLE_MAX ? full : `${full.slice(0, TITLE_MAX - 1)}…`;
}

/** What the follow-up says of the rating: who rated which ticket how, and their comment quoted. */
function followUpDescription(desk: Translate, t: Ticket, name: string, s: TicketSurvey): string {
  const rated = desk("surveys.follow_up.description", {
    name, number: formatNumber(t.type, t.id), title: t.title, score: s.score, label: desk(`surveys.scores.${s.score}`),
  });
  const comment = s.comment ? `${desk("surveys.follow_up.comment")}\n${s.comment.split(/\r?\n/).map((l) => `> ${l}`).join("\n")}` : desk("surveys.follow_up.no_comment");
  return `${rated}\n\n${comment}`;
}

/**
 * The follow-up made before for this rating and still open (a second click, another
 * supervisor): a ticket related to the rated one, of the same requester, with the
 * follow-up's title. Going there again beats a second ticket about the same score.
 */
async function openFollowUp(tx: EntityManager, t: Ticket, title: string): Promise<Ticket | null> {
  const links = await tx.find(TicketLink, { where: [{ ticketId: t.id }, { otherTicketId: t.id }] });
  const ids = links.map((l) => (l.ticketId === t.id ? l.otherTicketId : l.ticketId)).filter((id): id is number => id !== null);
  if (!ids.length) return null;
  return tx.findOne(Ticket, { where: { id: In(ids), requesterId: t.requesterId, title, status: Not("closed") }, order: { id: "DESC" } });
}

/**
 * A supervisor follows up a low score on a closed ticket, which takes no reply and does not
 * reopen (a resolved one takes the panel's reply or reopening instead: 409 here). Through
 * the ticket commands: a new ticket for the same requester (received by email, as the
 * desk reaches out by email; the rated one's type, category and group; described by the
 * rating and its comment, in the desk's language), related to the rated one, taken by the
 * supervisor. survey.policy decides who (404 to whoever may not read the rated ticket,
 * 403 to another reader). The creation is one transaction; relating and taking are each
 * their command's own, right after (neither takes the caller's transaction): should one
 * fail, the ticket exists unrelated or untaken, in its group's queue, never half-made.
 */
export async function followUpSurvey(
  deps: Deps, actor: Actor, ref: { id: number; prefix?: "INC" | "REQ" | null },
): Promise<{ number: string; rated: string }> {
  const made = await withTransaction(deps.db, async (tx, afterCommit) => {
    const t = await ticketNamed(tx, ref);
    const survey = await tx.findOne(TicketSurvey, { where: { ticketId: t.id } });
    authorizeSurvey(actor, "follow_up", surveySubject(deps.config, t, survey));
    if (t.status !== "closed") throw conflict("survey_not_closed", "surveys.errors.not_closed");
    await initI18n(deps.config.defaultLocale);
    const desk = translator(deps.config.defaultLocale);
    const title = followUpTitle(desk, t.title);
    const before = await openFollowUp(tx, t, title);
    if (before) return { ticket: before, rated: t, fresh: false };
    const requester = await tx.findOne(User, { where: { id: t.requesterId, active: true } });
    if (!requester) throw conflict("survey_requester_inactive", "surveys.errors.requester_unavailable");
    // a category switched off since cannot be given to a new ticket: none then, the group says where it goes
    const category = t.categoryId ? await tx.findOne(Category, { where: { id: t.categoryId, active: true } }) : null;
    const input = createTicketSchema.parse({
      type: t.type, channel: "email", title, description: followUpDescription(desk, t, requester.displayName, survey!),
      categoryId: category?.id ?? "", requester: requester.username,
    });
    const ticket = await createTicket(deps, actor, input, [], { groupId: t.groupId ?? undefined, tx: { manager: tx, afterCommit } });
    // createTicket finds the requester by username, which a local and a directory account may share: it must be this one
    if (ticket.requesterId !== t.requesterId) throw conflict("survey_requester_ambiguous", "surveys.errors.requester_unavailable");
    return { ticket, rated: t, fresh: true };
  });
  if (made.fresh) {
    await relateTickets(deps, actor, made.ticket.id, { id: made.rated.id, prefix: null });
    await takeTicket(deps, actor, made.ticket.id);
  }
  return { number: formatNumber(made.ticket.type, made.ticket.id), rated: formatNumber(made.rated.type, made.rated.id) };
}
