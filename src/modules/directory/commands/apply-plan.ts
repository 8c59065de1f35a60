import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { audit } from "../../admin/audit";
import { User } from "../../users/user.entity";
import { setMemberships } from "../../users/memberships";
import { endSessions } from "../../users/sessions";
import type { PersonPlan } from "../plan";
import { conflict } from "../../../platform/http/errors";

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
      // conditional: an admin who deactivated the account meanwhile wins over this plan
      const { affected } = await tx.createQueryBuilder().update(User)
        .set({
          displayName: p.displayName ?? plan.username, email: p.email, phone: p.phone, department: p.department, location: p.location,
          locale: p.locale as User["locale"], directoryDn: p.directoryDn, role: plan.nextRole!, directorySyncedAt: now, updatedAt: now,
          ...(plan.reactivate ? { active: true, deactivatedBy: null } : {}),
        })
        .where("id = :id", { id: plan.userId })
        .andWhere(plan.reactivate ? "deactivated_by = 'directory'" : "active = true")
        .execute();
      if (!affected) throw conflict("directory_account_changed", "directory.errors.account_changed", { username: plan.username });
      await setMemberships(tx, plan.userId!, plan.nextGroupIds);
      await audit(tx, actor, "user.directory_update", "user", plan.userId, details, now);
      return plan.userId;
    }
    case "deactivate": {
      const { affected } = await tx.createQueryBuilder().update(User)
        .set({ active: false, deactivatedBy: "directory", directorySyncedAt: now, updatedAt: now })
        .where("id = :id", { id: plan.userId }).andWhere("active = true")
        .execute();
      if (!affected) return null;
      await endSessions(tx, plan.userId!);
      await audit(tx, actor, "user.directory_deactivate", "user", plan.userId, details, now);
      return plan.userId;
    }
    default:
      return null;
  }
}
