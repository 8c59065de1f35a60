import type { EntityManager } from "typeorm";
import { User } from "../../users/user.entity";

type Owner = Pick<User, "id" | "displayName" | "username">;

/** Who may own a problem: an active supervisor, or an active agent of a tier 2 or 3 group. */
function eligible(m: EntityManager) {
  return m.createQueryBuilder(User, "u")
    .select(["u.id", "u.displayName", "u.username"])
    .where("u.active = :active", { active: true })
    .andWhere("(u.role = 'supervisor' OR (u.role = 'agent' AND u.id IN " +
      "(SELECT gm.user_id FROM group_members gm INNER JOIN support_groups g ON g.id = gm.group_id WHERE g.tier >= 2)))");
}

/** The people an owner select offers, by name. */
export function eligibleOwners(m: EntityManager): Promise<Owner[]> {
  return eligible(m).orderBy("u.display_name", "ASC").addOrderBy("u.id", "ASC").getMany();
}

export async function eligibleOwner(m: EntityManager, id: number): Promise<Owner | null> {
  return eligible(m).andWhere("u.id = :id", { id }).getOne();
}
