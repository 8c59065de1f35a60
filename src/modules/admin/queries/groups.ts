import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { notFound } from "../../../platform/http/errors";
import { GroupMember, SupportGroup } from "../../users/group.entity";
import { User } from "../../users/user.entity";

export interface GroupRow {
  id: number;
  name: string;
  tier: number;
  email: string | null;
  members: number;
}

/** Every group with its member count (a handful of rows: no pagination needed). */
export async function listGroupsWithCounts(deps: Deps, actor: Actor): Promise<GroupRow[]> {
  authorizeAdmin(actor);
  const rows = await deps.db.manager.createQueryBuilder(SupportGroup, "g")
    .select(["g.id AS id", "g.name AS name", "g.tier AS tier", "g.email AS email", "COUNT(gm.user_id) AS members"])
    .leftJoin(GroupMember, "gm", "gm.group_id = g.id")
    .groupBy("g.id").addGroupBy("g.name").addGroupBy("g.tier").addGroupBy("g.email")
    .orderBy("g.tier").addOrderBy("g.name")
    .getRawMany<{ id: number | string; name: string; tier: number | string; email: string | null; members: number | string }>();
  // PostgreSQL returns COUNT as a string
  return rows.map((r) => ({ id: Number(r.id), name: r.name, tier: Number(r.tier), email: r.email, members: Number(r.members) }));
}

export type GroupMemberRow = Pick<User, "id" | "username" | "displayName" | "role" | "active">;

/** A group and who is in it (memberships are edited on the user's page). */
export async function getGroup(deps: Deps, actor: Actor, groupId: number): Promise<{ group: SupportGroup; members: GroupMemberRow[] }> {
  authorizeAdmin(actor);
  const group = await deps.db.manager.findOne(SupportGroup, { where: { id: groupId } });
  if (!group) throw notFound("group_not_found");
  const members = await deps.db.manager.createQueryBuilder(User, "u")
    .select(["u.id", "u.username", "u.displayName", "u.role", "u.active"])
    .innerJoin(GroupMember, "gm", "gm.user_id = u.id AND gm.group_id = :groupId", { groupId })
    .orderBy("u.display_name", "ASC")
    .getMany();
  return { group, members };
}
