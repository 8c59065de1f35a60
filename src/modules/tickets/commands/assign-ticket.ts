import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { conflict, invalid } from "../../../platform/http/errors";
import { User } from "../../users/user.entity";
import { isMember } from "../../users/queries/groups";
import { nextStatus } from "../state-machine";
import { runTicketCommand } from "./run";

/** Assign to an active member of the ticket's group. */
export function assignTicket(deps: Deps, actor: Actor, ticketId: number, assigneeId: number, version?: number) {
  return runTicketCommand(deps, actor, ticketId, "assign", "assign", version, async (tx, t) => {
    const assignee = await tx.findOne(User, { where: { id: assigneeId } });
    const eligible = assignee && assignee.active && (assignee.role === "agent" || assignee.role === "supervisor") &&
      t.groupId !== null && (await isMember(tx, t.groupId, assignee.id));
    if (!eligible) throw invalid({ assigneeId: "validation.assignee_not_in_group" });
    if (t.assigneeId === assigneeId) throw conflict("already_assigned", "errors.already_assigned");
    const status = nextStatus("assign", t.status) ?? t.status;
    return {
      patch: { assigneeId, status },
      history: [
        { kind: "assigned", from: t.assigneeId, to: assigneeId },
        ...(status !== t.status ? [{ kind: "status" as const, from: t.status, to: status }] : []),
      ],
    };
  });
}
