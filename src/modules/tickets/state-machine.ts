import type { TicketStatus } from "./ticket.types";

export type Transition =
  | "take" | "assign" | "pending" | "resume" | "escalate" | "deescalate" | "classify"
  | "resolve" | "close" | "reopen" | "reply" | "note";

/** From which statuses each action may start. Anything else is a 409 with the reason. */
const FROM: Record<Transition, readonly TicketStatus[]> = {
  take: ["new", "open", "pending", "escalated"],
  assign: ["new", "open", "pending", "escalated"],
  pending: ["new", "open", "escalated"],
  resume: ["pending"],
  escalate: ["new", "open", "pending"],
  deescalate: ["new", "open", "pending", "escalated"],
  classify: ["new", "open", "pending", "escalated"],
  resolve: ["new", "open", "pending", "escalated"],
  close: ["resolved"],
  reopen: ["resolved"],
  reply: ["new", "open", "pending", "escalated", "resolved"],
  note: ["new", "open", "pending", "escalated", "resolved"],
};

export function canTransition(action: Transition, from: TicketStatus): boolean {
  return FROM[action].includes(from);
}

/** The status after an action (null: unchanged). */
export function nextStatus(action: Transition, from: TicketStatus): TicketStatus | null {
  switch (action) {
    case "take":
    case "assign":
      return from === "new" || from === "escalated" ? "open" : null;
    case "pending":
      return "pending";
    case "resume":
    case "reopen":
      return "open";
    case "escalate":
      return "escalated";
    case "deescalate":
      return "new";
    case "resolve":
      return "resolved";
    case "close":
      return "closed";
    default:
      return null;
  }
}

/** i18n key that says why an action is refused from a status. */
export function refusalKey(action: Transition, from: TicketStatus, tier: number): string {
  if (from === "closed") return "errors.transition.closed";
  if (action === "escalate" && from === "escalated") return "errors.transition.already_escalated";
  if (action === "escalate" && tier >= 3) return "errors.transition.top_tier";
  if (action === "deescalate" && tier <= 1) return "errors.transition.bottom_tier";
  if ((action === "close" || action === "reopen") && from !== "resolved") return "errors.transition.not_resolved";
  if (action === "resume") return "errors.transition.not_pending";
  if (action === "pending" && from === "pending") return "errors.transition.already_pending";
  return "errors.transition.resolved";
}
