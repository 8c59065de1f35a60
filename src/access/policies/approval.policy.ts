import type { Actor } from "../actor";
import { notFound } from "../../platform/http/errors";

export type ApprovalAction = "read" | "decide";

export interface ApprovalSubject {
  approverId: number;
}

/**
 * A catalog request's approval belongs to its approver alone, whatever their role: they
 * read the request through it and decide. Nobody else learns it exists (not the requester,
 * who follows their request's page; not the desk, who reads the ticket; not an admin).
 * The approver gets no right on the ticket itself. Whether it still waits for a decision
 * is the command's business (409), not this.
 */
export function canApproval(actor: Pick<Actor, "id">, _action: ApprovalAction, a: ApprovalSubject): boolean {
  return a.approverId === actor.id;
}

export function authorizeApproval(actor: Pick<Actor, "id">, action: ApprovalAction, a: ApprovalSubject | null): asserts a is ApprovalSubject {
  if (!a || !canApproval(actor, action, a)) throw notFound("approval_not_found");
}
