import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { TicketAction } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import type { Ticket } from "../ticket.entity";
import type { Transition } from "../state-machine";
import { assertTransition, assertVersion, loadForAction, saveChange, type HistoryInput } from "../workflow";

export interface Change {
  patch: Partial<Ticket>;
  history: HistoryInput[];
  publicResponse?: boolean;
}

/**
 * The frame every ticket command shares: one transaction, authorize, version check,
 * transition check, the change with its history, the event after commit.
 */
export async function runTicketCommand(
  deps: Deps, actor: Actor, ticketId: number, action: TicketAction, transition: Transition,
  expectedVersion: number | undefined, decide: (tx: EntityManager, t: Ticket, now: Date) => Promise<Change> | Change,
): Promise<Ticket> {
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const t = await loadForAction(tx, actor, ticketId, action);
    await assertVersion(tx, t, expectedVersion);
    assertTransition(t, transition);
    const now = deps.clock.now();
    const change = await decide(tx, t, now);
    const saved = await saveChange(tx, t, actor, now, change.patch, change.history, { publicResponse: change.publicResponse });
    afterCommit(() => deps.bus.emit("ticket.changed", { ticketId, action: transition, actorId: actor.id }));
    return saved;
  });
}
