import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { conflict, invalid } from "../../../platform/http/errors";
import { findGroup, groupMembers, groupsAtTier } from "../../users/queries/groups";
import { tierBit } from "../ticket.types";
import { runTicketCommand } from "./run";

export interface EscalateInput {
  groupId: number | null;
  reason: string;
  note: string;
  version?: number;
}

/**
 * Hand the ticket to the next tier: a group of that tier (the first one if none is
 * chosen), no assignee, status escalated until someone of that tier takes it.
 */
export function escalateTicket(deps: Deps, actor: Actor, ticketId: number, input: EscalateInput) {
  return runTicketCommand(deps, actor, ticketId, "escalate", "escalate", input.version, async (tx, t) => {
    if (t.tier >= 3) throw conflict("invalid_transition", "errors.transition.top_tier");
    const tier = (t.tier + 1) as 2 | 3;
    const group = input.groupId ? await findGroup(tx, input.groupId) : (await groupsAtTier(tx, tier))[0];
    if (!group || group.tier !== tier) throw invalid({ groupId: "validation.group_wrong_tier" });
    return {
      patch: { tier, groupId: group.id, assigneeId: null, status: "escalated", pendingReason: null, tiersVisited: t.tiersVisited | tierBit(tier) },
      history: [
        { kind: "escalated", from: t.tier, to: tier, reason: input.reason, note: input.note },
        { kind: "group", from: t.groupId, to: group.id },
        ...(t.assigneeId ? [{ kind: "assigned" as const, from: t.assigneeId, to: null }] : []),
      ],
      notices: [{
        kind: "ticket_escalated", to: (await groupMembers(tx, group.id)).map((u) => u.id),
        params: { name: actor.displayName, tier, group: group.name }, mailData: { reason: input.reason, note: input.note },
      }],
    };
  });
}
