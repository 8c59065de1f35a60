import crypto from "node:crypto";
import type { Deps } from "../../platform/deps";
import { withTransaction } from "../../platform/db/transaction";
import { withReferenceChange } from "../../platform/db/reference-cache";
import { hashPassword } from "../../platform/auth/password";
import { SupportGroup } from "../users/group.entity";
import { User } from "../users/user.entity";
import { Category } from "../tickets/category.entity";
import { audit } from "./audit";
import { ensureSlaDefaults } from "../sla/defaults";
import { recomputeOpenTickets } from "../sla/commands/recompute";
import { SYSTEM_ACTOR } from "../../access/policies/admin.policy";
import { ensureAssetTypes } from "../assets";

export const DEFAULT_GROUPS = [
  { name: "N1 Service Desk", tier: 1 as const },
  { name: "N2 Support", tier: 2 as const },
  { name: "N3 Engineering", tier: 3 as const },
];
export const DEFAULT_CATEGORIES = ["Hardware", "Software", "Network", "Accounts & access", "Email", "Printing", "Other"];

/** The default groups and categories, each only if absent (re-running changes nothing). */
export async function ensureDefaults(deps: Deps): Promise<{ groups: number; categories: number }> {
  return withReferenceChange(deps.db, async (tx) => {
    let groups = 0;
    let categories = 0;
    for (const g of DEFAULT_GROUPS) {
      if (!(await tx.findOne(SupportGroup, { where: { name: g.name } }))) {
        await tx.insert(SupportGroup, { ...g, email: null });
        groups++;
      }
    }
    const n1 = await tx.findOne(SupportGroup, { where: { name: DEFAULT_GROUPS[0].name } });
    for (const name of DEFAULT_CATEGORIES) {
      if (!(await tx.findOne(Category, { where: { name } }))) {
        await tx.insert(Category, { name, defaultGroupId: n1?.id ?? null, active: true });
        categories++;
      }
    }
    const sla = await ensureSlaDefaults(tx, deps.config.defaultTimezone);
    // the built-in asset types (laptop, monitor ...), each only if absent
    await ensureAssetTypes(tx);
    return { groups, categories, sla };
  }).then(async ({ groups, categories, sla }) => {
    // the first time the policies exist, the open tickets get their due dates
    if (sla) await recomputeOpenTickets(deps, [1, 2, 3, 4]);
    return { groups, categories };
  });
}

/**
 * The first admin, only when there is no admin yet. Without a password given, a random
 * one is generated and returned so the installer prints it once.
 */
export async function ensureFirstAdmin(
  deps: Deps, opts: { username?: string; password?: string; email?: string },
): Promise<{ created: false } | { created: true; username: string; password: string; generated: boolean }> {
  const existing = await deps.db.getRepository(User).count({ where: { role: "admin" } });
  if (existing > 0) return { created: false };
  const username = (opts.username || "admin").toLowerCase();
  const generated = !opts.password;
  const password = opts.password || crypto.randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  await withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const user = await tx.save(tx.create(User, {
      username, provider: "local", displayName: "Administrator", email: opts.email || null, phone: null, department: null,
      location: null, locale: null, timezone: null, vip: false, role: "admin", active: true, passwordHash, createdAt: now, updatedAt: now,
    }));
    await audit(tx, SYSTEM_ACTOR, "user.create", "user", user.id, { username, role: "admin", firstAdmin: true }, now);
  });
  return { created: true, username, password, generated };
}
