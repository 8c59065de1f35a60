import type { Actor } from "../../../access/actor";
import { canTicket } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { translator } from "../../../platform/i18n";
import { canTransition } from "../../tickets/state-machine";
import { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { User } from "../../users/user.entity";
import { TicketSurvey } from "../reporting.entity";
import { checkSurveyToken, surveyOpen } from "../survey-token";
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
 * requester (a ticket given to someone else since is not theirs to rate). Nothing of the
 * ticket but its number and title is shown to whoever holds the link.
 */
export async function surveyByLink(deps: Deps, token: string): Promise<SurveyLink> {
  const check = checkSurveyToken(deps.config, token, deps.clock.now());
  if (!check.ok && check.reason === "invalid") return { state: "invalid" };
  const t = await deps.db.getRepository(Ticket).findOne({ where: { id: check.ticketId } });
  if (!t || t.requesterId !== check.requesterId) return { state: "invalid" };
  const ticket = { id: t.id, number: formatNumber(t.type, t.id), title: t.title };
  if (!check.ok) return { state: "expired", ticket };
  if (!surveyOpen(deps.config, t)) return { state: "not_open", ticket };
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
  can: { reopen: boolean; reachOut: boolean };
  /** "Reach out" asked (?reach_out=1): the sentence the public reply starts with, in the requester's language. */
  reply: string | null;
}

/**
 * The survey on a ticket page the viewer already reads (renderTicketPage authorized it).
 * A supervisor facing a low score may reopen (the ticket policy lets a supervisor reopen a
 * resolved ticket) or reach out (the public reply, pre-filled): only what they may do now.
 */
export async function surveyPanel(deps: Deps, actor: Actor, t: Ticket, query: Record<string, unknown>): Promise<SurveyPanel> {
  const answer = await answerOf(deps, t.id);
  const open = surveyOpen(deps.config, t);
  const mine = t.requesterId === actor.id;
  const low = actor.role === "supervisor" && !mine && answer !== null && answer.low && !t.mergedIntoId;
  const can = {
    reopen: low && canTicket(actor, "reopen", t) && canTransition("reopen", t.status),
    reachOut: low && canTicket(actor, "reply", t) && canTransition("reply", t.status),
  };
  let reply: string | null = null;
  if (can.reachOut && reachOutSchema.parse(query).reach_out) {
    const requester = await deps.db.getRepository(User).findOneOrFail({ select: { displayName: true, locale: true }, where: { id: t.requesterId } });
    reply = translator(requester.locale ?? deps.config.defaultLocale)("surveys.panel.reach_out_text", { name: requester.displayName, number: formatNumber(t.type, t.id) });
  }
  return { answer, open, mine, rate: mine && open && !answer?.locked, can, reply };
}
