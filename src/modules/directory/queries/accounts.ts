import { In, type EntityManager } from "typeorm";
import { GroupMember } from "../../users/group.entity";
import { User } from "../../users/user.entity";
import type { DirectoryAccount } from "../plan";

function accountOf(u: User, groupIds: number[]): DirectoryAccount {
  return {
    id: u.id, username: u.username, displayName: u.displayName, email: u.email, phone: u.phone, department: u.department,
    location: u.location, locale: u.locale, role: u.role, active: u.active, deactivatedBy: u.deactivatedBy,
    directoryDn: u.directoryDn, groupIds: groupIds.sort((a, b) => a - b),
  };
}

/** Directory accounts by username (all of them, or the ones named), with their memberships. */
export async function loadAccounts(m: EntityManager, usernames?: string[]): Promise<Map<string, DirectoryAccount>> {
  const users = await m.find(User, { where: usernames ? { provider: "ldap", username: In(usernames) } : { provider: "ldap" } });
  const members = users.length
    ? await m.createQueryBuilder(GroupMember, "gm").innerJoin(User, "u", "u.id = gm.user_id")
      .where("u.provider = 'ldap'").andWhere(usernames ? "u.username IN (:...names)" : "1 = 1", { names: usernames }).getMany()
    : [];
  const byUser = new Map<number, number[]>();
  for (const gm of members) byUser.set(gm.userId, [...(byUser.get(gm.userId) ?? []), gm.groupId]);
  return new Map(users.map((u) => [u.username, accountOf(u, byUser.get(u.id) ?? [])]));
}
