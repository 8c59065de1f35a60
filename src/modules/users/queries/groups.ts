import type { DataSource, EntityManager } from "typeorm";
import { cachedReference } from "../../../platform/db/reference-cache";
import { GroupMember, SupportGroup } from "../group.entity";
import { User } from "../user.entity";

export function findGroup(m: EntityManager, id: number): Promise<SupportGroup | null> {
  return m.findOne(SupportGroup, { where: { id } });
}

/**
 * The groups of a tier, oldest first: the first one (the desk's own, made at setup) takes
 * what nothing routes elsewhere, whatever the names of the groups added later ("Facilities").
 */
export function groupsAtTier(m: EntityManager, tier: number): Promise<SupportGroup[]> {
  return m.find(SupportGroup, { where: { tier: tier as 1 | 2 | 3 }, order: { id: "ASC" } });
}

export function listGroups(m: EntityManager): Promise<SupportGroup[]> {
  return m.find(SupportGroup, { order: { tier: "ASC", name: "ASC" } });
}

export async function isMember(m: EntityManager, groupId: number, userId: number): Promise<boolean> {
  return (await m.count(GroupMember, { where: { groupId, userId } })) > 0;
}

/** Active staff members of a group (the people a ticket of that group can be assigned to). */
export function groupMembers(m: EntityManager, groupId: number): Promise<Pick<User, "id" | "displayName" | "username">[]> {
  return m.createQueryBuilder(User, "u")
    .select(["u.id", "u.displayName", "u.username"])
    .innerJoin(GroupMember, "gm", "gm.user_id = u.id AND gm.group_id = :groupId", { groupId })
    .where("u.active = :active AND u.role IN (:...roles)", { active: true, roles: ["agent", "supervisor"] })
    .orderBy("u.display_name", "ASC")
    .getMany();
}

/** Everyone who works a tier (for the queue's assignee filter). */
export function groupMembersOfTier(m: EntityManager, tier: number): Promise<Pick<User, "id" | "displayName">[]> {
  return m.createQueryBuilder(User, "u")
    .select(["u.id", "u.displayName"])
    .where("u.active = :active AND u.role IN (:...roles)", { active: true, roles: ["agent", "supervisor"] })
    .andWhere("u.id IN (SELECT gm.user_id FROM group_members gm INNER JOIN support_groups g ON g.id = gm.group_id WHERE g.tier = :tier)", { tier })
    .orderBy("u.display_name", "ASC")
    .getMany();
}

/** For pages: every group, from the reference cache. */
export function cachedGroups(db: DataSource): Promise<SupportGroup[]> {
  return cachedReference(db, "groups", () => listGroups(db.manager));
}

/** For pages: the active staff of a group, from the reference cache. */
export function cachedGroupMembers(db: DataSource, groupId: number): Promise<Pick<User, "id" | "displayName" | "username">[]> {
  return cachedReference(db, `members:${groupId}`, () => groupMembers(db.manager, groupId));
}

/** For pages: everyone who works a tier, from the reference cache. */
export function cachedTierMembers(db: DataSource, tier: number): Promise<Pick<User, "id" | "displayName">[]> {
  return cachedReference(db, `tier:${tier}`, () => groupMembersOfTier(db.manager, tier));
}
