import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { ticketScope } from "../../../access/scopes";
import { positional, rawQuery } from "../../../platform/db/raw";
import { toDate } from "../../../platform/db/columns";
import type { TicketStatus, TicketType } from "../ticket.types";
import { Ticket } from "../ticket.entity";
import { QUEUE_SELECT, toQueueRow, type QueueRow } from "./queue";

/**
 * The portal's "My tickets": the actor's own, open ones first, newest first within. The
 * fulfilment tasks of their catalog requests are left out (the request shows them): a
 * primary-key probe of catalog_tasks per row.
 */
export async function myTickets(deps: Deps, actor: Actor, limit = 50): Promise<QueueRow[]> {
  const raw = await rawQuery<Record<string, unknown>>(deps.db,
    `${QUEUE_SELECT} WHERE t.requester_id = ? AND NOT EXISTS (SELECT 1 FROM catalog_tasks ct WHERE ct.task_ticket_id = t.id) ` +
    `ORDER BY CASE WHEN t.status IN ('resolved', 'closed') THEN 1 ELSE 0 END, t.id DESC LIMIT ${Number(limit)}`, [actor.id]);
  return raw.map(toQueueRow);
}

/** A requester's other recent tickets (that the actor may see), shown to the agent on the ticket page. */
export async function otherTicketsOf(deps: Deps, actor: Actor, requesterId: number, exceptId: number, limit = 5): Promise<Pick<Ticket, "id" | "type" | "title" | "status" | "createdAt">[]> {
  const scope = ticketScope(actor, "t");
  const { sql, values } = positional(
    "SELECT t.id, t.type, t.title, t.status, t.created_at FROM tickets t WHERE t.requester_id = :requester AND t.id <> :except" +
    `${scope ? ` AND ${scope.sql}` : ""} ORDER BY t.id DESC LIMIT ${Number(limit)}`,
    { requester: requesterId, except: exceptId, ...scope?.params },
  );
  const rows = await rawQuery<{ id: number; type: TicketType; title: string; status: TicketStatus; created_at: string | number }>(deps.db, sql, values);
  return rows.map((r) => ({ id: Number(r.id), type: r.type, title: r.title, status: r.status, createdAt: toDate(r.created_at) as Date }));
}
