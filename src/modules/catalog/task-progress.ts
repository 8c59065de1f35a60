import type { EntityManager } from "typeorm";
import type { Actor } from "../../access/actor";
import type { Deps } from "../../platform/deps";
import { translator } from "../../platform/i18n";
import { conflict } from "../../platform/http/errors";
import { notify } from "../notifications/notify";
import { Ticket } from "../tickets/ticket.entity";
import { formatNumber, type PendingReason, type TicketStatus } from "../tickets/ticket.types";
import { saveChange } from "../tickets/workflow";
import { CatalogApproval, CatalogRequest, CatalogTask } from "./catalog.entity";

const DONE: readonly TicketStatus[] = ["resolved", "closed"];

/** Whether a ticket is a fulfilment task of a catalog request (a primary-key lookup). */
export function isFulfilmentTask(m: EntityManager, ticketId: number): Promise<boolean> {
  return m.exists(CatalogTask, { where: { taskTicketId: ticketId } });
}

/** The tasks of a request not yet resolved or closed. */
const openTasksQuery = (m: EntityManager, requestId: number) => m.createQueryBuilder(Ticket, "t").innerJoin(CatalogTask, "ct", "ct.task_ticket_id = t.id")
  .where("ct.request_ticket_id = :id AND t.status NOT IN ('resolved', 'closed')", { id: requestId });

async function openTasks(tx: EntityManager, requestId: number): Promise<Ticket[]> {
  return openTasksQuery(tx, requestId).getMany();
}

/**
 * Whether a request is being worked through fulfilment tasks still open: the tasks are what
 * the desk works and the watch jobs follow, not the request (once they are all done, a
 * reopened request is watched like any ticket).
 */
export function hasOpenFulfilmentTasks(m: EntityManager, requestId: number): Promise<boolean> {
  return openTasksQuery(m, requestId).getExists();
}

/** The status of every task of a request, read in the caller's transaction (the change just written included). */
async function taskStatuses(tx: EntityManager, requestId: number): Promise<TicketStatus[]> {
  const rows = await tx.createQueryBuilder(CatalogTask, "ct").innerJoin(Ticket, "t", "t.id = ct.task_ticket_id")
    .select("t.status", "status").where("ct.request_ticket_id = :id", { id: requestId }).getRawMany<{ status: TicketStatus }>();
  return rows.map((r) => r.status);
}

/**
 * Called by saveChange when a ticket's status goes into or out of resolved/closed.
 * - A request that leaves its approval wait other than by the decision (an agent resolves
 *   it, it is merged as a duplicate) has nothing left to approve: its approval is cancelled.
 * - A fulfilment task: when every task of its request is resolved or closed, the request
 *   resolves itself (the system, "fixed") and its requester is asked to confirm, as for any
 *   resolution; a task reopened while its request is resolved reopens the request.
 * The request's own change comes back here and stops at once (a request is no task). A
 * request closed, or merged into another ticket, is left as it is.
 */
export async function afterTaskStatusChange(
  tx: EntityManager, t: Ticket, before: { status: TicketStatus; pendingReason: PendingReason | null }, actor: Actor | null, now: Date, deps?: Deps,
): Promise<void> {
  if (before.pendingReason === "approval") {
    await tx.createQueryBuilder().update(CatalogApproval).set({ state: "cancelled", decidedAt: now })
      .where("ticket_id = :id AND state = 'pending'", { id: t.id }).execute();
    await tx.createQueryBuilder().update(CatalogRequest).set({ approvalState: "cancelled" })
      .where("ticket_id = :id AND approval_state = 'pending'", { id: t.id }).execute();
  }
  const wasDone = DONE.includes(before.status);
  const isDone = DONE.includes(t.status);
  // a request is finished by its tasks, not around them: resolving or closing it with tasks
  // still open would leave them in the queues for nothing (their own resolution finishes it)
  if (t.type === "request" && isDone && !wasDone) {
    const open = await openTasks(tx, t.id);
    // a duplicate merged away takes its tasks with it: closed, pointing where the work goes on
    if (open.length && t.mergedIntoId) {
      const into = formatNumber(t.type, t.mergedIntoId);
      for (const task of open) {
        await saveChange(tx, task, actor, now, { status: "closed", closedAt: now, resolvedAt: task.resolvedAt ?? now, resolutionCode: "duplicate", resolution: into, pendingReason: null },
          [{ kind: "closed", from: task.status, to: "closed", reason: into }], { deps });
      }
    } else if (open.length) throw conflict("request_tasks_open", "approvals.errors.tasks_open", { count: open.length });
  }
  // resolved -> closed (the requester confirms, the auto-close job) finishes nothing new
  if (wasDone === isDone) return;
  const link = await tx.findOne(CatalogTask, { where: { taskTicketId: t.id } });
  if (!link) return;
  // every path that can change a task's status passes deps (ticket commands, merge, the watch jobs)
  if (!deps) throw new Error(`saveChange changed the status of the fulfilment task ${t.id} without deps`);
  // the request's row locked (PostgreSQL) before its tasks are read: two last tasks resolved at once
  // run one after the other here, and the second sees the first, so the request never stays open
  const lock = tx.connection.options.type === "postgres" ? { lock: { mode: "pessimistic_write" as const } } : {};
  const parent = await tx.findOne(Ticket, { where: { id: link.requestTicketId }, ...lock });
  if (!parent || parent.mergedIntoId || parent.status === "closed") return;
  const allDone = (await taskStatuses(tx, parent.id)).every((s) => DONE.includes(s));
  const tr = translator(deps.config.defaultLocale);
  if (isDone && allDone && parent.status !== "resolved") {
    const resolution = tr("approvals.fulfilment.resolution");
    await saveChange(tx, parent, null, now, {
      status: "resolved", resolution, resolutionCode: "fixed", resolvedAt: now, pendingReason: null, lastPublicActivityAt: now,
    }, [{ kind: "resolved", from: parent.status, to: "fixed", note: resolution }], { deps });
    const ticket = { id: parent.id, number: formatNumber(parent.type, parent.id), title: parent.title };
    await notify(tx, deps, [parent.requesterId], { kind: "ticket_resolved", ticket, mailData: { resolution } });
  } else if (!isDone && parent.status === "resolved") {
    await saveChange(tx, parent, null, now, { status: "open", resolvedAt: null, resolution: null, resolutionCode: null }, [{
      kind: "reopened", from: "resolved", to: "open", reason: tr("approvals.fulfilment.reopened", { number: formatNumber(t.type, t.id) }),
    }], { deps });
  }
}
