import { In, type EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { AppError } from "../../../platform/http/errors";
import { translator, type Locale } from "../../../platform/i18n";
import { notify } from "../../notifications/notify";
import type { Ticket } from "../../tickets/ticket.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { saveChange, type HistoryInput } from "../../tickets/workflow";
import { User } from "../../users/user.entity";
import { approvalToken } from "../approval-token";
import { CatalogApproval, CatalogRequest, type CatalogItem, type RequestAnswer } from "../catalog.entity";
import { formatAnswer } from "../catalog.presenter";
import { createTasks } from "./create-tasks";

/**
 * Who approves: the requester's manager ("manager"), else the item's approver; the item's
 * approver ("named"), else the requester's manager. Only an active person who is not the
 * requester (nobody approves their own request). Nobody: 422 no_approver, nothing saved.
 */
async function pickApprover(tx: EntityManager, requesterId: number, item: CatalogItem): Promise<User> {
  const requester = await tx.findOneOrFail(User, { where: { id: requesterId } });
  const order = item.approval === "manager" ? [requester.managerId, item.approverId] : [item.approverId, requester.managerId];
  const ids = order.filter((id): id is number => id !== null && id !== requesterId);
  const people = ids.length ? await tx.find(User, { where: { id: In(ids), active: true } }) : [];
  const approver = ids.map((id) => people.find((p) => p.id === id)).find((p) => p !== undefined);
  if (approver) return approver;
  const key = item.approval === "manager" ? "approvals.errors.no_manager" : "approvals.errors.no_approver";
  throw new AppError(422, "no_approver", key, {}, { approval: key });
}

/** The answers as the approver reads them, in their language, for the email (unanswered optional fields left out). */
export function answerRows(answers: RequestAnswer[], locale: Locale): { label: string; value: string }[] {
  const t = translator(locale);
  return answers.filter((a) => a.type === "boolean" || (a.value !== null && a.value !== ""))
    .map((a) => ({ label: a.label, value: formatAnswer(a, t, locale) }));
}

/** The approver hears of it: the request, its answers, and two signed one-click links (Approve, Reject) that expire. */
async function tellApprover(tx: EntityManager, deps: Deps, approval: CatalogApproval, approver: User, ticket: Ticket, item: CatalogItem, now: Date): Promise<void> {
  const [requester, request] = await Promise.all([
    tx.findOneOrFail(User, { where: { id: ticket.requesterId } }),
    tx.findOneOrFail(CatalogRequest, { where: { ticketId: ticket.id } }),
  ]);
  const cfg = deps.config;
  await notify(tx, deps, [approver.id], {
    kind: "approval_requested", ticket: { id: ticket.id, number: formatNumber(ticket.type, ticket.id), title: ticket.title },
    params: { approval: approval.id, name: requester.displayName, item: item.name },
    mailData: {
      answers: answerRows(request.answers, approver.locale ?? cfg.defaultLocale), days: cfg.catalog.approvalLinkDays,
      approvePath: `/approvals/email/${approvalToken(cfg, approval.id, "approve", now)}`,
      rejectPath: `/approvals/email/${approvalToken(cfg, approval.id, "reject", now)}`,
      approvalPath: `/approvals/${approval.id}`,
    },
  });
}

/**
 * The work starts: with tasks, they are created and the request is open (worked through
 * them); without, it waits in its group's queue ("new"). `history` says why (an approval).
 */
export async function startFulfilment(
  tx: EntityManager, deps: Deps, request: Ticket, item: CatalogItem, actor: Actor | null, now: Date, history: HistoryInput[],
): Promise<void> {
  const status = item.tasks.length ? "open" : "new";
  if (status !== request.status || history.length) {
    const moved: HistoryInput[] = status !== request.status ? [{ kind: "status", from: request.status, to: status }] : [];
    await saveChange(tx, request, actor, now, { status, pendingReason: null }, [...history, ...moved], { deps });
  }
  await createTasks(tx, deps, request, item, now);
}

/**
 * What happens to a request once it is made, in its transaction: it waits for approval
 * (pending, "awaiting approval", the SLA clock paused, the approver told) or, needing none,
 * goes to fulfilment at once.
 */
export async function routeNewRequest(tx: EntityManager, deps: Deps, _actor: Actor, ticket: Ticket, item: CatalogItem, now: Date): Promise<void> {
  if (item.approval === "none") {
    await tx.update(CatalogRequest, { ticketId: ticket.id }, { approvalState: "none" });
    return startFulfilment(tx, deps, ticket, item, null, now, []);
  }
  const approver = await pickApprover(tx, ticket.requesterId, item);
  const approval = await tx.save(tx.create(CatalogApproval, {
    ticketId: ticket.id, approverId: approver.id, state: "pending", reason: null, decidedVia: null, decidedAt: null, createdAt: now,
  }));
  await tx.update(CatalogRequest, { ticketId: ticket.id }, { approvalState: "pending" });
  // a step of the system, not the requester's: no public activity, no first response
  await saveChange(tx, ticket, null, now, { status: "pending", pendingReason: "approval" }, [{ kind: "pending", from: ticket.status, to: "approval" }]);
  await tellApprover(tx, deps, approval, approver, ticket, item, now);
}
