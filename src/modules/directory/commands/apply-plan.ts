import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { audit } from "../../admin/audit";
import { User } from "../../users/user.entity";
import { setMemberships } from "../../users/memberships";
import { endSessions } from "../../users/sessions";
import type { PersonPlan } from "../plan";

/**
 * Write one person's plan, in the caller's transaction, with its audit row. A
 * deactivation deletes the person's sessions; their API tokens stop with the account.
 * Returns the account's id (null when nothing was written).
 */
export async function applyPlan(tx: EntityManager, plan: PersonPlan, actor: Actor, now: Date): Promise<number | null> {
  const details = {
    username: plan.username, fields: plan.fields.map((f) => f.field), role: plan.role,
    groupsAdded: plan.groupsAdded, groupsRemoved: plan.groupsRemoved, reactivated: plan.reactivate, reason: plan.reason,
  };
  switch (plan.action) {
    case "create": {
      const p = plan.profile!;
      const user = await tx.save(tx.create(User, {
        username: plan.username, provider: "ldap", displayName: p.displayName ?? plan.username, email: p.email, phone: p.phone,
        department: p.department, location: p.location, locale: p.locale as User["locale"], timezone: null, vip: false,
        role: plan.nextRole!, active: true, passwordHash: null, directoryDn: p.directoryDn, deactivatedBy: null,
        directorySyncedAt: now, createdAt: now, updatedAt: now,
      }));
      await setMemberships(tx, user.id, plan.nextGroupIds);
      await audit(tx, actor, "user.directory_create", "user", user.id, details, now);
      return user.id;
    }
    case "update": {
      const p = plan.profile!;
      await tx.update(User, { id: plan.userId! }, {
        displayName: p.displayName ?? plan.username, email: p.email, phone: p.phone, department: p.department, location: p.location,
        locale: p.locale as User["locale"], directoryDn: p.directoryDn, role: plan.nextRole!, active: true, deactivatedBy: null,
        directorySyncedAt: now, updatedAt: now,
      });
      await setMemberships(tx, plan.userId!, plan.nextGroupIds);
      await audit(tx, actor, "user.directory_update", "user", plan.userId, details, now);
      return plan.userId;
    }
    case "deactivate":
      await tx.update(User, { id: plan.userId! }, { active: false, deactivatedBy: "directory", directorySyncedAt: now, updatedAt: now });
      await endSessions(tx, plan.userId!);
      await audit(tx, actor, "user.directory_deactivate", "user", plan.userId, details, now);
      return plan.userId;
    default:
      return null;
  }
}
