import type { QueryDeepPartialEntity } from "typeorm";
import type { Deps } from "../deps";
import type { Logger } from "../logger";
import { withTransaction } from "../db/transaction";
import { conflict } from "../http/errors";
import type { JobDefinition, JobOutcome, JobResult, JobTrigger } from "./job";
import { JobRunRow } from "./job-run.entity";
import { acquireLock, LOCK_HEARTBEAT_MS, lockOwner, releaseLock, renewLock } from "./lock";

/** The stable code of the 409 a run gets while another run of the same job holds the lock. */
export const JOB_RUNNING = "job.running";
/** A report whose JSON is larger than this is replaced by a marker (the row is read on every page). */
export const REPORT_MAX_BYTES = 256 * 1024;
const ERROR_MAX_CHARS = 2000;
const INTERRUPTED = "Interrupted: the process running it stopped before the run finished.";

export interface RunJobOptions {
  trigger: JobTrigger;
  /** The admin who asked for the run (trigger "manual"); null otherwise. */
  actorId?: number | null;
}

interface Ending {
  outcome: Exclude<JobOutcome, "running">;
  counts: Record<string, number>;
  report: unknown;
  error: string | null;
}

/**
 * Runs a job now, in this process, holding its lock: the run is recorded as "running",
 * then as "success" with its counts and report, or as "failure" with the error's message
 * (the whole error goes to the log). A failing job does not make this throw: the failed
 * run is returned, and the lock is freed either way.
 * @throws AppError 409 `job.running` when another run of the job holds the lock.
 */
export async function runJob(deps: Deps, def: JobDefinition, opts: RunJobOptions): Promise<JobRunRow> {
  const owner = lockOwner();
  if (!(await acquireLock(deps.db, def.name, owner, deps.clock.now()))) {
    throw conflict(JOB_RUNNING, "jobs.running", { name: def.name });
  }
  let runId: number;
  try {
    runId = await recordStart(deps, def.name, opts);
  } catch (err) {
    await releaseLock(deps.db, def.name, owner).catch(() => undefined);
    throw err;
  }
  const logger = deps.logger.child({ job: def.name, runId });
  const heartbeat = keepLease(deps, def.name, owner, logger);
  try {
    const ending = await execute(deps, def, { trigger: opts.trigger, actorId: opts.actorId ?? null, runId, logger });
    return await recordEnd(deps, runId, ending);
  } finally {
    await heartbeat.stop();
    await releaseLock(deps.db, def.name, owner).catch((err) => logger.warn({ err }, "could not release the job lock; it expires by itself"));
  }
}

async function execute(deps: Deps, def: JobDefinition, ctx: { trigger: JobTrigger; actorId: number | null; runId: number; logger: Logger }): Promise<Ending> {
  const started = Date.now();
  try {
    const result = await def.run({ deps, ...ctx });
    const ending: Ending = { outcome: "success", counts: countsOf(result), report: capReport(result?.report), error: null };
    ctx.logger.info({ counts: ending.counts, ms: Date.now() - started }, `job ${def.name} finished`);
    return ending;
  } catch (err) {
    ctx.logger.error({ err, ms: Date.now() - started }, `job ${def.name} failed`);
    return { outcome: "failure", counts: {}, report: null, error: messageOf(err) };
  }
}

/** Holding the lock, a run of this job still marked "running" is one whose process died: say so. */
function recordStart(deps: Deps, name: string, opts: RunJobOptions): Promise<number> {
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    await tx.createQueryBuilder().update(JobRunRow)
      .set({ outcome: "failure", error: INTERRUPTED })
      .where("name = :name AND outcome = :running", { name, running: "running" })
      .execute();
    const row = tx.getRepository(JobRunRow).create({
      name, trigger: opts.trigger, actorId: opts.actorId ?? null, startedAt: now, finishedAt: null,
      outcome: "running", counts: {}, report: null, error: null,
    });
    return (await tx.getRepository(JobRunRow).save(row)).id;
  });
}

/** How long the runs of a job are kept (a job every minute writes 1,440 a day). */
export const RUN_RETENTION_MS = 30 * 24 * 3600_000;

async function recordEnd(deps: Deps, runId: number, ending: Ending): Promise<JobRunRow> {
  const finishedAt = deps.clock.now();
  await withTransaction(deps.db, async (tx) => {
    const runs = tx.getRepository(JobRunRow);
    await runs.update({ id: runId }, { finishedAt, ...ending } as QueryDeepPartialEntity<JobRunRow>);
    const run = await runs.findOneByOrFail({ id: runId });
    // the job's older runs go as it records a new one (through the (name, started_at) index)
    await runs.createQueryBuilder().delete().where("name = :name AND started_at < :before", { name: run.name, before: finishedAt.getTime() - RUN_RETENTION_MS }).execute();
  });
  return deps.db.getRepository(JobRunRow).findOneByOrFail({ id: runId });
}

/** Renews the lease while the job runs; stop() waits for a renewal in flight, so none lands after the release. */
function keepLease(deps: Deps, name: string, owner: string, logger: Logger): { stop(): Promise<void> } {
  let pending: Promise<void> = Promise.resolve();
  let lost = false;
  const timer = setInterval(() => {
    pending = renewLock(deps.db, name, owner, deps.clock.now()).then((held) => {
      if (!held && !lost) logger.warn("job lock lost (its lease ran out and another process may have taken it)");
      lost ||= !held;
    }, (err) => logger.warn({ err }, "could not renew the job lock"));
  }, LOCK_HEARTBEAT_MS);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return pending;
    },
  };
}

function countsOf(result: JobResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(result?.counts ?? {})) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`The job returned a count "${k}" that is not a number.`);
    counts[k] = v;
  }
  return counts;
}

/**
 * The report as stored: as is, or a marker when its JSON is over REPORT_MAX_BYTES.
 * A report that is not JSON (a cycle, a BigInt) throws, and the run is a failure.
 */
export function capReport(report: unknown): unknown {
  if (report == null) return null;
  const json = JSON.stringify(report) as string | undefined;
  if (json === undefined) return null;
  const bytes = Buffer.byteLength(json, "utf8");
  return bytes > REPORT_MAX_BYTES ? { truncated: true, bytes, maxBytes: REPORT_MAX_BYTES } : report;
}

/** The message alone: it is shown to admins, and a stack or SQL belongs in the log only. */
function messageOf(err: unknown): string {
  const msg = (err instanceof Error ? err.message || err.name : String(err)).trim() || "Unknown error";
  return msg.length > ERROR_MAX_CHARS ? `${msg.slice(0, ERROR_MAX_CHARS - 1)}…` : msg;
}
