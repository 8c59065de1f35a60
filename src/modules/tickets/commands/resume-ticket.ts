import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { runTicketCommand } from "./run";

/** Leave pending: the SLA clock runs again. */
export function resumeTicket(deps: Deps, actor: Actor, ticketId: number, version?: number) {
  return runTicketCommand(deps, actor, ticketId, "resume", "resume", version, (_tx, t) => ({
    patch: { status: "open", pendingReason: null },
    history: [{ kind: "resumed", from: t.pendingReason, to: "open" }],
  }));
}
