import type { Actor } from "../../../access/actor";
import { SYSTEM_ACTOR } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import type { DirectoryIdentity } from "../../../platform/auth/ldap";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { loadActor } from "../../users/queries/load-actor";
import { isUniqueViolation } from "../../admin/commands/unique";
import { managedGroupIds, resolveAccess, type UnmappedRole } from "../access";
import { planPerson, type PlanReason } from "../plan";
import { loadRules } from "../queries/mappings";
import { loadAccounts } from "../queries/accounts";
import { applyPlan } from "./apply-plan";

export type DirectorySignInResult = { kind: "ok"; actor: Actor } | { kind: "refused"; reason: PlanReason };

/**
 * A person who proved their password to the directory: create their account the first
 * time, refresh attributes, role and memberships every time, with the same plan a sync
 * makes. Out of every mapped group: refused (and switched off if they had an account).
 */
export async function signInFromDirectory(deps: Deps, identity: DirectoryIdentity, unmapped: UnmappedRole): Promise<DirectorySignInResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      const outcome = await withReferenceChange(deps.db, async (tx) => {
        const rules = await loadRules(tx);
        const current = (await loadAccounts(tx, [identity.person.username])).get(identity.person.username) ?? null;
        const plan = planPerson(identity.person, resolveAccess(identity.groups, rules, unmapped), current, managedGroupIds(rules));
        const id = await applyPlan(tx, plan, SYSTEM_ACTOR, deps.clock.now());
        if (plan.action === "refuse" || plan.action === "deactivate") return { refused: plan.reason ?? ("unmapped" as PlanReason) };
        return { id: id ?? plan.userId!, refused: null };
      });
      if (outcome.refused) return { kind: "refused", reason: outcome.refused };
      const actor = await loadActor(deps.db.manager, outcome.id!);
      return actor ? { kind: "ok", actor } : { kind: "refused", reason: "admin_deactivated" };
    } catch (err) {
      // the same person's first sign-in twice at once: the second finds the account the first created
      if (attempt === 0 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}
