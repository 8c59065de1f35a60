import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { rawQuery } from "../../../platform/db/raw";
import { toDate } from "../../../platform/db/columns";
import { notFound } from "../../../platform/http/errors";
import { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { User } from "../../users/user.entity";
import { CatalogApproval, CatalogItem, CatalogRequest, type RequestAnswer } from "../catalog.entity";
import { loadOwnApproval } from "../commands/decide-approval";

export const APPROVALS_PER_PAGE = 50;
const RECENT_DECISIONS = 20;

export interface ApprovalRow {
  id: number;
  state: CatalogApproval["state"];
  number: string;
  title: string;
  item: string;
  requester: string;
  createdAt: Date;
  decidedAt: Date | null;
  reason: string | null;
}

// the approver's rows through ix_catalog_approvals_approver (approver_id, state, id); each join is by primary key
const SELECT = "SELECT a.id, a.state, a.reason, a.created_at, a.decided_at, t.id AS ticket_id, t.type, t.title, i.name AS item, u.display_name AS requester " +
  "FROM catalog_approvals a JOIN tickets t ON t.id = a.ticket_id JOIN catalog_requests r ON r.ticket_id = t.id " +
  "JOIN catalog_items i ON i.id = r.item_id JOIN users u ON u.id = t.requester_id ";

const toRow = (r: Record<string, unknown>): ApprovalRow => ({
  id: Number(r.id), state: r.state as ApprovalRow["state"], number: formatNumber(r.type as Ticket["type"], Number(r.ticket_id)),
  title: String(r.title), item: String(r.item), requester: String(r.requester), createdAt: toDate(r.created_at) as Date,
  decidedAt: toDate(r.decided_at), reason: (r.reason as string | null) ?? null,
});

/** How many requests wait for this person's decision (the portal's link to them). */
export async function pendingApprovalCount(deps: Deps, actor: Actor): Promise<number> {
  const [row] = await rawQuery<{ n: number | string }>(deps.db, "SELECT COUNT(*) AS n FROM catalog_approvals WHERE approver_id = ? AND state = 'pending'", [actor.id]);
  return Number(row?.n ?? 0);
}

/**
 * "Waiting for your approval": the actor's pending approvals, oldest first, a keyset page
 * after the id given; then their latest decisions (and the approvals cancelled under them).
 */
export async function listApprovals(deps: Deps, actor: Actor, after = 0): Promise<{ pending: ApprovalRow[]; nextAfter: number | null; decided: ApprovalRow[] }> {
  const [pending, decided] = await Promise.all([
    rawQuery<Record<string, unknown>>(deps.db, `${SELECT}WHERE a.approver_id = ? AND a.state = 'pending' AND a.id > ? ORDER BY a.id LIMIT ${APPROVALS_PER_PAGE + 1}`, [actor.id, after]),
    rawQuery<Record<string, unknown>>(deps.db,
      `${SELECT}WHERE a.approver_id = ? AND a.state IN ('approved', 'rejected', 'cancelled') ORDER BY a.id DESC LIMIT ${RECENT_DECISIONS}`, [actor.id]),
  ]);
  const page = pending.slice(0, APPROVALS_PER_PAGE).map(toRow);
  return { pending: page, nextAfter: pending.length > APPROVALS_PER_PAGE ? page[page.length - 1].id : null, decided: decided.map(toRow) };
}

export interface ApprovalDetail {
  approval: CatalogApproval;
  ticket: Ticket;
  number: string;
  item: Pick<CatalogItem, "id" | "name" | "description" | "icon">;
  answers: RequestAnswer[];
  requester: Pick<User, "displayName" | "email" | "department" | "location">;
  approver: Pick<User, "id" | "displayName" | "active">;
}

/** An approval with what its approver reads: the request, its item and answers, who asks. The caller has checked who may see it. */
export async function approvalDetail(m: EntityManager, approval: CatalogApproval): Promise<ApprovalDetail> {
  const [ticket, request, approver] = await Promise.all([
    m.findOneOrFail(Ticket, { where: { id: approval.ticketId } }),
    m.findOneOrFail(CatalogRequest, { where: { ticketId: approval.ticketId } }),
    m.findOneOrFail(User, { select: { id: true, displayName: true, active: true }, where: { id: approval.approverId } }),
  ]);
  const [item, requester] = await Promise.all([
    m.findOneOrFail(CatalogItem, { select: { id: true, name: true, description: true, icon: true }, where: { id: request.itemId } }),
    m.findOneOrFail(User, { select: { id: true, displayName: true, email: true, department: true, location: true }, where: { id: ticket.requesterId } }),
  ]);
  return { approval, ticket, number: formatNumber(ticket.type, ticket.id), item, answers: request.answers, requester, approver };
}

/** The approval page of its approver (anyone else: 404). */
export async function getOwnApproval(deps: Deps, actor: Actor, approvalId: number): Promise<ApprovalDetail> {
  return approvalDetail(deps.db.manager, await loadOwnApproval(deps.db.manager, actor, approvalId));
}

/** An approval reached by a link of its email (the token was checked): 404 when it is gone. */
export async function approvalById(deps: Deps, approvalId: number): Promise<ApprovalDetail> {
  const a = await deps.db.manager.findOne(CatalogApproval, { where: { id: approvalId } });
  if (!a) throw notFound("approval_not_found");
  return approvalDetail(deps.db.manager, a);
}
