import type { EntityManager } from "typeorm";
import type { Actor } from "../../access/actor";
import { isStaff } from "../../access/roles";
import type { Deps } from "../../platform/deps";
import { notify, type NotificationKind } from "../notifications/notify";
import { TicketComment } from "../tickets/comment.entity";
import { TicketWatcher } from "../tickets/link.entity";
import type { Ticket } from "../tickets/ticket.entity";
import type { ResolutionCode } from "../tickets/ticket.types";
import { saveChange } from "../tickets/workflow";
import { tellAbout } from "../tickets/commands/run";
import { tellWatchers } from "../tickets/commands/link-tickets";
import { excerpt, incidentNumber, openChildren, publicPath, shownTitle } from "./rules";

/**
 * The employees who said "I am affected too", less those already told as a requester
 * (of the parent or of a child), told with the title they know (the public one) and the
 * incident's public page (they cannot read the ticket itself).
 */
async function tellAffected(
  tx: EntityManager, deps: Deps, actor: Actor, parent: Ticket, kind: NotificationKind,
  params: Record<string, string>, mailData: Record<string, string>, alreadyTold: Set<number>,
): Promise<void> {
  const watchers = await tx.find(TicketWatcher, { select: { userId: true }, where: { ticketId: parent.id, reason: "affected" } });
  const to = watchers.map((w) => w.userId).filter((id) => id !== actor.id && !alreadyTold.has(id));
  await notify(tx, deps, to, {
    kind, ticket: { id: parent.id, number: incidentNumber(parent.id), title: shownTitle(parent) }, params,
    mailData: { ...mailData, majorPath: publicPath(parent.id) },
  });
}

/**
 * Hook of add-comment, in the reply's transaction: a public reply by staff on a major
 * incident is its public update. Each open child gets the same text as a public reply in
 * its own timeline (its requester a ticket_reply notice, as for any reply), and each
 * employee following it a major_update notice.
 */
export async function shareMajorUpdate(tx: EntityManager, deps: Deps, actor: Actor, parent: Ticket, body: string, now: Date): Promise<void> {
  if (!parent.major || !isStaff(actor.role)) return;
  const children = await openChildren(tx, parent.id);
  for (const child of children) {
    await tx.insert(TicketComment, { ticketId: child.id, authorId: actor.id, body, internal: false, createdAt: now });
    const saved = await saveChange(tx, child, actor, now, { lastPublicActivityAt: now }, [], { publicResponse: true });
    await tellAbout(tx, deps, actor, saved, [{ kind: "ticket_reply", to: [child.requesterId], params: { name: actor.displayName }, mailData: { body } }]);
    await tellWatchers(tx, deps, actor, saved, { kind: "ticket_reply", params: { name: actor.displayName }, mailData: { body } });
  }
  const told = new Set([parent.requesterId, ...children.map((c) => c.requesterId)]);
  await tellAffected(tx, deps, actor, parent, "major_update", { update: excerpt(body) }, { body }, told);
}

/**
 * Hook of resolve-ticket, in the resolution's transaction: resolving a major incident
 * resolves each open child with the same code and text (each its own history row, SLA
 * stop and ticket_resolved notice, as if resolved on its own page) and tells the
 * employees following it (major_resolved). The resolve command's ticket.changed event
 * clears this process's queue counts and banner once it commits.
 */
export async function resolveMajorChildren(
  tx: EntityManager, deps: Deps, actor: Actor, parent: Ticket, input: { resolution: string; code: ResolutionCode }, now: Date,
): Promise<number> {
  if (!parent.major) return 0;
  const children = await openChildren(tx, parent.id);
  for (const child of children) {
    const saved = await saveChange(tx, child, actor, now, {
      status: "resolved", resolution: input.resolution, resolutionCode: input.code, resolvedAt: now,
      pendingReason: null, lastPublicActivityAt: now, assigneeId: child.assigneeId ?? actor.id,
    }, [{ kind: "resolved", from: child.status, to: input.code, note: input.resolution }], { publicResponse: true });
    await tellAbout(tx, deps, actor, saved, [{ kind: "ticket_resolved", to: [child.requesterId], mailData: { resolution: input.resolution } }]);
    await tellWatchers(tx, deps, actor, saved, { kind: "ticket_resolved", mailData: { resolution: input.resolution } });
  }
  const told = new Set([parent.requesterId, ...children.map((c) => c.requesterId)]);
  await tellAffected(tx, deps, actor, parent, "major_resolved", {}, { resolution: input.resolution }, told);
  return children.length;
}
