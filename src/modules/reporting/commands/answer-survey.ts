import type { EntityManager } from "typeorm";
import { authorizeSurvey } from "../../../access/policies/survey.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { txQuery } from "../../../platform/db/raw";
import { conflict, notFound } from "../../../platform/http/errors";
import { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { loadActor } from "../../users/queries/load-actor";
import { TicketSurvey } from "../reporting.entity";
import { changeableUntil, surveySubject } from "../survey-token";
import type { SurveyInput } from "../surveys.schemas";
import { alertLowScore } from "./alert-low-score";

/** A ticket named by its number (id and the prefix typed, if any), else 404: a prefix not its type's (REQ-… for an incident) names none. */
export async function ticketNamed(tx: EntityManager, ref: { id: number; prefix?: "INC" | "REQ" | null }): Promise<Ticket> {
  const t = await tx.findOne(Ticket, { where: { id: ref.id } });
  if (!t || (ref.prefix && !formatNumber(t.type, t.id).startsWith(ref.prefix))) throw notFound("ticket_not_found");
  return t;
}

/**
 * The requester rates their ticket, signed in (the portal) or by the signed link of the
 * email: either way the caller has proven who `requesterId` is. survey.policy decides:
 * only the ticket's requester, still active, rates it (anyone else: 404, the ticket's
 * existence is not theirs to learn), and only while it is open to a rating (409
 * survey_not_open, e.g. reopened).
 *
 * One answer a ticket: the first creates the row (the unique index on ticket_id and
 * ON CONFLICT DO NOTHING make two first answers at once one row, the second becoming a
 * change); it may be changed for 24 hours, then 409 survey_locked.
 */
export async function answerSurvey(
  deps: Deps, requesterId: number, ref: { id: number; prefix?: "INC" | "REQ" | null }, input: SurveyInput,
): Promise<{ survey: TicketSurvey; number: string }> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const t = await ticketNamed(tx, ref);
    // a deactivated requester is nobody (null): their link no longer rates, as an approval link of an approver who left
    authorizeSurvey(await loadActor(tx, requesterId), "rate", surveySubject(deps.config, t, null));
    const now = deps.clock.now();
    const added = await txQuery(tx,
      `INSERT INTO ticket_surveys (ticket_id, requester_id, score, comment, first_answered_at, answered_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (ticket_id) DO NOTHING RETURNING id`, [t.id, requesterId, input.score, input.comment, now.getTime(), now.getTime()]);
    if (!added.length) {
      const before = await tx.findOneOrFail(TicketSurvey, { where: { ticketId: t.id } });
      if (now.getTime() >= changeableUntil(before.firstAnsweredAt).getTime()) throw conflict("survey_locked", "surveys.errors.locked");
      await tx.update(TicketSurvey, { id: before.id }, { score: input.score, comment: input.comment, answeredAt: now });
    }
    const survey = await tx.findOneOrFail(TicketSurvey, { where: { ticketId: t.id } });
    await alertLowScore(tx, deps, t, survey, now, afterCommit);
    return { survey, number: formatNumber(t.type, t.id) };
  });
}
