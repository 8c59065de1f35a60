import type { Actor } from "../../../access/actor";
import { canSurvey } from "../../../access/policies/survey.policy";
import { canTicket } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { translator } from "../../../platform/i18n";
import { TicketLink } from "../../tickets/link.entity";
import { canTransition } from "../../tickets/state-machine";
import { Ticket } from "../../tickets/ticket.entity";
import { formatNumber, parseNumber } from "../../tickets/ticket.types";
import { loadActor } from "../../users/queries/load-actor";
import { User } from "../../users/user.entity";
import { TicketSurvey } from "../reporting.entity";
import { checkSurveyToken, surveySubject } from "../survey-token";
import { presentAnswer, type SurveyAnswer } from "../surveys.presenter";
import { reachOutSchema } from "../surveys.schemas";

export interface SurveyTicket {
  id: number;
  number: string;
  title: string;
}

/** What a rating link opens: a refusal (with the ticket when the link was genuine), or the ticket to rate and its answer. */
export type SurveyLink =
  | { state: "invalid" }
  | { state: "expired" | "not_open"; ticket: SurveyTicket }
  | { state: "open"; ticket: SurveyTicket; requesterId: number; answer: SurveyAnswer | null };

async function answerOf(deps: Deps, ticketId: number): Promise<SurveyAnswer | null> {
  const row = await deps.db.getRepository(TicketSurvey).findOne({ where: { ticketId } });
  return row ? presentAnswer(row, deps.clock.now()) : null;
}

/**
 * The link's token is the credential: it must be genuine and still name the ticket's
 * requester (a ticket given to someone else since is not theirs to rate), who must still
 * be active (a deactivated requester's link is "not valid", as an approval link of an
 * approver who left). Nothing of the ticket but its number and title is shown to whoever
 * holds the link.
 */
export async function surveyByLink(deps: Deps, token: string): Promise<SurveyLink> {
  const check = checkSurveyToken(deps.config, token, deps.clock.now());
  if (!check.ok && check.reason === "invalid") return { state: "invalid" };
  const t = await deps.db.getRepository(Ticket).findOne({ where: { id: check.ticketId } });
  const requester = t?.requesterId === check.requesterId ? await loadActor(deps.db.manager, t.requesterId) : null;
  if (!t || !requester) return { state: "invalid" };
  const ticket = { id: t.id, number: formatNumber(t.type, t.id), title: t.title };
  if (!check.ok) return { state: "expired", ticket };
  if (!canSurvey(requester, "rate", surveySubject(deps.config, t, null))) return { state: "not_open", ticket };
  return { state: "open", ticket, requesterId: t.requesterId, answer: await answerOf(deps, t.id) };
}

/** The ticket page's part: the requester's rating widget, or the desk's "Satisfaction" panel. */
export interface SurveyPanel {
  answer: SurveyAnswer | null;
  /** The ticket may be rated now (resolved or closed, as configured). */
  open: boolean;
  /** The viewer is the requester: the widget, which posts while open and not locked. */
  mine: boolean;
  rate: boolean;
  /** A supervisor's reactions to a low score: on a resolved ticket the reply and the reopening, on a closed one a follow-up ticket. */
  can: { reopen: boolean; reachOut: boolean; followUp: boolean };
  /** "Reach out" asked (?reach_out=…): the sentence the public reply starts with, in the requester's language. */
  reply: string | null;
}

/**
 * The rated ticket "Reach out" is about, once asked: `?reach_out=1` on the rated ticket
 * itself, or `?reach_out=<its number>` on the follow-up ticket made for it (closed, it
 * takes no reply): related to it, for the same requester, and the viewer still one who
 * may follow its low score up. Null when none of that holds (the reply box stays empty).
 */
async function reachOutAbout(deps: Deps, actor: Actor, t: Ticket, can: SurveyPanel["can"], query: Record<string, unknown>): Promise<Ticket | null> {
  const asked = reachOutSchema.parse(query).reach_out;
  if (!asked) return null;
  if (asked === "1") return can.reachOut ? t : null;
  const ref = parseNumber(asked);
  const rated = ref && ref.id !== t.id ? await deps.db.getRepository(Ticket).findOne({ where: { id: ref.id } }) : null;
  if (!rated || formatNumber(rated.type, rated.id) !== asked || rated.requesterId !== t.requesterId) return null;
  const related = await deps.db.getRepository(TicketLink).exists({ where: { ticketId: Math.min(t.id, rated.id), otherTicketId: Math.max(t.id, rated.id) } });
  const mayFollowUp = canSurvey(actor, "follow_up", surveySubject(deps.config, rated, await answerOf(deps, rated.id)));
  return related && mayFollowUp && canTicket(actor, "reply", t) && canTransition("reply", t.status) ? rated : null;
}

/**
 * The survey on a ticket page the viewer already reads (renderTicketPage authorized it).
 * A supervisor facing a low score gets what they may do now (survey.policy, and the state
 * machine): on a resolved ticket, reopen or reach out (the public reply, pre-filled); on a
 * closed one, which takes neither, a follow-up ticket (commands/follow-up-survey.ts).
 */
export async function surveyPanel(deps: Deps, actor: Actor, t: Ticket, query: Record<string, unknown>): Promise<SurveyPanel> {
  const answer = await answerOf(deps, t.id);
  const s = surveySubject(deps.config, t, answer);
  const can = {
    reopen: canSurvey(actor, "reopen", s) && canTransition("reopen", t.status),
    reachOut: canSurvey(actor, "reach_out", s) && canTransition("reply", t.status),
    followUp: canSurvey(actor, "follow_up", s) && t.status === "closed",
  };
  const about = await reachOutAbout(deps, actor, t, can, query);
  let reply: string | null = null;
  if (about) {
    const requester = await deps.db.getRepository(User).findOneOrFail({ select: { displayName: true, locale: true }, where: { id: t.requesterId } });
    reply = translator(requester.locale ?? deps.config.defaultLocale)("surveys.panel.reach_out_text", { name: requester.displayName, number: formatNumber(about.type, about.id) });
  }
  const mine = t.requesterId === actor.id;
  return { answer, open: s.open, mine, rate: canSurvey(actor, "rate", s) && !answer?.locked, can, reply };
}
