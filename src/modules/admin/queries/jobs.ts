import { In } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { notFound } from "../../../platform/http/errors";
import { jobSchedule, lastRun, lastRuns, nextRun, type JobDefinition, type JobRunRow } from "../../../platform/jobs";
import { User } from "../../users/user.entity";

/** How many runs the page of one job lists. */
export const HISTORY_RUNS = 20;

export interface JobSummary {
  name: string;
  /** The expression it runs on (config `jobs.schedules`, else the default). */
  schedule: string;
  defaultSchedule: string;
  /** Null when jobs are disabled (nothing is scheduled) or the expression is invalid. */
  next: Date | null;
  last: JobRunRow | null;
}

export interface JobsOverview {
  enabled: boolean;
  /** The zone the cron expressions are read in. */
  timezone: string;
  jobs: JobSummary[];
  /** Display names of the admins who pressed "Run now" on the runs listed. */
  actors: Record<number, string>;
}

/** The registered job of that name, for an admin; an unknown name is a 404 like any missing page. */
export function findJob(actor: Actor, defs: JobDefinition[], name: string): JobDefinition {
  authorizeAdmin(actor);
  const def = defs.find((d) => d.name === name);
  if (!def) throw notFound();
  return def;
}

async function summary(deps: Deps, def: JobDefinition): Promise<JobSummary> {
  const schedule = jobSchedule(deps.config, def);
  return {
    name: def.name, schedule, defaultSchedule: def.defaultSchedule,
    next: deps.config.jobs.enabled ? nextRun(schedule, deps.config.defaultTimezone) : null,
    last: await lastRun(deps.db, def.name),
  };
}

async function actorNames(deps: Deps, runs: (JobRunRow | null)[]): Promise<Record<number, string>> {
  const ids = [...new Set(runs.map((r) => r?.actorId).filter((id): id is number => typeof id === "number"))];
  if (!ids.length) return {};
  const users = await deps.db.getRepository(User).find({ select: { id: true, displayName: true }, where: { id: In(ids) } });
  return Object.fromEntries(users.map((u) => [u.id, u.displayName]));
}

/** Every registered job with its schedule, next run and last run, in the registry's order. */
export async function listJobs(deps: Deps, actor: Actor, defs: JobDefinition[]): Promise<JobsOverview> {
  authorizeAdmin(actor);
  const jobs = await Promise.all(defs.map((def) => summary(deps, def)));
  return { enabled: deps.config.jobs.enabled, timezone: deps.config.defaultTimezone, jobs, actors: await actorNames(deps, jobs.map((j) => j.last)) };
}

/** One job and its latest runs, newest first. */
export async function jobHistory(deps: Deps, actor: Actor, defs: JobDefinition[], name: string): Promise<JobsOverview & { job: JobSummary; runs: JobRunRow[] }> {
  const def = findJob(actor, defs, name);
  const [job, runs] = await Promise.all([summary(deps, def), lastRuns(deps.db, def.name, HISTORY_RUNS)]);
  return {
    enabled: deps.config.jobs.enabled, timezone: deps.config.defaultTimezone, jobs: [job], job, runs, actors: await actorNames(deps, runs),
  };
}
