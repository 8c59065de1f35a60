import { In, type EntityManager } from "typeorm";
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
import { watchersToTell } from "../tickets/commands/link-tickets";
import { excerpt, incidentNumber, loadParent, openChildren, publicPath, shownTitle } from "./rules";

/**
 * One update of a major incident reaches each person once. The caller (add-comment,
 * resolve-ticket, the problem commands) tells the parent's requester and, through
 * tellWatchers, the 'merged' followers watchersToTell names (the fan-out reads the same
 * list, whether the caller tells them before or after it, and whoever it leaves out is
 * told here); the fan-out then tells, once each, never the actor nor those the caller told:
 *   - each open child's requester, in their own ticket (ticket_reply / ticket_resolved);
 *     someone who raised several children hears of it through the first;
 *   - everyone else it reaches — the employees following the parent ("I am affected too")
 *     and the watchers of the children — with the parent's notice (major_update /
 *     major_resolved), its public title and public page, never a /tickets/ link.
 */
async function fanOut(
  tx: EntityManager, deps: Deps, actor: Actor, parent: Ticket, children: Ticket[],
  childNotice: (child: Ticket) => Promise<void>,
  kind: NotificationKind, params: Record<string, string>, mailData: Record<string, string>,
): Promise<void> {
  const childIds = children.map((c) => c.id);
  const watchers = await tx.find(TicketWatcher, { select: { ticketId: true, userId: true, reason: true }, where: { ticketId: In([parent.id, ...childIds]) } });
  // told by the caller: the parent's requester, and the followers tellWatchers tells (the same function's list)
  const told = new Set([actor.id, parent.requesterId, ...await watchersToTell(tx, actor, parent)]);
  for (const child of children) {
    if (told.has(child.requesterId)) continue;
    told.add(child.requesterId);
    await childNotice(child);
  }
  const others = new Set<number>();
  for (const w of watchers) if (!told.has(w.userId)) others.add(w.userId);
  await notify(tx, deps, others, {
    kind, ticket: { id: parent.id, number: incidentNumber(parent.id), title: shownTitle(parent) }, params,
    mailData: { ...mailData, majorPath: publicPath(parent.id) },
  });
}

/**
 * Hook of add-comment (and of a problem's published workaround), in the reply's
 * transaction: a public staff reply (publicReplySql: not by the incident's own requester)
 * on a major incident is its public update. Each
 * open child gets the same text as a public reply in its own timeline; who hears of it is
 * fanOut's rule.
 */
export async function shareMajorUpdate(tx: EntityManager, deps: Deps, actor: Actor, parent: Ticket, body: string, now: Date): Promise<void> {
  // a public staff reply only (publicReplySql): not the words of the parent's own requester, even a technician's
  if (!parent.major || !isStaff(actor.role) || actor.id === parent.requesterId) return;
  // the children are read once the parent is locked (rules.ts loadParent)
  const locked = await loadParent(tx, parent.id);
  if (!locked?.major) return;
  const children = await openChildren(tx, parent.id);
  const saved = new Map<number, Ticket>();
  for (const child of children) {
    await tx.insert(TicketComment, { ticketId: child.id, authorId: actor.id, body, internal: false, createdAt: now });
    saved.set(child.id, await saveChange(tx, child, actor, now, { lastPublicActivityAt: now }, [], { publicResponse: true }));
  }
  await fanOut(tx, deps, actor, locked, children,
    (child) => tellAbout(tx, deps, actor, saved.get(child.id) ?? child, [{ kind: "ticket_reply", to: [child.requesterId], params: { name: actor.displayName }, mailData: { body } }]),
    "major_update", { update: excerpt(body) }, { body });
}

/**
 * Hook of resolve-ticket (and of a problem's resolution), in the resolution's
 * transaction: resolving a major incident resolves each open child with the same code
 * and text (each its own history row and SLA stop, as if resolved on its own page); who
 * hears of it is fanOut's rule. The caller's ticket.changed event clears this process's
 * queue counts and banner once it commits. Returns how many children were resolved.
 */
export async function resolveMajorChildren(
  tx: EntityManager, deps: Deps, actor: Actor, parent: Ticket, input: { resolution: string; code: ResolutionCode }, now: Date,
): Promise<number> {
  if (!parent.major) return 0;
  // locked before the children are read: an attach committing meanwhile is either seen here or refused (rules.ts loadParent)
  const locked = await loadParent(tx, parent.id);
  if (!locked?.major) return 0;
  const children = await openChildren(tx, parent.id);
  const saved = new Map<number, Ticket>();
  for (const child of children) {
    saved.set(child.id, await saveChange(tx, child, actor, now, {
      status: "resolved", resolution: input.resolution, resolutionCode: input.code, resolvedAt: now,
      pendingReason: null, lastPublicActivityAt: now, assigneeId: child.assigneeId ?? actor.id,
    }, [{ kind: "resolved", from: child.status, to: input.code, note: input.resolution, reason: "sla:with_major" }], { publicResponse: true, deps }));
  }
  await fanOut(tx, deps, actor, locked, children,
    (child) => tellAbout(tx, deps, actor, saved.get(child.id) ?? child, [{ kind: "ticket_resolved", to: [child.requesterId], mailData: { resolution: input.resolution } }]),
    "major_resolved", {}, { resolution: input.resolution });
  return children.length;
}
