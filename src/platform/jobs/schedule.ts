import { createTask, validate } from "node-cron";
import type { Config } from "../config";
import type { JobDefinition } from "./job";

/** The cron expression a job runs on: config `jobs.schedules[name]`, else the job's default. */
export function jobSchedule(config: Pick<Config, "jobs">, def: JobDefinition): string {
  return config.jobs.schedules[def.name] ?? def.defaultSchedule;
}

/**
 * When a schedule fires next after the current wall-clock time, in `timezone` (null for
 * an invalid expression). node-cron computes next dates from the wall clock only, and its
 * timers fire on the wall clock too, so that is the right reference here, not deps.clock.
 */
export function nextRun(schedule: string, timezone: string): Date | null {
  if (!validate(schedule)) return null;
  // a task that is never started sets no timer; destroying it takes it out of node-cron's registry
  const task = createTask(schedule, () => undefined, { timezone });
  try {
    return task.getNextRuns(1)[0] ?? null;
  } finally {
    void task.destroy();
  }
}

/** Refuses a registry with a blank or repeated name or an invalid default schedule (a programming error). */
export function checkDefinitions(defs: JobDefinition[]): void {
  const seen = new Set<string>();
  for (const def of defs) {
    if (!def.name.trim() || def.name.length > 100) throw new Error(`Job name "${def.name}" must be 1 to 100 characters.`);
    if (seen.has(def.name)) throw new Error(`Two jobs are named "${def.name}".`);
    if (!validate(def.defaultSchedule)) throw new Error(`Job "${def.name}" has an invalid default schedule "${def.defaultSchedule}".`);
    seen.add(def.name);
  }
}
