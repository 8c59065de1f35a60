import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import type { ResolutionCode } from "../ticket.types";
import { runTicketCommand } from "./run";
import { tellWatchers } from "./link-tickets";
import { resolveMajorChildren } from "../../major";
import { isFulfilmentTask } from "../../catalog";
import { recordSolvedWith } from "../../kb";

/** The solution is given: the requester confirms (close) or reopens. */
export function resolveTicket(
  deps: Deps, actor: Actor, ticketId: number, input: { resolution: string; code: ResolutionCode; version?: number; solvedWith?: number | null },
) {
  return runTicketCommand(deps, actor, ticketId, "resolve", "resolve", input.version, async (tx, t, now) => {
    await tellWatchers(tx, deps, actor, t, { kind: "ticket_resolved", mailData: { resolution: input.resolution } });
    await resolveMajorChildren(tx, deps, actor, t, input, now);
    // "solved with this article": one of the ticket's linked articles (else 422), recorded with the resolution
    const solved = await recordSolvedWith(tx, t.id, input.solvedWith ?? null);
    return {
      patch: {
        status: "resolved", resolution: input.resolution, resolutionCode: input.code, resolvedAt: now,
        pendingReason: null, lastPublicActivityAt: now, assigneeId: t.assigneeId ?? actor.id,
      },
      history: [{ kind: "resolved", from: t.status, to: input.code, note: input.resolution }, ...(solved ? [solved] : [])],
      publicResponse: true,
      // a catalog request's task: its requester is asked to confirm the request once, when its last task is done
      notices: t.type === "request" && await isFulfilmentTask(tx, t.id) ? [] : [{ kind: "ticket_resolved", to: [t.requesterId], mailData: { resolution: input.resolution } }],
    };
  });
}
