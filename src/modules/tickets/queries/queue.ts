import type { Actor } from "../../../access/actor";
import { authorizeQueue } from "../../../access/policies/queue.policy";
import type { Deps } from "../../../platform/deps";
import { decodeCursor, encodeCursor } from "../../../platform/http/cursor";
import { toDate } from "../../../platform/db/columns";
import { positional, rawQuery } from "../../../platform/db/raw";
import { parseNumber, type TicketStatus, type TicketType } from "../ticket.types";
import type { QueueFilter } from "../ticket.schemas";
import type { SlaColumns } from "../../sla/badge";

/** Word for word the partial index's WHERE (migration QueueIndexes), so the planner uses it. */
export const OPEN_SQL = "t.status IN ('new', 'open', 'pending', 'escalated')";
/** Paused or stopped clocks sort after every due date ("due soonest"). */
const NO_DUE = 8_000_000_000_000_000;
/** When a ticket is (or was) due: a breach still open first (it was due then), else the next due date. */
const DUE_SQL = "COALESCE(CASE WHEN t.first_response_at IS NULL THEN t.sla_response_breached_at END, t.sla_resolution_breached_at, " +
  `t.sla_next_due_at, ${NO_DUE})`;
function dueKey(r: QueueRow): number {
  const s = r.sla;
  return (s.firstResponseAt ? null : s.slaResponseBreachedAt)?.getTime() ?? s.slaResolutionBreachedAt?.getTime() ?? s.slaNextDueAt?.getTime() ?? NO_DUE;
}
/** "Resolved recently" = within the last 7 days. */
export const RECENT_MS = 7 * 24 * 3600 * 1000;

export interface QueueRow {
  id: number;
  type: TicketType;
  title: string;
  status: TicketStatus;
  priority: number;
  tier: number;
  pendingReason: string | null;
  requesterName: string;
  assigneeName: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  sla: SlaColumns;
  /** A major incident (a badge in the row): a column of the row already read, no join. */
  major: boolean;
  /** The major incident it is attached to (its updates and resolution reach it from there). */
  parentId: number | null;
}

export interface QueuePage {
  rows: QueueRow[];
  nextCursor: string | null;
}

/** A WHERE built from parts with named parameters, run as a bound statement. */
class Where {
  readonly parts: string[] = [];
  readonly params: Record<string, unknown> = {};
  add(sql: string, params: Record<string, unknown> = {}): void {
    this.parts.push(sql);
    Object.assign(this.params, params);
  }
}

/** The WHERE of a view of a tier's queue. */
function applyView(w: Where, view: QueueFilter["view"], tier: number, actor: Actor, now: Date): void {
  w.add("t.tier = :tier", { tier });
  if (view === "resolved") {
    w.add("t.status IN ('resolved', 'closed') AND t.resolved_at >= :since", { since: now.getTime() - RECENT_MS });
    return;
  }
  w.add(OPEN_SQL);
  if (view === "unassigned") w.add("t.assignee_id IS NULL");
  if (view === "mine") w.add("t.assignee_id = :me", { me: actor.id });
  if (view === "pending") w.add("t.status = 'pending'");
  if (view === "escalated") w.add("t.status = 'escalated'");
  if (view === "stale") w.add("t.stale_since IS NOT NULL");
}

