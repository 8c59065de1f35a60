import { createTask, type Logger as CronLogger, type ScheduledTask } from "node-cron";
import type { Deps } from "../deps";
import type { Logger } from "../logger";
import { AppError } from "../http/errors";
import type { JobDefinition } from "./job";
import { JOB_RUNNING, runJob } from "./run-job";
import { checkDefinitions, jobSchedule } from "./schedule";

interface Timer {
  name: string;
  schedule: string;
  task: ScheduledTask;
}

/**
 * Runs the registered jobs on their cron schedules (read in config `defaultTimezone`).
 * Every app process may start one: the job lock lets one process run a given tick, and
 * the others skip it. main.ts starts it in one process per server anyway.
 */
export class Scheduler {
  private timers: Timer[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: Deps, private readonly definitions: JobDefinition[]) {
    checkDefinitions(definitions);
  }

  /** The jobs that have a timer, with the schedule each runs on (none before start(), or when jobs are disabled). */
  scheduled(): { name: string; schedule: string }[] {
    return this.timers.map(({ name, schedule }) => ({ name, schedule }));
  }

  start(): void {
    const { config, logger } = this.deps;
    if (this.timers.length) return;
    if (!config.jobs.enabled) {
      logger.info("scheduled jobs are disabled (jobs.enabled is false)");
      return;
    }
    for (const name of Object.keys(config.jobs.schedules)) {
      if (!this.definitions.some((d) => d.name === name)) logger.warn({ job: name }, "jobs.schedules names a job that does not exist; ignored");
    }
    for (const def of this.definitions) {
      const schedule = jobSchedule(config, def);
      // noOverlap: a tick that comes while this process still runs the job is skipped
      const task = createTask(schedule, () => this.tick(def), {
        name: `job:${def.name}`, timezone: config.defaultTimezone, noOverlap: true, logger: cronLogger(logger),
      });
      void task.start();
      this.timers.push({ name: def.name, schedule, task });
    }
    if (this.timers.length) logger.info({ jobs: this.scheduled() }, "job scheduler started");
  }

  /** No more ticks; resolves once the runs this process started have ended. */
  async stop(): Promise<void> {
    const timers = this.timers;
    this.timers = [];
    for (const t of timers) await t.task.destroy();
    await Promise.allSettled([...this.inFlight]);
  }

  private tick(def: JobDefinition): Promise<void> {
    const run = this.runScheduled(def).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    return run;
  }

  /** Never throws: a failed run is recorded and logged by runJob; a tick another process took is normal. */
  private async runScheduled(def: JobDefinition): Promise<void> {
    try {
      await runJob(this.deps, def, { trigger: "schedule", actorId: null });
    } catch (err) {
      if (err instanceof AppError && err.code === JOB_RUNNING) {
        this.deps.logger.debug({ job: def.name }, "job is running in another process; tick skipped");
      } else {
        this.deps.logger.error({ err, job: def.name }, "scheduled job could not be run");
      }
    }
  }
}

/** node-cron's own notices (missed ticks ...) into our log. */
function cronLogger(logger: Logger): CronLogger {
  const log = logger.child({ component: "node-cron" });
  const withError = (level: "error" | "debug") => (msg: string | Error, err?: Error) =>
    msg instanceof Error ? log[level]({ err: msg }, msg.message) : log[level]({ err }, msg);
  return { info: (msg) => log.info(msg), warn: (msg) => log.warn(msg), error: withError("error"), debug: withError("debug") };
}
