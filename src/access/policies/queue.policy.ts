import type { Actor } from "../actor";
import { forbidden } from "../../platform/http/errors";

/** An agent sees the queues of the tiers of their groups; a supervisor sees all three. */
export function canSeeQueue(actor: Actor, tier: number): boolean {
  if (actor.role === "supervisor") return true;
  return actor.role === "agent" && actor.tiers.includes(tier as 1 | 2 | 3);
}

export function visibleQueues(actor: Actor): number[] {
  return [1, 2, 3].filter((t) => canSeeQueue(actor, t));
}

export function authorizeQueue(actor: Actor, tier: number): void {
  if (!canSeeQueue(actor, tier)) throw forbidden("queue_forbidden", "errors.queue_forbidden");
}
