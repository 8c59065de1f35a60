import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { notFound } from "../../../platform/http/errors";
import { Ticket } from "../../tickets/ticket.entity";
import { TicketWatcher } from "../../tickets/link.entity";
import { incidentNumber, isOpen, refuse, shownTitle } from "../rules";

/** A major incident anyone signed in may follow (its public side); anything else does not exist for them. */
async function publicMajor(deps: Deps, id: number): Promise<Ticket> {
  const t = await deps.db.manager.findOne(Ticket, { where: { id } });
  if (!t || !t.major) throw notFound("ticket_not_found");
  return t;
}

/**
 * "I am affected too": a subscription, not a ticket — nothing lands in a queue. The
 * employee hears of each public update and of the resolution (major_update,
 * major_resolved). Idempotent; a no-op for the incident's own requester, who hears of
 * it as the requester. Returns the title employees see.
 */
export async function followMajor(deps: Deps, actor: Actor, ticketId: number): Promise<string> {
  const t = await publicMajor(deps, ticketId);
  if (!isOpen(t)) throw refuse(409, "parent_closed", { number: incidentNumber(t.id) });
  if (t.requesterId !== actor.id) {
    await withTransaction(deps.db, (tx) => tx.createQueryBuilder().insert().into(TicketWatcher)
      .values({ ticketId: t.id, userId: actor.id, reason: "affected", createdAt: deps.clock.now() })
      // already following (twice the click, or a duplicate merged into it): nothing changes
      .orIgnore().execute());
  }
  return shownTitle(t);
}

/** "I am no longer affected": only the subscription the employee made themselves goes. */
export async function unfollowMajor(deps: Deps, actor: Actor, ticketId: number): Promise<string> {
  const t = await publicMajor(deps, ticketId);
  await withTransaction(deps.db, (tx) => tx.delete(TicketWatcher, { ticketId: t.id, userId: actor.id, reason: "affected" }));
  return shownTitle(t);
}
