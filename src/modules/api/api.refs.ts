import { In, type EntityManager } from "typeorm";
import { User } from "../users/user.entity";
import { SupportGroup } from "../users/group.entity";
import { Category } from "../tickets/category.entity";
import type { Ticket } from "../tickets/ticket.entity";

/** Names the API shows instead of internal ids (clients know people, groups and categories by name). */
export interface Refs {
  users: Map<number, string>;
  groups: Map<number, string>;
  categories: Map<number, string>;
}

/**
 * One lookup per kind for a whole page of tickets (never one per row). Groups and
 * categories are small configuration tables, read whole; users only those referred to.
 */
export async function loadRefs(m: EntityManager, tickets: Ticket[], moreUserIds: Iterable<number> = []): Promise<Refs> {
  const userIds = new Set<number>(moreUserIds);
  for (const t of tickets) {
    userIds.add(t.requesterId);
    if (t.assigneeId) userIds.add(t.assigneeId);
  }
  const [users, groups, categories] = await Promise.all([
    userIds.size ? m.find(User, { select: { id: true, username: true }, where: { id: In([...userIds]) } }) : Promise.resolve([]),
    m.find(SupportGroup, { select: { id: true, name: true } }),
    m.find(Category, { select: { id: true, name: true } }),
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u.username])),
    groups: new Map(groups.map((g) => [g.id, g.name])),
    categories: new Map(categories.map((c) => [c.id, c.name])),
  };
}
