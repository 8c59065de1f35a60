import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { isStaff } from "../../../access/roles";
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
  /** A merged duplicate: read-only, so a link to it is not removed either. */
  merged?: boolean;
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
type TicketRow = {
  id: number | string; type: TicketType; title: string; status: TicketStatus; requester_id: number | string; tier: number | string;
  tiers_visited: number | string; assignee_id: number | string | null; major: boolean | number | null; merged_into_id: number | string | null;
};
const TICKET_COLS = "t.id, t.type, t.title, t.status, t.requester_id, t.tier, t.tiers_visited, t.assignee_id, t.major, t.merged_into_id";

const subject = (r: TicketRow): TicketSubject => ({
  requesterId: Number(r.requester_id), tier: Number(r.tier), tiersVisited: Number(r.tiers_visited), assigneeId: r.assignee_id == null ? null : Number(r.assignee_id),
  major: r.major === true || Number(r.major) === 1,
});
const linked = (r: TicketRow): LinkedTicket => ({
  id: Number(r.id), number: formatNumber(r.type, Number(r.id)), title: r.title, status: r.status, merged: r.merged_into_id != null,
});

/**
 * Whether this person follows the ticket as the requester of a duplicate merged into it
 * (ticket_watchers, reason 'merged'): they read its public face here. An employee who is
 * "affected too" by a major incident follows the outage on its public page (/major/N), not
 * this ticket: that row gives no access here, and its notices come from the major module.
 */
export async function isFollower(m: EntityManager, ticketId: number, userId: number): Promise<boolean> {
  return (await txQuery(m, "SELECT 1 AS w FROM ticket_watchers WHERE ticket_id = ? AND user_id = ? AND reason = 'merged'", [ticketId, userId])).length > 0;
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

/**
 * The portal's "Tickets I follow": the tickets their duplicates were merged into, under
 * their public title, open ones first (ix_ticket_watchers_user). The major incidents they
 * are affected by are on the portal's banner, with their public page.
 */
export async function followedTickets(deps: Deps, actor: Actor, limit = 20): Promise<(LinkedTicket & { createdAt: Date })[]> {
  const rows = await rawQuery<{ id: number | string; type: TicketType; title: string; status: TicketStatus; created_at: string | number }>(deps.db,
    "SELECT t.id, t.type, COALESCE(t.public_title, t.title) AS title, t.status, t.created_at FROM ticket_watchers w JOIN tickets t ON t.id = w.ticket_id " +
    `WHERE w.user_id = ? AND w.reason = 'merged' ORDER BY CASE WHEN t.status IN ('resolved', 'closed') THEN 1 ELSE 0 END, t.id DESC LIMIT ${Number(limit)}`, [actor.id]);
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
 * What a reader of a ticket sees there of a duplicate merged into it (the one rule of the
 * page, the API and the downloads). Nothing for anyone but staff: the target's requester
 * reads only the "merged into this ticket" line, never the desk's replies to another
 * person nor their files. Staff see what they may read of the duplicate itself, its
 * internal notes and history only if they may see those of the duplicate.
 */
export function mergedSourceView(actor: Actor, source: TicketSubject): "none" | "public" | "internal" {
  if (!isStaff(actor.role) || !canTicket(actor, "read", source)) return "none";
  return canTicket(actor, "see_internal", source) ? "internal" : "public";
}

/**
 * The duplicates merged into a ticket, read in place (nothing is copied at the merge), as
 * mergedSourceView lets this actor see each of them; the caller has checked they read the
 * ticket. The common case is one query on ix_tickets_merged_into that finds nothing.
 */
export async function mergedSources(deps: Deps, actor: Actor, ticketId: number): Promise<MergedSources> {
  if (!isStaff(actor.role)) return NO_SOURCES;
  const db = deps.db;
  const views = new Map<number, "public" | "internal">();
  const tickets = (await rawEntities(db, Ticket, "merged_into_id = ? ORDER BY id", [ticketId])).filter((t) => {
    const view = mergedSourceView(actor, t);
    if (view !== "none") views.set(t.id, view);
    return view !== "none";
  });
  if (!tickets.length) return NO_SOURCES;
  const ids = tickets.map((t) => t.id);
  const inIds = `ticket_id IN (${placeholders(ids.length)})`;
  const [comments, history, attachments] = await Promise.all([
    rawEntities(db, TicketComment, `${inIds} ORDER BY id`, ids),
    rawEntities(db, TicketHistory, `${inIds} ORDER BY id`, ids),
    rawEntities(db, TicketAttachment, `${inIds} ORDER BY id`, ids),
  ]);
  const internal = (ticketId: number) => views.get(ticketId) === "internal";
  const visible = comments.filter((c) => !c.internal || internal(c.ticketId));
  const shown = new Set(visible.map((c) => c.id));
  return {
    tickets,
    comments: visible,
    history: history.filter((h) => internal(h.ticketId)),
    attachments: attachments.filter((a) => a.commentId === null || shown.has(a.commentId)),
  };
}
