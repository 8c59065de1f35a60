import { placeholders, rawEntities } from "../../../platform/db/raw";
import type { Actor } from "../../../access/actor";
import { authorizeTicket, canTicket } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { notFound } from "../../../platform/http/errors";
import { User } from "../../users/user.entity";
import type { SupportGroup } from "../../users/group.entity";
import { cachedGroups } from "../../users/queries/groups";
import { cachedCategories } from "./categories";
import { Ticket } from "../ticket.entity";
import { TicketComment } from "../comment.entity";
import { TicketHistory } from "../history.entity";
import { TicketAttachment } from "../attachment.entity";
import type { Category } from "../category.entity";
import { isFollower, mergedSources, NO_SOURCES, type MergedSources } from "./links";
import { publicReplySql } from "./public-replies";

/**
 * History kinds a requester sees (no internal reasons, no hand-over notes); "merged_in" is
 * all they see of the duplicates merged into their ticket.
 */
const PUBLIC_KINDS = new Set(["created", "resolved", "closed", "reopened", "pending", "resumed", "merged_in"]);

export interface TicketDetail {
  ticket: Ticket;
  requester: User;
  assignee: User | null;
  group: SupportGroup | null;
  category: Category | null;
  comments: TicketComment[];
  history: TicketHistory[];
  attachments: TicketAttachment[];
  /** Names of the users, groups and categories the history and comments refer to. */
  users: Map<number, string>;
  groups: Map<number, SupportGroup>;
  categories: Map<number, string>;
  seesInternal: boolean;
  /** The duplicates merged into this ticket, as this actor may see them (read in place, never copied; nothing for non-staff). */
  merged?: MergedSources;
  /** A follower (reason 'merged') who may not read the ticket otherwise: its public face only (public staff replies, no description, attachments, requester's messages). */
  watching?: boolean;
}

/**
 * The ticket as this actor may see it: internal notes and their attachments only for
 * staff who read it; a requester's history without internal reasons.
 */
export async function getTicket(deps: Deps, actor: Actor, id: number): Promise<TicketDetail> {
  const db = deps.db;
  const [ticket] = await rawEntities(db, Ticket, "id = ?", [id]);
  if (!ticket) throw notFound("ticket_not_found");
  // a follower reads the public face of a ticket they may not read otherwise (the watcher row is read only then)
  const watching = !canTicket(actor, "read", ticket) && await isFollower(db.manager, id, actor.id);
  if (!watching) authorizeTicket(actor, "read", ticket);
  const seesInternal = canTicket(actor, "see_internal", ticket);
  const [comments, history, attachments, groups, categories, merged] = await Promise.all([
    watching
      ? rawEntities(db, TicketComment, `ticket_id = ? AND ${publicReplySql("ticket_comments", "?")} ORDER BY id`, [id, ticket.requesterId])
      : rawEntities(db, TicketComment, `ticket_id = ?${seesInternal ? "" : " AND internal = FALSE"} ORDER BY id`, [id]),
    rawEntities(db, TicketHistory, "ticket_id = ? ORDER BY id", [id]),
    watching ? Promise.resolve([] as TicketAttachment[]) : rawEntities(db, TicketAttachment, "ticket_id = ? ORDER BY id", [id]),
    cachedGroups(deps.db),
    cachedCategories(deps.db),
    watching ? NO_SOURCES : mergedSources(deps, actor, id),
  ]);
  if (watching) Object.assign(ticket, { title: ticket.publicTitle ?? ticket.title, description: "" });
  const visibleComments = new Set(comments.map((c) => c.id));
  const userIds = new Set<number>([ticket.requesterId]);
  if (ticket.assigneeId) userIds.add(ticket.assigneeId);
  for (const t of merged.tickets) userIds.add(t.requesterId);
  for (const c of [...comments, ...merged.comments]) userIds.add(c.authorId);
  for (const h of [...history, ...merged.history]) {
    if (h.actorId) userIds.add(h.actorId);
    if (h.kind === "assigned" || h.kind === "taken") {
      for (const v of [h.fromValue, h.toValue]) if (v) userIds.add(Number(v));
    }
  }
  const ids = [...userIds];
  const people = await rawEntities(db, User, `id IN (${placeholders(ids.length)})`, ids);
  const byId = new Map(people.map((u) => [u.id, u]));
  const requester = byId.get(ticket.requesterId);
  if (!requester) throw notFound("ticket_not_found");
  return {
    ticket,
    requester,
    assignee: ticket.assigneeId ? byId.get(ticket.assigneeId) ?? null : null,
    group: groups.find((g) => g.id === ticket.groupId) ?? null,
    category: categories.find((c) => c.id === ticket.categoryId) ?? null,
    comments,
    history: seesInternal ? history : history.filter((h) => PUBLIC_KINDS.has(h.kind)).map((h) => Object.assign(h, { note: h.kind === "resolved" ? h.note : null, reason: !watching && (h.kind === "reopened" || h.kind === "pending") ? h.reason : null })),
    attachments: attachments.filter((a) => a.commentId === null || visibleComments.has(a.commentId)),
    users: new Map(people.map((u) => [u.id, u.displayName])),
    groups: new Map(groups.map((g) => [g.id, g])),
    categories: new Map(categories.map((c) => [c.id, c.name])),
    seesInternal,
    merged,
    watching,
  };
}
