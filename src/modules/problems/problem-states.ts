import { conflict } from "../../platform/http/errors";
import type { ProblemStatus } from "./problem.entity";

/** What can happen to a problem, each from a set of statuses (the tickets' state table, for problems). */
export type ProblemAction = "investigate" | "publish_workaround" | "resolve" | "close" | "reopen" | "link" | "edit";

const FROM: Record<ProblemAction, readonly ProblemStatus[]> = {
  investigate: ["new"],
  publish_workaround: ["new", "investigating", "known_error"],
  resolve: ["new", "investigating", "known_error"],
  close: ["resolved"],
  reopen: ["resolved"],
  link: ["new", "investigating", "known_error"],
  // the analysis is often written up once the fix is in: a resolved problem is still edited, a closed one is final
  edit: ["new", "investigating", "known_error", "resolved"],
};

/** The status each action leads to (null: unchanged). */
const TO: Record<ProblemAction, ProblemStatus | null> = {
  investigate: "investigating", publish_workaround: "known_error", resolve: "resolved", close: "closed", reopen: "investigating",
  link: null, edit: null,
};

/** The status changes a person asks for by name (the status buttons, POST .../status); the others need their own form. */
const BY_TARGET: Partial<Record<ProblemStatus, readonly ProblemAction[]>> = {
  investigating: ["investigate", "reopen"],
  closed: ["close"],
};

export function canMove(action: ProblemAction, from: ProblemStatus): boolean {
  return FROM[action].includes(from);
}

export function nextProblemStatus(action: ProblemAction, from: ProblemStatus): ProblemStatus {
  return TO[action] ?? from;
}

/** The actions offered as buttons on a problem in this status. */
export function statusActions(from: ProblemStatus): ProblemAction[] {
  return Object.values(BY_TARGET).flat().filter((a) => canMove(a, from));
}

/**
 * A 409 unless the action may start from the problem's status. Linking, the workaround and
 * the resolution keep their historical code (problem_closed); the status moves say
 * invalid_transition.
 */
export function assertMove(action: ProblemAction, from: ProblemStatus): void {
  if (canMove(action, from)) return;
  if (action === "link" || action === "publish_workaround" || action === "resolve" || (action === "edit" && from === "closed")) {
    throw conflict("problem_closed", from === "closed" && action === "edit" ? "problems.errors.problem_final" : "problems.errors.problem_closed");
  }
  throw refusal(TO[action] ?? from, from);
}

/** The 409 of a status move, saying how that status is reached. */
function refusal(to: ProblemStatus, from: ProblemStatus) {
  return conflict("invalid_transition", `problems.errors.transition.${BY_TARGET[to] ? to : "other"}`, { from, to });
}

/** The action that takes a problem from its status to the one asked for; a 409 when none does. */
export function actionTo(from: ProblemStatus, to: ProblemStatus): ProblemAction {
  const action = (BY_TARGET[to] ?? []).find((a) => canMove(a, from));
  if (!action) throw refusal(to, from);
  return action;
}
