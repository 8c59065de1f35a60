import { authorizeApproval } from "../../../access/policies/approval.policy";
import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { conflict, invalid } from "../../../platform/http/errors";
import { notify } from "../../notifications/notify";
import { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { saveChange } from "../../tickets/workflow";
import { User } from "../../users/user.entity";
import { CatalogApproval, CatalogItem, CatalogRequest } from "../catalog.entity";
import { startFulfilment } from "./route-request";

export type Decision = "approve" | "reject";

export interface DecisionInput {
  decision: Decision;
  /** Required to reject: the requester reads it. */
  reason?: string | null;
  via: "portal" | "email";
}

/** The approval, seen only by its approver: anyone else (and an id that does not exist) gets a 404. */
export async function loadOwnApproval(m: EntityManager, actor: Pick<Actor, "id">, approvalId: number): Promise<CatalogApproval> {
  const a = Number.isSafeInteger(approvalId) && approvalId > 0 ? await m.findOne(CatalogApproval, { where: { id: approvalId } }) : null;
  authorizeApproval(actor, "read", a);
  return a;
}

/** 409 saying what was decided and by whom (the pages show when, in the reader's time zone). */
export async function alreadyDecided(m: EntityManager, a: CatalogApproval): Promise<never> {
  const who = await m.findOne(User, { where: { id: a.approverId } });
  throw conflict("already_decided", `approvals.errors.already_${a.state}`, { name: who?.displayName ?? "?" });
}

/**
 * The approver's decision, from the portal or a link of their email, in one transaction.
 * The approval must still be pending: the row is updated only WHERE state = 'pending', so
 * of two decisions at once (two tabs, a link and the portal) one wins and the other is a
 * 409. Approve: the request leaves its wait and fulfilment starts (tasks, or the group's
 * queue). Reject: the request is closed as cancelled, the reason as its resolution. The
 * requester hears of either.
 */
export function decideApproval(deps: Deps, actor: Actor, approvalId: number, input: DecisionInput): Promise<CatalogApproval> {
  const reason = input.reason?.trim() || null;
  if (input.decision === "reject" && !reason) throw invalid({ reason: "approvals.errors.reason_required" });
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const approval = await loadOwnApproval(tx, actor, approvalId);
    if (approval.state !== "pending") return alreadyDecided(tx, approval);
    // the ticket's row first (locked on PostgreSQL), as every change of the ticket takes it before
    // the approval's (saveChange's hook cancels it): an agent resolving it meanwhile waits or is
    // waited for, never a deadlock
    const lock = tx.connection.options.type === "postgres" ? { lock: { mode: "pessimistic_write" as const } } : {};
    const ticket = await tx.findOneOrFail(Ticket, { where: { id: approval.ticketId }, ...lock });
    const now = deps.clock.now();
    const state = input.decision === "approve" ? "approved" : "rejected";
    const won = await tx.createQueryBuilder().update(CatalogApproval)
      .set({ state, reason: input.decision === "reject" ? reason : null, decidedVia: input.via, decidedAt: now })
      .where("id = :id AND state = 'pending'", { id: approval.id }).execute();
    if (won.affected === 0) return alreadyDecided(tx, await tx.findOneOrFail(CatalogApproval, { where: { id: approval.id } }));
    Object.assign(approval, { state, reason: input.decision === "reject" ? reason : null, decidedVia: input.via, decidedAt: now });

    // the request left its wait meanwhile (the hook of saveChange cancels the approval then): nothing to decide
    if (ticket.status !== "pending" || ticket.pendingReason !== "approval") throw conflict("request_moved", "approvals.errors.request_moved");
    const request = await tx.findOneOrFail(CatalogRequest, { where: { ticketId: ticket.id } });
    await tx.update(CatalogRequest, { ticketId: ticket.id }, { approvalState: state });
    const notice = { id: ticket.id, number: formatNumber(ticket.type, ticket.id), title: ticket.title };
    if (input.decision === "approve") {
      const item = await tx.findOneOrFail(CatalogItem, { where: { id: request.itemId } });
      await startFulfilment(tx, deps, ticket, item, actor, now, [{ kind: "approved", from: null, to: input.via }]);
      await notify(tx, deps, [ticket.requesterId], { kind: "request_approved", ticket: notice, params: { name: actor.displayName } });
    } else {
      await saveChange(tx, ticket, actor, now, {
        status: "closed", resolutionCode: "cancelled", resolution: reason, resolvedAt: now, closedAt: now, pendingReason: null,
      }, [{ kind: "rejected", from: null, to: input.via, reason }], { deps });
      await notify(tx, deps, [ticket.requesterId], { kind: "request_rejected", ticket: notice, params: { name: actor.displayName }, mailData: { reason } });
    }
    afterCommit(() => deps.bus.emit("ticket.changed", { ticketId: ticket.id, action: input.decision, actorId: actor.id }));
    return approval;
  });
}
