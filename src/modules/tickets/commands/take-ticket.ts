import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { conflict } from "../../../platform/http/errors";
import { nextStatus } from "../state-machine";
import { runTicketCommand } from "./run";

/** "Take": assign to me; a new or escalated ticket becomes open. */
export function takeTicket(deps: Deps, actor: Actor, ticketId: number, version?: number) {
  return runTicketCommand(deps, actor, ticketId, "take", "take", version, (_tx, t) => {
    if (t.assigneeId === actor.id) throw conflict("already_assigned", "errors.already_yours");
    const status = nextStatus("take", t.status) ?? t.status;
    return {
      patch: { assigneeId: actor.id, status },
      history: [
        { kind: "taken", from: t.assigneeId, to: actor.id },
        ...(status !== t.status ? [{ kind: "status" as const, from: t.status, to: status }] : []),
      ],
    };
  });
}
