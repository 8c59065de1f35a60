import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { runTicketCommand } from "./run";

/** "Still broken": back to open at the same tier and assignee, reopen count + 1. */
export function reopenTicket(deps: Deps, actor: Actor, ticketId: number, input: { reason: string; version?: number }) {
  return runTicketCommand(deps, actor, ticketId, "reopen", "reopen", input.version, (_tx, t, now) => ({
    patch: { status: "open", reopenCount: t.reopenCount + 1, resolvedAt: null, resolution: null, resolutionCode: null, lastPublicActivityAt: now },
    history: [{ kind: "reopened", from: t.status, to: "open", reason: input.reason }],
  }));
}
