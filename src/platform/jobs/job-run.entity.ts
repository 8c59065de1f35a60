import { Column, Entity, PrimaryGeneratedColumn, type ValueTransformer } from "typeorm";
import { InstantColumn } from "../db/columns";
import type { JobOutcome, JobTrigger } from "./job";

/** A TEXT column holding JSON (the writer caps its size, see run-job.ts). */
const json: ValueTransformer = {
  to: (v: unknown) => (v === undefined ? undefined : v === null ? null : JSON.stringify(v)),
  from: (v: string | null) => (v == null ? null : JSON.parse(v)),
};

/** One run of a job: who or what started it, when, how it ended and what it did. */
@Entity({ name: "job_runs" })
export class JobRunRow {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ type: "varchar", length: 100 })
  name!: string;

  @Column({ type: "varchar", length: 10 })
  trigger!: JobTrigger;

  @Column({ name: "actor_id", type: "integer", nullable: true })
  actorId!: number | null;

  @InstantColumn("started_at")
  startedAt!: Date;

  @InstantColumn("finished_at", { nullable: true })
  finishedAt!: Date | null;

  @Column({ type: "varchar", length: 10 })
  outcome!: JobOutcome;

  @Column({ type: "text", transformer: json })
  counts!: Record<string, number>;

  @Column({ type: "text", nullable: true, transformer: json })
  report!: unknown;

  /** The error's message only (shown to admins): the stack goes to the log. */
  @Column({ type: "text", nullable: true })
  error!: string | null;
}
