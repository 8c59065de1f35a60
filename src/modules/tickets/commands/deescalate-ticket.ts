import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { conflict, invalid } from "../../../platform/http/errors";
import { findGroup, groupsAtTier } from "../../users/queries/groups";
import { runTicketCommand } from "./run";

/** Send the ticket back down one tier, unassigned and new, with the reason. */
export function deescalateTicket(deps: Deps, actor: Actor, ticketId: number, input: { groupId: number | null; reason: string; version?: number }) {
  return runTicketCommand(deps, actor, ticketId, "deescalate", "deescalate", input.version, async (tx, t) => {
    if (t.tier <= 1) throw conflict("invalid_transition", "errors.transition.bottom_tier");
    const tier = (t.tier - 1) as 1 | 2;
    const group = input.groupId ? await findGroup(tx, input.groupId) : (await groupsAtTier(tx, tier))[0];
    if (!group || group.tier !== tier) throw invalid({ groupId: "validation.group_wrong_tier" });
    return {
      patch: { tier, groupId: group.id, assigneeId: null, status: "new", pendingReason: null },
      history: [
        { kind: "deescalated", from: t.tier, to: tier, reason: input.reason },
        { kind: "group", from: t.groupId, to: group.id },
        ...(t.assigneeId ? [{ kind: "assigned" as const, from: t.assigneeId, to: null }] : []),
      ],
    };
  });
}
