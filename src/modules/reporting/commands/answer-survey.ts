import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { txQuery } from "../../../platform/db/raw";
import { conflict, notFound } from "../../../platform/http/errors";
import { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { TicketSurvey } from "../reporting.entity";
import { changeableUntil, surveyOpen } from "../survey-token";
import type { SurveyInput } from "../surveys.schemas";
import { alertLowScore } from "./alert-low-score";

/**
 * The requester rates their ticket, signed in (the portal) or by the signed link of the
 * email: either way the caller has proven who `requesterId` is, and only the ticket's
 * requester rates it (anyone else: 404, the ticket's existence is not theirs to learn).
 *
 * One answer a ticket: the first creates the row (the unique index on ticket_id and
 * ON CONFLICT DO NOTHING make two first answers at once one row, the second becoming a
 * change); it may be changed for 24 hours, then 409 survey_locked. A ticket no longer
 * resolved (reopened) is 409 survey_not_open.
 */
export async function answerSurvey(
  deps: Deps, requesterId: number, ref: { id: number; prefix?: "INC" | "REQ" | null }, input: SurveyInput,
): Promise<{ survey: TicketSurvey; number: string }> {
  return withTransaction(deps.db, async (tx) => {
    const t = await tx.findOne(Ticket, { where: { id: ref.id } });
    // a number whose prefix is not the ticket's type (REQ-… for an incident) names no ticket
    const number = t ? formatNumber(t.type, t.id) : "";
    if (!t || t.requesterId !== requesterId || (ref.prefix && !number.startsWith(ref.prefix))) throw notFound("ticket_not_found");
    if (!surveyOpen(deps.config, t)) throw conflict("survey_not_open", "surveys.errors.not_resolved");
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
    await alertLowScore(tx, deps, t, survey, now);
    return { survey, number };
  });
}
