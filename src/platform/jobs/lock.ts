import crypto from "node:crypto";
import os from "node:os";
import type { DataSource } from "typeorm";
import { withTransaction } from "../db/transaction";
import { JobLockRow } from "./job-lock.entity";

/**
 * How long a lease lasts unless renewed: the lock of a process that died frees itself
 * after this. Long enough that a slow database or a GC pause does not lose a live lock.
 */
export const LOCK_LEASE_MS = 10 * 60_000;
/** A running job renews its lease this often, so several renewals can fail before it lapses. */
export const LOCK_HEARTBEAT_MS = LOCK_LEASE_MS / 5;

/** Who holds a lease: unique per run, readable in the table (host and process). */
export function lockOwner(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(6).toString("hex")}`;
}

/*
 * Every write goes through withTransaction: on SQLite all statements share one connection,
 * and a lone statement would otherwise land inside whichever command's transaction is open.
 */

/**
 * Takes the lease on `name` for `owner` until now + leaseMs if it is free (never taken,
 * released, or expired), and says whether it did. The UPDATE's WHERE decides atomically:
 * of two racing processes, PostgreSQL re-checks the row the loser waited on, and SQLite
 * runs one writer at a time, so exactly one sees an affected row.
 */
export function acquireLock(db: DataSource, name: string, owner: string, now: Date, leaseMs = LOCK_LEASE_MS): Promise<boolean> {
  const t = now.getTime();
  return withTransaction(db, async (tx) => {
    // the first run of a job creates its row (ON CONFLICT DO NOTHING / INSERT OR IGNORE)
    await tx.createQueryBuilder().insert().into(JobLockRow).values({ name, owner: "", lockedUntil: 0 }).orIgnore().execute();
    const res = await tx.createQueryBuilder().update(JobLockRow)
      .set({ owner, lockedUntil: t + leaseMs })
      .where("name = :name AND locked_until < :now", { name, now: t })
      .execute();
    return res.affected === 1;
  });
}

/**
 * Extends a lease its owner still holds; false if another process took it over (the lease
 * ran out first) or it was released.
 */
export function renewLock(db: DataSource, name: string, owner: string, now: Date, leaseMs = LOCK_LEASE_MS): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const res = await tx.createQueryBuilder().update(JobLockRow)
      .set({ lockedUntil: now.getTime() + leaseMs })
      .where("name = :name AND owner = :owner AND locked_until > 0", { name, owner })
      .execute();
    return res.affected === 1;
  });
}

/** Frees the lease, only if `owner` still holds it (a run that lost its lease frees nothing). */
export function releaseLock(db: DataSource, name: string, owner: string): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const res = await tx.createQueryBuilder().update(JobLockRow)
      .set({ lockedUntil: 0 })
      .where("name = :name AND owner = :owner", { name, owner })
      .execute();
    return res.affected === 1;
  });
}
