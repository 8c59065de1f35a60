import type { Actor } from "../actor";
import { forbidden, notFound } from "../../platform/http/errors";

export type ProblemAction = "read" | "create" | "edit" | "link" | "link_known_error";

export interface ProblemSubject {
  status: string;
}

/** Specialists: an agent of tier 2 or 3, or a supervisor. */
const specialist = (a: Actor) => a.role === "supervisor" || (a.role === "agent" && (a.tiers.includes(2) || a.tiers.includes(3)));
const staff = (a: Actor) => a.role === "agent" || a.role === "supervisor";

/**
 * Problems are the desk's business: every technician reads them (N1 searches the known
 * errors from an incident), only specialists create, edit and link them, and tier 1 may
 * link an incident to a problem only once it is a known error. Requesters and admins
 * (configuration) never see them.
 */
export function canProblem(actor: Actor, action: ProblemAction, p?: ProblemSubject): boolean {
  switch (action) {
    case "read":
      return staff(actor);
    case "link_known_error":
      return staff(actor) && (specialist(actor) || p?.status === "known_error");
    default:
      return specialist(actor);
  }
}

/** Someone who may not read problems does not learn one exists: 404; a reader without the right: 403. */
export function authorizeProblem(actor: Actor, action: ProblemAction, p?: ProblemSubject): void {
  if (!canProblem(actor, "read", p)) throw notFound("problem_not_found");
  if (!canProblem(actor, action, p)) throw forbidden("problem_action_forbidden", "errors.problem_action_forbidden");
}
