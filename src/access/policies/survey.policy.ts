import type { Actor } from "../actor";
import { conflict, forbidden, notFound } from "../../platform/http/errors";
import { canTicket, type TicketSubject } from "./ticket.policy";

/**
 * "rate": the requester answers the satisfaction survey of their ticket. The others are a
 * supervisor's reactions to a low score: "reach_out" (the public reply, pre-filled),
 * "reopen", and "follow_up" (a new ticket for the requester, when the rated one is closed
 * and takes no more replies).
 */
export const SURVEY_ACTIONS = ["rate", "reach_out", "reopen", "follow_up"] as const;
export type SurveyAction = (typeof SURVEY_ACTIONS)[number];

/** What the rules need to know of a rated (or rateable) ticket. */
export interface SurveySubject extends TicketSubject {
  /** A duplicate merged away is read-only: nobody rates it, nobody reacts on it. */
  mergedIntoId: number | null;
  /** It may be rated now (survey-token.ts surveyOpen: resolved or closed as configured, and something was solved). */
  open: boolean;
  /** Its answer is a low score (survey-token.ts LOW_SCORE); false before any answer. */
  low: boolean;
}

/** The ticket action each reaction is, on the rated ticket itself (a follow-up only reads it). */
const REACTION: Record<Exclude<SurveyAction, "rate">, "reply" | "reopen" | "read"> = { reach_out: "reply", reopen: "reopen", follow_up: "read" };

/**
 * The one place that says who may rate a ticket and who reacts to its score. `actor` is
 * null for nobody: no session, or a link whose requester was deactivated since (an
 * approval link of an approver who left is refused the same way). Only the ticket's
 * requester rates, while it is open to a rating. Only a supervisor reacts, to a low score,
 * on a ticket they may act on so, and never to their own rating. Whether the ticket's
 * status takes a reply or a reopening now is the state machine's business (409), not this.
 */
export function canSurvey(actor: Actor | null, action: SurveyAction, s: SurveySubject): boolean {
  if (!actor || s.mergedIntoId) return false;
  if (action === "rate") return actor.id === s.requesterId && s.open;
  if (actor.role !== "supervisor" || actor.id === s.requesterId || !s.low) return false;
  return canTicket(actor, REACTION[action], s);
}

/**
 * Someone who may not read the ticket must not learn it exists, nor may anyone but its
 * requester learn whether it may be rated: 404. The requester of a ticket not open to a
 * rating (reopened, not yet resolved or closed as configured): 409. A reader refused a
 * reaction: 403.
 */
export function authorizeSurvey(actor: Actor | null, action: SurveyAction, s: SurveySubject | null): asserts s is SurveySubject {
  if (!s || !actor) throw notFound("ticket_not_found");
  if (canSurvey(actor, action, s)) return;
  if (action === "rate") {
    if (actor.id !== s.requesterId) throw notFound("ticket_not_found");
    throw conflict("survey_not_open", "surveys.errors.not_resolved");
  }
  if (!canTicket(actor, "read", s)) throw notFound("ticket_not_found");
  throw forbidden("survey_action_forbidden", "surveys.errors.forbidden");
}
