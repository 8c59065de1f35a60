import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { runTicketCommand } from "./run";

/** Final: the requester confirmed the fix (or an agent closes a resolved ticket). */
export function closeTicket(deps: Deps, actor: Actor, ticketId: number, version?: number) {
  return runTicketCommand(deps, actor, ticketId, "close", "close", version, (_tx, t, now) => ({
    patch: { status: "closed", closedAt: now },
    history: [{ kind: "closed", from: t.status, to: "closed" }],
    notices: [{ kind: "ticket_closed", to: [t.requesterId] }],
  }));
}
