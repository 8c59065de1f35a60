import type { SurveySubject } from "../../access/policies/survey.policy";
import type { TicketSubject } from "../../access/policies/ticket.policy";
import type { Config } from "../../platform/config";
import { checkSignedLink, signedLink } from "../../platform/signed-link";
import { NOT_SOLVED } from "./facts";

/** Its own key (signed-link.ts): a survey token is never an approval token, nor the reverse. */
const PURPOSE = "survey-links";
const FIELDS = /^(\d{1,12})\.(\d{1,12})$/;

/**
 * The token of the rating links: "<ticket id>.<requester id>.<expiry, epoch seconds>.<HMAC>".
 * It proves one thing only: this ticket's requester's mailbox received it (the score is the
 * link's query, chosen by the click, and confirmed by a POST).
 */
export function surveyToken(cfg: Config, ticketId: number, requesterId: number, now: Date): string {
  return signedLink(cfg, PURPOSE, [ticketId, requesterId], now, cfg.reports.surveyLinkDays);
}

export type SurveyTokenCheck =
  | { ok: true; ticketId: number; requesterId: number; expiresAt: Date }
  | { ok: false; reason: "expired"; ticketId: number; requesterId: number }
  | { ok: false; reason: "invalid" };

/** "invalid" when malformed, altered or signed for another purpose; "expired" past its days (saying which ticket). */
export function checkSurveyToken(cfg: Config, token: string, now: Date): SurveyTokenCheck {
  const check = checkSignedLink(cfg, PURPOSE, token, FIELDS, now);
  if (!check.ok && check.reason === "invalid") return check;
  const [ticketId, requesterId] = check.fields.map(Number);
  return check.ok ? { ok: true, ticketId, requesterId, expiresAt: check.expiresAt } : { ok: false, reason: "expired", ticketId, requesterId };
}

/** Whether a notice kind's email asks the requester to rate, as configured (reports.surveyOn): the resolution's, or the closing's (by the desk or by the auto-close job). */
export function asksForSurvey(cfg: Config, kind: string): boolean {
  return cfg.reports.surveyOn === "closed" ? kind === "ticket_closed" || kind === "ticket_auto_closed" : kind === "ticket_resolved";
}

/**
 * What the resolution (or closing) email needs for its "How did we do?" block, for its one
 * recipient who is the ticket's requester (a follower told of the resolution gets no
 * links: they did not ask). The template adds "?score=1".."5" to the path.
 */
export function surveyMailData(cfg: Config, kind: string, ticket: { id: number; requesterId: number }, recipientId: number, now: Date)
  : { surveyPath: string; surveyDays: number } | null {
  if (!asksForSurvey(cfg, kind) || recipientId !== ticket.requesterId) return null;
  return { surveyPath: `/survey/${surveyToken(cfg, ticket.id, ticket.requesterId, now)}`, surveyDays: cfg.reports.surveyLinkDays };
}

/** How long the first answer may be changed (score and comment). */
export const CHANGE_MS = 24 * 3600_000;
/** A score at or under this alerts the group's supervisors (once a ticket). */
export const LOW_SCORE = 2;

/**
 * Whether a ticket may be rated now: resolved or closed when the survey goes with the
 * resolution, closed only when it goes with the closing; never a duplicate merged away
 * (closed, but nobody solved it) or a request refused at approval. A reopened ticket is not rated until resolved again.
 */
export function surveyOpen(cfg: Config, t: { status: string; mergedIntoId: number | null; resolutionCode: string | null }): boolean {
  // a refused request or a duplicate: nothing was solved to rate
  if (t.mergedIntoId || NOT_SOLVED.includes(t.resolutionCode ?? "")) return false;
  return cfg.reports.surveyOn === "closed" ? t.status === "closed" : t.status === "resolved" || t.status === "closed";
}

/** Until when an answer first given at `first` may be changed. */
export const changeableUntil = (first: Date) => new Date(first.getTime() + CHANGE_MS);

type SurveyedTicket = TicketSubject & { status: string; mergedIntoId: number | null; resolutionCode: string | null };

/** What survey.policy.ts decides on: the ticket, whether it may be rated now (as configured), whether its answer is low. */
export function surveySubject(cfg: Config, t: SurveyedTicket, answer: { score: number } | null): SurveySubject {
  return {
    requesterId: t.requesterId, tier: t.tier, tiersVisited: t.tiersVisited, assigneeId: t.assigneeId, major: t.major,
    mergedIntoId: t.mergedIntoId, open: surveyOpen(cfg, t), low: answer !== null && answer.score <= LOW_SCORE,
  };
}
