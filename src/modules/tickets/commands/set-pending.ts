import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import type { ChosenPendingReason } from "../ticket.types";
import { runTicketCommand } from "./run";

/** Waiting on the requester, a third party or a change: the SLA clock pauses. */
export function setPending(deps: Deps, actor: Actor, ticketId: number, input: { reason: ChosenPendingReason; note: string | null; version?: number }) {
  return runTicketCommand(deps, actor, ticketId, "pending", "pending", input.version, (_tx, t) => ({
    patch: { status: "pending", pendingReason: input.reason },
    history: [{ kind: "pending", from: t.status, to: input.reason, reason: input.note }],
    notices: input.reason === "requester" ? [{ kind: "ticket_pending", to: [t.requesterId], mailData: { note: input.note } }] : [],
  }));
}
