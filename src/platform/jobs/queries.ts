import type { DataSource } from "typeorm";
import { JobRunRow } from "./job-run.entity";

/** The most recent runs of a job, newest first (served by ix_job_runs_name_started). */
export function lastRuns(db: DataSource, name: string, limit: number): Promise<JobRunRow[]> {
  return db.getRepository(JobRunRow).find({ where: { name }, order: { startedAt: "DESC", id: "DESC" }, take: limit });
}

/** The most recent run of a job (possibly still running), or null if it never ran. */
export async function lastRun(db: DataSource, name: string): Promise<JobRunRow | null> {
  return (await lastRuns(db, name, 1))[0] ?? null;
}
