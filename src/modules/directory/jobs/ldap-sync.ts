import { SYSTEM_ACTOR } from "../../../access/policies/admin.policy";
import type { JobDefinition } from "../../../platform/jobs";
import { DirectoryUnavailable } from "../../../platform/auth/ldap";
import { applySync } from "../commands/sync";
import { directoryConfig } from "../settings";

export const LDAP_SYNC_JOB = "ldap-sync";

/**
 * The nightly directory sync (also "Synchronise now" and `cli ldap sync --apply`). With
 * no directory configured it does nothing and says so.
 */
export function ldapSyncJob(opts: { force?: boolean } = {}): JobDefinition {
  return {
    name: LDAP_SYNC_JOB,
    defaultSchedule: "30 2 * * *",
    async run({ deps, actorId }) {
      if (!(await directoryConfig(deps.db, deps.config.ldap)).settings) return { counts: {}, report: { skipped: "not_configured" } };
      // the admin who pressed the button is the one the audit rows name
      const actor = actorId ? { ...SYSTEM_ACTOR, id: actorId } : SYSTEM_ACTOR;
      const report = await applySync(deps, actor, opts).catch((err: unknown) => {
        // kept with the run as "[problem] detail": the page says the problem in the reader's language
        throw err instanceof DirectoryUnavailable ? new Error(`[${err.problem}] ${err.message}`) : err;
      });
      return { counts: { seen: report.seen, ...report.counts }, report };
    },
  };
}
