import { In, IsNull, type EntityManager } from "typeorm";
import type { Deps } from "../../../platform/deps";
import { initI18n, translator } from "../../../platform/i18n";
import { notify } from "../../notifications/notify";
import { supervisorsAmong } from "../../sla/jobs/sla-watch";
import { TicketComment } from "../../tickets/comment.entity";
import type { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { groupMembers } from "../../users/queries/groups";
import { User } from "../../users/user.entity";
import { TicketSurvey } from "../reporting.entity";
import { LOW_SCORE } from "../survey-token";

/** Who hears of a low score: the supervisors of the ticket's group, as for an SLA breach (with none, every active supervisor). */
async function supervisorsFor(tx: EntityManager, groupId: number | null): Promise<number[]> {
  const supervisors = (await tx.find(User, { select: { id: true }, where: { role: "supervisor", active: true } })).map((u) => u.id);
  return supervisorsAmong(supervisors, groupId ? (await groupMembers(tx, groupId)).map((u) => u.id) : []);
}

/**
 * A low score on a ticket, in the answer's transaction. The first time (whatever the changes
 * after): an internal note in the desk's language and a notice to the supervisors (the mail
 * leaves from the outbox after commit); alerted_at is claimed by an UPDATE ... WHERE
 * alerted_at IS NULL, so two answers at once alert once. Afterwards, a comment added or
 * changed while still low is a note of its own, quiet (the supervisors were told, the note
 * tells whoever opens the ticket), and never a second note quoting the same comment.
 * Returns whether a note was added.
 */
export async function alertLowScore(
  tx: EntityManager, deps: Deps, t: Ticket, survey: TicketSurvey, now: Date, afterCommit: (cb: () => void) => void,
): Promise<boolean> {
  if (survey.score > LOW_SCORE) return false;
  const claimed = await tx.update(TicketSurvey, { id: survey.id, alertedAt: IsNull() }, { alertedAt: now });
  await initI18n(deps.config.defaultLocale);
  const desk = translator(deps.config.defaultLocale);
  const noteOf = (score: number) => (survey.comment ? desk("surveys.note", { score, comment: survey.comment }) : desk("surveys.note_plain", { score }));
  if (!claimed.affected) {
    if (!survey.comment) return false;
    const scores = Array.from({ length: LOW_SCORE }, (_, i) => i + 1);
    if (await tx.exists(TicketComment, { where: { ticketId: t.id, internal: true, body: In(scores.map(noteOf)) } })) return false;
  }
  // the requester's own words, kept internal: ticket_comments.author_id cannot be null (no "system" author)
  await tx.insert(TicketComment, { ticketId: t.id, authorId: t.requesterId, body: noteOf(survey.score), internal: true, createdAt: now });
  // open desk pages of the ticket refresh, as for any internal note
  afterCommit(() => deps.bus.emit("ticket.changed", { ticketId: t.id, action: "note", actorId: t.requesterId }));
  if (!claimed.affected) return true;
  const requester = await tx.findOneOrFail(User, { select: { id: true, displayName: true }, where: { id: t.requesterId } });
  await notify(tx, deps, await supervisorsFor(tx, t.groupId), {
    kind: "survey_low_score", ticket: { id: t.id, number: formatNumber(t.type, t.id), title: t.title },
    params: { name: requester.displayName, score: survey.score },
    mailData: { comment: survey.comment },
  });
  return true;
}
