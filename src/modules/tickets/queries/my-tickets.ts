import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { ticketScope } from "../../../access/scopes";
import { positional, rawQuery } from "../../../platform/db/raw";
import { toDate } from "../../../platform/db/columns";
import type { TicketStatus, TicketType } from "../ticket.types";
import { Ticket } from "../ticket.entity";
import { toQueueRow, type QueueRow } from "./queue";

/** The portal's "My tickets": the actor's own, open ones first, newest first within. */
export async function myTickets(deps: Deps, actor: Actor, limit = 50): Promise<QueueRow[]> {
  const raw = await deps.db.getRepository(Ticket).createQueryBuilder("t")
    .select(["t.id AS id", "t.type AS type", "t.title AS title", "t.status AS status", "t.priority AS priority", "t.tier AS tier",
      "t.pending_reason AS pending_reason", "t.created_at AS created_at", "t.resolved_at AS resolved_at",
      "r.display_name AS requester_name", "a.display_name AS assignee_name"])
    .innerJoin("users", "r", "r.id = t.requester_id")
    .leftJoin("users", "a", "a.id = t.assignee_id")
    .where("t.requester_id = :me", { me: actor.id })
    .orderBy("CASE WHEN t.status IN ('resolved', 'closed') THEN 1 ELSE 0 END", "ASC")
    .addOrderBy("t.id", "DESC")
    .limit(limit)
    .getRawMany<Record<string, unknown>>();
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
