import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { canTicket, type TicketSubject } from "../../../access/policies/ticket.policy";
import { canProblem } from "../../../access/policies/problem.policy";
import type { Deps } from "../../../platform/deps";
import { toDate } from "../../../platform/db/columns";
import { placeholders, rawEntities, rawQuery, txQuery } from "../../../platform/db/raw";
import { formatProblemNumber } from "../../problems/problem.entity";
import { Ticket } from "../ticket.entity";
import { TicketComment } from "../comment.entity";
import { TicketHistory } from "../history.entity";
import { TicketAttachment } from "../attachment.entity";
import type { WatchReason } from "../link.entity";
import { formatNumber, type TicketStatus, type TicketType } from "../ticket.types";

export interface LinkedTicket {
  id: number;
  number: string;
  title: string;
  status: TicketStatus;
}

export interface LinkedProblem {
  id: number;
  number: string;
  title: string;
  status: string;
}

export interface Related {
  tickets: LinkedTicket[];
  problems: LinkedProblem[];
}

/** A ticket row with what canTicket needs (links never show a ticket the viewer may not read). */
type TicketRow = { id: number | string; type: TicketType; title: string; status: TicketStatus; requester_id: number | string; tier: number | string; tiers_visited: number | string; assignee_id: number | string | null };
const TICKET_COLS = "t.id, t.type, t.title, t.status, t.requester_id, t.tier, t.tiers_visited, t.assignee_id";

const subject = (r: TicketRow): TicketSubject => ({
  requesterId: Number(r.requester_id), tier: Number(r.tier), tiersVisited: Number(r.tiers_visited), assigneeId: r.assignee_id == null ? null : Number(r.assignee_id),
});
const linked = (r: TicketRow): LinkedTicket => ({ id: Number(r.id), number: formatNumber(r.type, Number(r.id)), title: r.title, status: r.status });

/** Whether this person follows the ticket (a row of ticket_watchers; its primary key). */
export async function isWatcher(m: EntityManager, ticketId: number, userId: number): Promise<boolean> {
  return (await txQuery(m, "SELECT 1 AS w FROM ticket_watchers WHERE ticket_id = ? AND user_id = ?", [ticketId, userId])).length > 0;
}

/**
 * A ticket's related tickets and problems, on both sides of each link (a ticket pair is
 * stored once, the lower id first): one statement, each branch on its own index. Only
 * what the viewer may read is shown.
 */
export async function relatedOf(deps: Deps, actor: Actor, ticketId: number): Promise<Related> {
  const rows = await rawQuery<TicketRow & { pid: number | string | null; ptitle: string | null; pstatus: string | null }>(deps.db,
    `SELECT ${TICKET_COLS}, p.id AS pid, p.title AS ptitle, p.status AS pstatus FROM ticket_links l ` +
    "LEFT JOIN tickets t ON t.id = l.other_ticket_id LEFT JOIN problems p ON p.id = l.problem_id WHERE l.ticket_id = ? " +
    `UNION ALL SELECT ${TICKET_COLS}, NULL, NULL, NULL FROM ticket_links l JOIN tickets t ON t.id = l.ticket_id WHERE l.other_ticket_id = ?`,
    [ticketId, ticketId]);
  const out: Related = { tickets: [], problems: [] };
  for (const r of rows) {
    if (r.pid != null) {
      if (canProblem(actor, "read")) out.problems.push({ id: Number(r.pid), number: formatProblemNumber(Number(r.pid)), title: r.ptitle ?? "", status: r.pstatus ?? "" });
    } else if (r.id != null && canTicket(actor, "read", subject(r))) out.tickets.push(linked(r));
  }
  out.tickets.sort((a, b) => a.id - b.id);
  out.problems.sort((a, b) => a.id - b.id);
  return out;
}

