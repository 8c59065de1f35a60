import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { conflict, invalid, notFound } from "../../../platform/http/errors";
import { audit } from "../../admin/audit";
import { User } from "../user.entity";
import { setMemberships } from "../memberships";
import { endSessions } from "../sessions";
import type { UpdateUserInput } from "../user.schemas";

/** A manager by username ("" none): an active person other than the user (a directory account first, as elsewhere). */
async function managerId(tx: EntityManager, userId: number, username: string): Promise<number | null> {
  if (!username) return null;
  const found = await tx.findOne(User, { where: { username, active: true }, order: { provider: "ASC" } });
  if (!found) throw invalid({ manager: "validation.unknown_user" });
  if (found.id === userId) throw invalid({ manager: "admin.errors.manager_self" });
  return found.id;
}

/**
 * Profile, role, groups, manager and active flag. Deactivation ends the user's sessions at once.
 * An admin may not deactivate or demote themselves: they would lock themselves out at
 * once and could leave the installation with no admin (another admin or the CLI can).
 */
export async function updateUser(deps: Deps, actor: Actor, userId: number, input: UpdateUserInput): Promise<User> {
  authorizeAdmin(actor);
  if (userId === actor.id && !input.active) throw conflict("self_deactivation", "admin.errors.self_deactivation");
  if (userId === actor.id && input.role !== "admin") throw conflict("self_demotion", "admin.errors.self_demotion");
  return withReferenceChange(deps.db, async (tx) => {
    const user = await tx.findOne(User, { where: { id: userId } });
    if (!user) throw notFound("user_not_found");
    const now = deps.clock.now();
    const before = { role: user.role, active: user.active, vip: user.vip };
    const managerBefore = user.managerId;
    const { groupIds, manager, ...fields } = input;
    Object.assign(user, fields, { updatedAt: now });
    if (manager !== undefined) user.managerId = await managerId(tx, user.id, manager);
    // a directory sync brings back only the accounts it switched off itself
    if (before.active !== user.active) user.deactivatedBy = user.active ? null : "admin";
    await tx.save(user);
    await setMemberships(tx, user.id, groupIds);
    if (before.active && !user.active) await endSessions(tx, user.id);
    await audit(tx, actor, "user.update", "user", user.id, {
      before, after: { role: user.role, active: user.active, vip: user.vip }, groupIds,
      ...(managerBefore !== user.managerId ? { managerId: { from: managerBefore, to: user.managerId } } : {}),
    }, now);
    return user;
  });
}
