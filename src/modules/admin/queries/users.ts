import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { Role } from "../../../access/roles";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { notFound } from "../../../platform/http/errors";
import { decodeCursor, encodeCursor } from "../../../platform/http/cursor";
import { GroupMember, SupportGroup } from "../../users/group.entity";
import { User } from "../../users/user.entity";
import { escapeLike } from "../../tickets/queries/queue";
import type { UserListFilter } from "../admin.schemas";

export interface UserRow {
  id: number;
  username: string;
  provider: "local" | "ldap";
  displayName: string;
  email: string | null;
  role: Role;
  active: boolean;
  vip: boolean;
  groups: { id: number; name: string; tier: number }[];
}

export interface UserPage {
  rows: UserRow[];
  nextCursor: string | null;
}

/** The groups of several users in one query (not one per row). */
async function groupsOf(m: EntityManager, userIds: number[]): Promise<Map<number, UserRow["groups"]>> {
  const map = new Map<number, UserRow["groups"]>();
  if (!userIds.length) return map;
  const rows = await m.createQueryBuilder(GroupMember, "gm")
    .select(["gm.user_id AS user_id", "g.id AS id", "g.name AS name", "g.tier AS tier"])
    .innerJoin(SupportGroup, "g", "g.id = gm.group_id")
    .where("gm.user_id IN (:...ids)", { ids: userIds })
    .orderBy("g.tier").addOrderBy("g.name")
    .getRawMany<{ user_id: number | string; id: number | string; name: string; tier: number | string }>();
  for (const r of rows) {
    const list = map.get(Number(r.user_id)) ?? [];
    list.push({ id: Number(r.id), name: r.name, tier: Number(r.tier) });
    map.set(Number(r.user_id), list);
  }
  return map;
}

/** Users by id, keyset-paginated (no OFFSET), filtered by name/username and role. */
export async function listUsers(deps: Deps, actor: Actor, f: UserListFilter, limit = 50): Promise<UserPage> {
  authorizeAdmin(actor);
  const m = deps.db.manager;
  const qb = m.createQueryBuilder(User, "u").select(["u.id", "u.username", "u.provider", "u.displayName", "u.email", "u.role", "u.active", "u.vip"]);
  if (f.q) {
    qb.andWhere("(LOWER(u.username) LIKE :q ESCAPE '\\' OR LOWER(u.display_name) LIKE :q ESCAPE '\\')", { q: `%${escapeLike(f.q.toLowerCase())}%` });
  }
  if (f.role) qb.andWhere("u.role = :role", { role: f.role });
  const after = decodeCursor(f.cursor, 1);
  if (after) qb.andWhere("u.id > :after", { after: after[0] });
  const found = await qb.orderBy("u.id", "ASC").take(limit + 1).getMany();
  const users = found.slice(0, limit);
  const groups = await groupsOf(m, users.map((u) => u.id));
  const rows = users.map((u) => ({
    id: u.id, username: u.username, provider: u.provider, displayName: u.displayName, email: u.email,
    role: u.role, active: u.active, vip: u.vip, groups: groups.get(u.id) ?? [],
  }));
  const last = rows[rows.length - 1];
  return { rows, nextCursor: found.length > limit && last ? encodeCursor([last.id]) : null };
}

/** One user with their group ids, for the edit form. */
export async function getUserForEdit(deps: Deps, actor: Actor, userId: number): Promise<{ user: User; groupIds: number[]; manager: string | null }> {
  authorizeAdmin(actor);
  const user = await deps.db.manager.findOne(User, { where: { id: userId } });
  if (!user) throw notFound("user_not_found");
  const [members, manager] = await Promise.all([
    deps.db.manager.find(GroupMember, { where: { userId } }),
    user.managerId ? deps.db.manager.findOne(User, { select: { id: true, username: true }, where: { id: user.managerId } }) : null,
  ]);
  return { user, groupIds: members.map((gm) => gm.groupId), manager: manager?.username ?? null };
}