function applyFilters(w: Where, f: QueueFilter): void {
  if (f.status) w.add("t.status = :status", { status: f.status });
  if (f.priority) w.add("t.priority = :priority", { priority: f.priority });
  if (f.categoryId) w.add("t.category_id = :categoryId", { categoryId: f.categoryId });
  if (f.groupId) w.add("t.group_id = :groupId", { groupId: f.groupId });
  if (f.assigneeId) w.add("t.assignee_id = :assigneeId", { assigneeId: f.assigneeId });
  if (f.requester) {
    w.add("(LOWER(r.username) = :rq OR LOWER(r.display_name) LIKE :rqLike ESCAPE '\\')", {
      rq: f.requester.toLowerCase(), rqLike: `%${escapeLike(f.requester.toLowerCase())}%`,
    });
  }
  if (f.q) {
    const n = parseNumber(f.q);
    if (n) w.add("t.id = :qid", { qid: n.id });
    else w.add("LOWER(t.title) LIKE :q ESCAPE '\\'", { q: `%${escapeLike(f.q.toLowerCase())}%` });
  }
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A queue row with its requester and assignee names (also the portal's "My tickets"). */
export const QUEUE_SELECT = "SELECT t.id AS id, t.type AS type, t.title AS title, t.status AS status, t.priority AS priority, t.tier AS tier, " +
  "t.pending_reason AS pending_reason, t.created_at AS created_at, t.resolved_at AS resolved_at, t.major AS major, t.parent_id AS parent_id, " +
  "t.first_response_at AS first_response_at, t.first_response_due_at AS first_response_due_at, t.resolution_due_at AS resolution_due_at, " +
  "t.sla_next_due_at AS sla_next_due_at, t.sla_paused_at AS sla_paused_at, " +
  "t.sla_response_breached_at AS sla_response_breached_at, t.sla_resolution_breached_at AS sla_resolution_breached_at, " +
  "r.display_name AS requester_name, a.display_name AS assignee_name " +
  "FROM tickets t INNER JOIN users r ON r.id = t.requester_id LEFT JOIN users a ON a.id = t.assignee_id";

/**
 * One page of a tier's queue, keyset-paginated: by priority then age (oldest first),
 * or for "resolved recently" by resolution time, newest first. A bound statement: the
 * desk's hottest read is prepared once, not rebuilt by the ORM on every page.
 */
export async function listQueue(deps: Deps, actor: Actor, tier: number, f: QueueFilter, limit = 25): Promise<QueuePage> {
  authorizeQueue(actor, tier);
  const w = new Where();
  applyView(w, f.view, tier, actor, deps.clock.now());
  applyFilters(w, f);
  const resolvedView = f.view === "resolved";
  const byDue = !resolvedView && f.sort === "due";
  const after = decodeCursor(f.cursor, 2);
  if (after && resolvedView) w.add("(t.resolved_at < :c0 OR (t.resolved_at = :c0 AND t.id < :c1))", { c0: after[0], c1: after[1] });
  else if (after && byDue) w.add(`(${DUE_SQL} > :c0 OR (${DUE_SQL} = :c0 AND t.id > :c1))`, { c0: after[0], c1: after[1] });
  else if (after) w.add("(t.priority > :c0 OR (t.priority = :c0 AND t.id > :c1))", { c0: after[0], c1: after[1] });
  const order = resolvedView ? "t.resolved_at DESC, t.id DESC" : byDue ? `${DUE_SQL} ASC, t.id ASC` : "t.priority ASC, t.id ASC";
  const { sql, values } = positional(`${QUEUE_SELECT} WHERE ${w.parts.join(" AND ")} ORDER BY ${order} LIMIT ${limit + 1}`, w.params);
  const raw = await rawQuery<Record<string, unknown>>(deps.db, sql, values);
  const rows = raw.slice(0, limit).map(toQueueRow);
  const last = rows[rows.length - 1];
  const nextCursor = raw.length > limit && last
    ? encodeCursor(resolvedView ? [last.resolvedAt?.getTime() ?? 0, last.id] : byDue ? [dueKey(last), last.id] : [last.priority, last.id])
    : null;
  return { rows, nextCursor };
}

export function toQueueRow(r: Record<string, unknown>): QueueRow {
  return {
    id: Number(r.id), type: r.type as TicketType, title: String(r.title), status: r.status as TicketStatus,
    priority: Number(r.priority), tier: Number(r.tier), pendingReason: (r.pending_reason as string | null) ?? null,
    requesterName: String(r.requester_name), assigneeName: (r.assignee_name as string | null) ?? null,
    createdAt: toDate(r.created_at) as Date, resolvedAt: toDate(r.resolved_at), major: r.major === true || Number(r.major) === 1,
    parentId: r.parent_id == null ? null : Number(r.parent_id),
    sla: {
      status: String(r.status), priority: Number(r.priority), firstResponseAt: toDate(r.first_response_at),
      firstResponseDueAt: toDate(r.first_response_due_at), resolutionDueAt: toDate(r.resolution_due_at), slaNextDueAt: toDate(r.sla_next_due_at),
      slaPausedAt: toDate(r.sla_paused_at), slaResponseBreachedAt: toDate(r.sla_response_breached_at), slaResolutionBreachedAt: toDate(r.sla_resolution_breached_at),
    },
  };
}