/** Who follows a ticket, for the desk's panel. */
export async function watchersOf(deps: Deps, ticketId: number): Promise<{ name: string; reason: WatchReason }[]> {
  const rows = await rawQuery<{ display_name: string; reason: WatchReason }>(deps.db,
    "SELECT u.display_name, w.reason FROM ticket_watchers w JOIN users u ON u.id = w.user_id WHERE w.ticket_id = ? ORDER BY w.created_at, w.user_id", [ticketId]);
  return rows.map((r) => ({ name: r.display_name, reason: r.reason }));
}

/** The tickets related to a problem (its page), those the viewer may read. */
export async function relatedTicketsOfProblem(deps: Deps, actor: Actor, problemId: number): Promise<LinkedTicket[]> {
  const rows = await rawQuery<TicketRow>(deps.db,
    `SELECT ${TICKET_COLS} FROM ticket_links l JOIN tickets t ON t.id = l.ticket_id WHERE l.problem_id = ? ORDER BY t.id`, [problemId]);
  return rows.filter((r) => canTicket(actor, "read", subject(r))).map(linked);
}

/** The portal's "Tickets I follow": their public title, open ones first (ix_ticket_watchers_user). */
export async function followedTickets(deps: Deps, actor: Actor, limit = 20): Promise<(LinkedTicket & { createdAt: Date })[]> {
  const rows = await rawQuery<{ id: number | string; type: TicketType; title: string; status: TicketStatus; created_at: string | number }>(deps.db,
    "SELECT t.id, t.type, COALESCE(t.public_title, t.title) AS title, t.status, t.created_at FROM ticket_watchers w JOIN tickets t ON t.id = w.ticket_id " +
    `WHERE w.user_id = ? ORDER BY CASE WHEN t.status IN ('resolved', 'closed') THEN 1 ELSE 0 END, t.id DESC LIMIT ${Number(limit)}`, [actor.id]);
  return rows.map((r) => ({ id: Number(r.id), number: formatNumber(r.type, Number(r.id)), title: r.title, status: r.status, createdAt: toDate(r.created_at) as Date }));
}

/** The duplicates merged into a ticket, and what of them this actor sees. */
export interface MergedSources {
  tickets: Ticket[];
  comments: TicketComment[];
  history: TicketHistory[];
  attachments: TicketAttachment[];
}
export const NO_SOURCES: MergedSources = Object.freeze({ tickets: [], comments: [], history: [], attachments: [] });

/**
 * The duplicates merged into a ticket, read in place (nothing is copied at the merge).
 * Staff who read the ticket see them whole, internal notes included when they see the
 * ticket's; anyone else (the ticket's requester) sees only the public replies the desk
 * wrote on them: never another requester's description, messages or attachments, nor
 * their history. The common case is one query on ix_tickets_merged_into that finds nothing.
 */
export async function mergedSources(deps: Deps, ticketId: number, staff: boolean): Promise<MergedSources> {
  const db = deps.db;
  const tickets = await rawEntities(db, Ticket, "merged_into_id = ? ORDER BY id", [ticketId]);
  if (!tickets.length) return NO_SOURCES;
  const ids = tickets.map((t) => t.id);
  const inIds = `ticket_id IN (${placeholders(ids.length)})`;
  const [comments, history, attachments] = await Promise.all([
    rawEntities(db, TicketComment, `${inIds}${staff ? "" : " AND internal = FALSE"} ORDER BY id`, ids),
    staff ? rawEntities(db, TicketHistory, `${inIds} ORDER BY id`, ids) : Promise.resolve([]),
    rawEntities(db, TicketAttachment, `${inIds} ORDER BY id`, ids),
  ]);
  const requesterOf = new Map(tickets.map((t) => [t.id, t.requesterId]));
  const visible = staff ? comments : comments.filter((c) => c.authorId !== requesterOf.get(c.ticketId));
  const shown = new Set(visible.map((c) => c.id));
  return {
    tickets,
    comments: visible,
    history,
    attachments: attachments.filter((a) => (a.commentId === null ? staff : shown.has(a.commentId))),
  };
}
