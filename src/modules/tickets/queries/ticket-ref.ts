import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeTicket, canTicket, type TicketAction } from "../../../access/policies/ticket.policy";
import { AppError } from "../../../platform/http/errors";
import { Ticket } from "../ticket.entity";
import { formatNumber } from "../ticket.types";
import type { TicketRef } from "../link.schemas";

/**
 * The other ticket a form names by number (merge into, relate to): the same 404, saying
 * the number typed, whether it does not exist, the actor may not read it, or its prefix
 * is not its type's ("REQ-000042" for an incident); then 403 if the actor reads it but may
 * not do `action` to it.
 */
export async function resolveTicketRef(tx: EntityManager, actor: Actor, ref: TicketRef, action: TicketAction = "read"): Promise<Ticket> {
  const t = await tx.findOne(Ticket, { where: { id: ref.id } });
  if (!t || !canTicket(actor, "read", t) || (ref.prefix && formatNumber(t.type, t.id).slice(0, 3) !== ref.prefix)) {
    const number = ref.prefix ? `${ref.prefix}-${String(ref.id).padStart(6, "0")}` : String(ref.id);
    throw new AppError(404, "ticket_not_found", "links.errors.target_not_found", { number });
  }
  authorizeTicket(actor, action, t);
  return t;
}
