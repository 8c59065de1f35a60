import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { TicketAction } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { notify, type Notice, type NotificationKind } from "../../notifications/notify";
import { groupMembers } from "../../users/queries/groups";
import type { Ticket } from "../ticket.entity";
import { formatNumber } from "../ticket.types";
import type { Transition } from "../state-machine";
import { assertTransition, assertVersion, loadForAction, saveChange, type HistoryInput } from "../workflow";

/** Who hears of a change: a kind, its recipients and values; the ticket's number and title are added. */
export interface TicketNotice {
  kind: NotificationKind;
  to: Iterable<number>;
  params?: Notice["params"];
  mailData?: Notice["mailData"];
  /** An acknowledgement: the actor is told too (otherwise nobody hears of their own change). */
  toActor?: boolean;
}

export interface Change {
  patch: Partial<Ticket>;
  history: HistoryInput[];
  publicResponse?: boolean;
  notices?: TicketNotice[];
}

/**
 * The notices of a ticket change, in the change's transaction (ARCHITECTURE.md §3: the
 * outbox row commits or rolls back with the change). The actor is never told of their
 * own change, unless the notice is an acknowledgement.
 */
export async function tellAbout(tx: EntityManager, deps: Deps, actor: Actor, t: Ticket, notices: TicketNotice[]): Promise<void> {
  const ticket = { id: t.id, number: formatNumber(t.type, t.id), title: t.title };
  for (const n of notices) {
    const to = [...n.to].filter((id) => n.toActor || id !== actor.id);
    await notify(tx, deps, to, { kind: n.kind, ticket, params: n.params, mailData: n.mailData });
  }
}

/** The people working a ticket: its assignee, else the members of its group. */
export async function ticketWorkers(tx: EntityManager, t: Pick<Ticket, "assigneeId" | "groupId">): Promise<number[]> {
  if (t.assigneeId) return [t.assigneeId];
  return t.groupId ? (await groupMembers(tx, t.groupId)).map((u) => u.id) : [];
}

/**
 * The frame every ticket command shares: one transaction, authorize, version check,
 * transition check, the change with its history and notices, the event after commit.
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
    const saved = await saveChange(tx, t, actor, now, change.patch, change.history, { publicResponse: change.publicResponse, deps });
    if (change.notices?.length) await tellAbout(tx, deps, actor, saved, change.notices);
    afterCommit(() => deps.bus.emit("ticket.changed", { ticketId, action: transition, actorId: actor.id }));
    return saved;
  });
}
