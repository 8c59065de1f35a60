import { Column, Entity, PrimaryColumn } from "typeorm";
import { bigintNumber } from "../db/columns";

/** The lease that lets one process at a time run a job (see lock.ts). */
@Entity({ name: "job_locks" })
export class JobLockRow {
  @PrimaryColumn({ type: "varchar", length: 100 })
  name!: string;

  /** hostname:pid:random of the run holding (or last holding) the lease. */
  @Column({ type: "varchar", length: 200 })
  owner!: string;

  /** Epoch ms; the lease is free once this is in the past (0 = released). */
  @Column({ name: "locked_until", type: "bigint", transformer: bigintNumber })
  lockedUntil!: number;
}
