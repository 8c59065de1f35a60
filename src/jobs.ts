import type { JobDefinition } from "./platform/jobs";
import { ldapSyncJob } from "./modules/directory/jobs/ldap-sync";
import { sessionPruneJob } from "./platform/jobs/session-prune";
import { mailOutboxJob } from "./platform/mail";
import { slaWatchJob } from "./modules/sla/jobs/sla-watch";
import { watchJobs } from "./modules/sla/jobs/watch";
import { problemSuggestJob } from "./modules/problems/suggest/refresh";
import { assetWarrantyJob } from "./modules/assets/jobs/warranty-watch";
import { kpiFactsJob } from "./modules/reporting/jobs/kpi-facts";

/**
 * Every job of the app, listed by hand (one registry: the scheduler, `cli job list|run`
 * and the admin page all read this list). Names are unique and never change: they key the
 * lock, the run history and config `jobs.schedules`.
 */
export function jobDefinitions(): JobDefinition[] {
  return [ldapSyncJob(), sessionPruneJob(), mailOutboxJob(), slaWatchJob(), ...watchJobs(), problemSuggestJob(), assetWarrantyJob(), kpiFactsJob()];
}
