import type { DataSource, EntityManager } from "typeorm";
import { cachedReference } from "../../../platform/db/reference-cache";
import type { Actor } from "../../../access/actor";
import { isTier, type Tier } from "../../../access/roles";
import { GroupMember, SupportGroup } from "../group.entity";
import { User } from "../user.entity";

export function actorFrom(user: User, groups: SupportGroup[]): Actor {
  const tiers = [...new Set(groups.map((g) => g.tier).filter(isTier))].sort() as Tier[];
  return {
    id: user.id, username: user.username, displayName: user.displayName, email: user.email, role: user.role,
    provider: user.provider, locale: user.locale, timezone: user.timezone,
    groups: groups.map((g) => ({ id: g.id, name: g.name, tier: g.tier })),
    // only staff work at tiers; a requester in a group by mistake gains nothing
    tiers: user.role === "agent" || user.role === "supervisor" ? tiers : [],
  };
}

/** The active user with their groups, or null (unknown or deactivated: no access). */
export async function loadActor(m: EntityManager, userId: number): Promise<Actor | null> {
  const user = await m.findOne(User, { where: { id: userId, active: true } });
  if (!user) return null;
  const groups = await m.createQueryBuilder(SupportGroup, "g")
    .innerJoin(GroupMember, "gm", "gm.group_id = g.id")
    .where("gm.user_id = :id", { id: userId })
    .orderBy("g.tier").addOrderBy("g.name")
    .getMany();
  return actorFrom(user, groups);
}

/**
 * For each request's sign-in check: the actor from the reference cache. Every change to
 * a user or their groups goes through withReferenceChange, which clears it; a
 * deactivation also deletes the sessions, so it takes effect at once.
 */
export function cachedActor(db: DataSource, userId: number): Promise<Actor | null> {
  return cachedReference(db, `actor:${userId}`, () => loadActor(db.manager, userId));
}
