import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { Tier } from "../../../access/roles";
import type { Deps } from "../../../platform/deps";
import type { StoredUpload } from "../../../platform/uploads/stored-file";
import { withTransaction } from "../../../platform/db/transaction";
import { forbidden, invalid } from "../../../platform/http/errors";
import { canCreateFor } from "../../../access/policies/ticket.policy";
import { User } from "../../users/user.entity";
import { findGroup, groupsAtTier } from "../../users/queries/groups";
import { Category } from "../category.entity";
import { Ticket } from "../ticket.entity";
import { TicketHistory } from "../history.entity";
import { insertAttachments } from "../attachments";
import { computePriority } from "../priority";
import { getPriorityMatrix } from "../queries/priority-matrix";
import type { CreateTicketInput } from "../ticket.schemas";
import { tierBit } from "../ticket.types";
import { startClock } from "../../sla/engine";
import { cachedPolicies } from "../../sla/policies";
import { tellAbout } from "./run";
import { assetIdsForNewTicket, linkAssets } from "../../assets";

/**
 * For other commands only (a catalog request lands in its item's group, at that group's
 * tier, with the item's priority), never filled from user input; `tx` runs the creation
 * inside the caller's transaction.
 */
export interface CreateTicketOptions {
  groupId?: number;
  tier?: Tier;
  priority?: number;
  tx?: { manager: EntityManager; afterCommit: (cb: () => void) => void };
}

export type NewTicketFields = Pick<Ticket,
  "type" | "channel" | "requesterId" | "title" | "description" | "categoryId" | "impact" | "urgency" | "priority" | "tier" | "groupId" |
  "callbackPhone" | "updatedById">;

/**
 * A new ticket's row, untaken in its group's queue, its SLA clock started, in the caller's
 * transaction: createTicket, and the catalog's fulfilment tasks (made by the system).
 */
export async function insertNewTicket(tx: EntityManager, deps: Deps, f: NewTicketFields, now: Date): Promise<Ticket> {
  const ticket = await tx.save(tx.create(Ticket, {
    ...f, tiersVisited: tierBit(f.tier), assigneeId: null, status: "new", pendingReason: null, resolutionCode: null, resolution: null,
    problemId: null, parentId: null, reopenCount: 0, version: 1, createdAt: now, updatedAt: now, firstResponseAt: null,
    resolvedAt: null, closedAt: null, lastPublicActivityAt: now, queuedAt: now,
  }));
  const sla = await startClock(tx, await cachedPolicies(deps.db), ticket, now);
  if (Object.keys(sla).length) {
    await tx.update(Ticket, { id: ticket.id }, sla);
    Object.assign(ticket, sla);
  }
  return ticket;
}

/**
 * Anyone signed in reports for themselves; staff may log one for someone else. Priority
 * comes from the matrix (never from the requester); the ticket starts at tier 1 in the
 * category's group.
 */
export function createTicket(
  deps: Deps, actor: Actor, input: Omit<CreateTicketInput, "requester"> & { requester?: string | null }, files: StoredUpload[] = [],
  opts: CreateTicketOptions = {},
): Promise<Ticket> {
  const run = async (tx: EntityManager, afterCommit: (cb: () => void) => void): Promise<Ticket> => {
    const category = input.categoryId ? await tx.findOne(Category, { where: { id: input.categoryId, active: true } }) : null;
    if (input.categoryId && !category) throw invalid({ categoryId: "validation.choice" });
    const defaultGroup = category?.defaultGroupId ? await findGroup(tx, category.defaultGroupId) : null;
    const forced = opts.groupId ? await findGroup(tx, opts.groupId) : null;
    const group = forced ?? (defaultGroup?.tier === 1 ? defaultGroup : (await groupsAtTier(tx, 1))[0] ?? null);
    const tier = opts.tier ?? forced?.tier ?? 1;
    const requester = input.requester
      ? await tx.findOne(User, { where: { username: input.requester, active: true }, order: { provider: "ASC" } })
      : await tx.findOneOrFail(User, { where: { id: actor.id } });
    if (!requester) throw invalid({ requester: "validation.unknown_user" });
    if (!canCreateFor(actor, requester.id)) throw forbidden();
    // the devices it is about: an employee names their own, staff any (422 on `assets` otherwise)
    const assetIds = await assetIdsForNewTicket(tx, actor, input.assets);
    const now = deps.clock.now();
    const ticket = await insertNewTicket(tx, deps, {
      type: input.type, channel: input.channel, requesterId: requester.id, title: input.title, description: input.description,
      categoryId: category?.id ?? null, impact: input.impact, urgency: input.urgency,
      priority: opts.priority ?? computePriority(await getPriorityMatrix(tx), input.impact, input.urgency, requester.vip),
      tier, groupId: group?.id ?? null, callbackPhone: input.callbackPhone, updatedById: actor.id,
    }, now);
    await tx.insert(TicketHistory, { ticketId: ticket.id, actorId: actor.id, kind: "created", fromValue: null, toValue: "new", reason: null, note: null, createdAt: now });
    await insertAttachments(tx, ticket.id, null, files, actor.id, now);
    await linkAssets(tx, ticket, assetIds, actor.id, now);
    // an acknowledgement: the requester hears of it even when they raised it themselves
    await tellAbout(tx, deps, actor, ticket, [{ kind: "ticket_created", to: [requester.id], toActor: true }]);
    afterCommit(() => deps.bus.emit("ticket.changed", { ticketId: ticket.id, action: "create", actorId: actor.id }));
    return ticket;
  };
  return opts.tx ? run(opts.tx.manager, opts.tx.afterCommit) : withTransaction(deps.db, run);
}
