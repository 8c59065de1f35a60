import type { Deps } from "../deps";
import type { Logger } from "../logger";

/** What started a run: a cron tick, an admin's button, or `cli job run`. */
export type JobTrigger = "schedule" | "manual" | "cli";

export type JobOutcome = "running" | "success" | "failure";

/** Handed to a job's run(). Time comes from deps.clock, never from `new Date()`. */
export interface JobContext {
  deps: Deps;
  trigger: JobTrigger;
  /** The user who asked for a manual run; null for the scheduler and the CLI. */
  actorId: number | null;
  /** The job_runs row of this run. */
  runId: number;
  /** deps.logger bound to { job, runId }. */
  logger: Logger;
}

export interface JobResult {
  /** What the run did, e.g. { created: 3, updated: 12, deactivated: 1 }. */
  counts: Record<string, number>;
  /** Details kept with the run (JSON); over 256 KB only a truncation marker is kept. */
  report?: unknown;
}

/**
 * One job of the registry (src/jobs.ts). A job is idempotent and works in batches: a run
 * cut short (crash, deploy) is simply run again.
 */
export interface JobDefinition {
  /** Unique; the lock key, the key in config `jobs.schedules` and the `cli job run` argument. */
  name: string;
  /** Cron expression (node-cron syntax, read in config `defaultTimezone`); config may replace it. */
  defaultSchedule: string;
  run(ctx: JobContext): Promise<JobResult>;
}
