import type { EntityManager } from "typeorm";
import type { Actor } from "../../access/actor";
import { isStaff } from "../../access/roles";
import { authorizeTicket, canTicket, type TicketAction } from "../../access/policies/ticket.policy";
import { conflict, forbidden, notFound } from "../../platform/http/errors";
import { Ticket } from "./ticket.entity";
import { TicketHistory } from "./history.entity";
import { User } from "../users/user.entity";
import { canTransition, refusalKey, type Transition } from "./state-machine";
import { formatNumber, type HistoryKind } from "./ticket.types";
import { slaOnChange } from "../sla/engine";
import { cachedPolicies } from "../sla/policies";
import { isFollower } from "./queries/links";
import type { Deps } from "../../platform/deps";
import { afterTaskStatusChange } from "../catalog";

export interface HistoryInput {
  kind: HistoryKind;
  from?: string | number | null;
  to?: string | number | null;
  reason?: string | null;
  note?: string | null;
}

/** Load a ticket for an action: 404 if the actor may not see it, 403 if they may not do it. */
export async function loadForAction(tx: EntityManager, actor: Actor, id: number, action: TicketAction): Promise<Ticket> {
  const t = await tx.findOne(Ticket, { where: { id } });
  if (!t) throw notFound("ticket_not_found");
  // a follower reads the ticket but acts on nothing: told so, not told it does not exist
  if (!canTicket(actor, "read", t) && await isFollower(tx, id, actor.id)) throw forbidden("ticket_watcher", "links.errors.watcher");
  authorizeTicket(actor, action, t);
  return t;
}

/** A merged duplicate is closed and read-only: 409, the refusal saying where to go instead. */
export function assertNotMerged(t: Pick<Ticket, "type" | "mergedIntoId">): void {
  if (t.mergedIntoId) throw conflict("ticket_merged", "links.errors.merged", { into: formatNumber(t.type, t.mergedIntoId) });
}

/** A request waiting for its approver moves on by the decision only: nobody resumes, escalates or sends it back meanwhile. */
const HELD_BY_APPROVAL: readonly Transition[] = ["resume", "escalate", "deescalate"];

/** Whether a request waiting for its approver refuses this action (the desk's buttons hide it too). */
export function heldByApproval(t: Pick<Ticket, "status" | "pendingReason">, action: Transition): boolean {
  return t.status === "pending" && t.pendingReason === "approval" && HELD_BY_APPROVAL.includes(action);
}

export function assertTransition(t: Ticket, action: Transition): void {
  assertNotMerged(t);
  if (heldByApproval(t, action)) {
    throw conflict("awaiting_approval", "approvals.errors.awaiting_approval");
  }
  if (!canTransition(action, t.status)) {
    throw conflict("invalid_transition", refusalKey(action, t.status, t.tier), { status: t.status });
  }
}

/** A change made on a stale page: 409 naming who changed the ticket meanwhile. */
export async function assertVersion(tx: EntityManager, t: Ticket, expected: number | undefined): Promise<void> {
  if (expected === undefined || expected === t.version) return;
  const who = t.updatedById ? await tx.findOne(User, { where: { id: t.updatedById } }) : null;
  throw conflict("ticket_changed", "errors.ticket_changed", { name: who?.displayName ?? "?" });
}

const s = (v: string | number | null | undefined) => (v == null ? null : String(v));

/**
 * What the watch jobs keep, kept true by every change: a person's status change is public
 * activity (system changes are not), activity ends staleness, entering a queue untaken
 * starts the unassigned watch, waiting on the requester restarts the reminders.
 */
function watchFields(t: Ticket, set: Partial<Ticket>, actor: Actor | null, now: Date): Partial<Ticket> {
  const out: Partial<Ticket> = {};
  const to = set.status ?? t.status;
  if (actor && set.status && set.status !== t.status) out.lastPublicActivityAt = now;
  if ((out.lastPublicActivityAt ?? set.lastPublicActivityAt) && (t.staleSince || t.staleLevel)) Object.assign(out, { staleSince: null, staleLevel: 0 });
  if (set.status && set.status !== t.status) {
    const queued = (to === "new" || to === "escalated") && !(set.assigneeId ?? t.assigneeId);
    Object.assign(out, queued ? { queuedAt: now, unassignedAlertedAt: null } : { queuedAt: null });
    if (to === "pending") out.pendingReminders = 0;
  } else if (set.assigneeId && t.queuedAt) out.queuedAt = null;
  return out;
}

/** History rows of one ticket, in the caller's transaction (saveChange writes its own; a change that does not bump the version writes these alone). */
export async function insertHistory(tx: EntityManager, ticketId: number, actorId: number | null, rows: HistoryInput[], now: Date): Promise<void> {
  if (!rows.length) return;
  await tx.insert(TicketHistory, rows.map((h) => ({
    ticketId, actorId, kind: h.kind, fromValue: s(h.from), toValue: s(h.to), reason: h.reason ?? null, note: h.note ?? null, createdAt: now,
  })));
}

/**
 * Write a change: conditional on the version read (a concurrent writer makes it a 409),
 * version + 1, history rows in the same transaction. A staff status change or public
 * reply on a ticket they did not raise counts as the first response. A merged duplicate
 * changes no more, whatever the path (problems, major incidents, jobs): 409, unless the
 * change is the merge itself or points it at the ticket its target was merged into.
 * A status change into or out of resolved/closed may finish (or reopen) a catalog request
 * through its fulfilment tasks: the paths that can change a task's status give `deps`.
 */
export async function saveChange(
  tx: EntityManager, t: Ticket, actor: Actor | null, now: Date,
  patch: Partial<Ticket>, history: HistoryInput[], opts: { publicResponse?: boolean; deps?: Deps } = {},
): Promise<Ticket> {
  if (patch.mergedIntoId === undefined) assertNotMerged(t);
  const staffResponse = actor && isStaff(actor.role) && actor.id !== t.requesterId &&
    ((patch.status && patch.status !== t.status) || opts.publicResponse);
  const set: Partial<Ticket> = { ...patch, updatedAt: now, updatedById: actor?.id ?? null, version: t.version + 1 };
  if (staffResponse && !t.firstResponseAt) set.firstResponseAt = now;
  Object.assign(set, watchFields(t, set, actor, now));
  // the SLA clock: a segment for the status change, due dates replayed with the new priority
  Object.assign(set, await slaOnChange(tx, await cachedPolicies(tx.dataSource), t, set, now));
  const res = await tx.createQueryBuilder().update(Ticket).set(set).where("id = :id AND version = :v", { id: t.id, v: t.version }).execute();
  if (res.affected === 0) {
    const fresh = await tx.findOneOrFail(Ticket, { where: { id: t.id } });
    await assertVersion(tx, fresh, t.version);
  }
  await insertHistory(tx, t.id, actor?.id ?? null, history, now);
  const before = { status: t.status, pendingReason: t.pendingReason };
  Object.assign(t, set);
  const final = (s: string) => s === "resolved" || s === "closed";
  if (set.status && set.status !== before.status && (final(set.status) || final(before.status))) {
    await afterTaskStatusChange(tx, t, before, actor, now, opts.deps);
  }
  return t;
}
