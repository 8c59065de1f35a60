import { In, IsNull, type EntityManager } from "typeorm";
import type { Deps } from "../../../platform/deps";
import { initI18n, translator } from "../../../platform/i18n";
import { notify } from "../../notifications/notify";
import { TicketComment } from "../../tickets/comment.entity";
import type { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { GroupMember } from "../../users/group.entity";
import { User } from "../../users/user.entity";
import { TicketSurvey } from "../reporting.entity";
import { LOW_SCORE } from "../survey-token";

/** Who hears of a low score: the supervisors who are members of the ticket's group; with none, every active supervisor. */
async function supervisorsFor(tx: EntityManager, groupId: number | null): Promise<number[]> {
  const supervisors = (await tx.find(User, { select: { id: true }, where: { role: "supervisor", active: true } })).map((u) => u.id);
  if (!groupId || !supervisors.length) return supervisors;
  const members = await tx.find(GroupMember, { where: { groupId, userId: In(supervisors) } });
  return members.length ? members.map((m) => m.userId) : supervisors;
}

/**
 * The first time a ticket's rating is low (whatever the changes after): an internal note on
 * the ticket, in the desk's language, and a notice to the supervisors, in the answer's
 * transaction (the mail leaves from the outbox after commit). alerted_at is claimed by an
 * UPDATE ... WHERE alerted_at IS NULL, so two answers at once alert once.
 */
export async function alertLowScore(tx: EntityManager, deps: Deps, t: Ticket, survey: TicketSurvey, now: Date): Promise<boolean> {
  if (survey.score > LOW_SCORE) return false;
  const claimed = await tx.update(TicketSurvey, { id: survey.id, alertedAt: IsNull() }, { alertedAt: now });
  if (!claimed.affected) return false;
  await initI18n(deps.config.defaultLocale);
  const desk = translator(deps.config.defaultLocale);
  const body = survey.comment
    ? desk("surveys.note", { score: survey.score, comment: survey.comment })
    : desk("surveys.note_plain", { score: survey.score });
  // the requester's own words, kept internal: ticket_comments.author_id cannot be null (no "system" author)
  await tx.insert(TicketComment, { ticketId: t.id, authorId: t.requesterId, body, internal: true, createdAt: now });
  const requester = await tx.findOneOrFail(User, { select: { id: true, displayName: true }, where: { id: t.requesterId } });
  await notify(tx, deps, await supervisorsFor(tx, t.groupId), {
    kind: "survey_low_score", ticket: { id: t.id, number: formatNumber(t.type, t.id), title: t.title },
    params: { name: requester.displayName, score: survey.score },
    mailData: { comment: survey.comment },
  });
  return true;
}
