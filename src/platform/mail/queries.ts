import { LessThan, type DataSource, type EntityManager, type FindOptionsWhere } from "typeorm";
import { MAIL_STATUSES, MailOutboxRow, type MailStatus } from "./outbox.entity";

/** An outbox row as listed: everything but the bodies. */
export type OutboxItem = Omit<MailOutboxRow, "html" | "text">;

/** How many messages are in each status (every status present, 0 when none). */
export async function outboxCounts(db: DataSource): Promise<Record<MailStatus, number>> {
  const rows = await db.createQueryBuilder(MailOutboxRow, "m").select("m.status", "status").addSelect("COUNT(*)", "n")
    .groupBy("m.status").getRawMany<{ status: MailStatus; n: number | string }>();
  const counts = Object.fromEntries(MAIL_STATUSES.map((s) => [s, 0])) as Record<MailStatus, number>;
  for (const r of rows) if (r.status in counts) counts[r.status] = Number(r.n);
  return counts;
}

/**
 * Newest first, keyset-paginated on the id (ids grow with time and never tie), optionally
 * one status only. `before` is the last id of the previous page.
 */
export async function listOutbox(db: DataSource, opts: { status?: MailStatus; before?: number; limit: number }): Promise<{ rows: OutboxItem[]; more: boolean }> {
  const where: FindOptionsWhere<MailOutboxRow> = {};
  if (opts.status) where.status = opts.status;
  if (opts.before) where.id = LessThan(opts.before);
  const rows = await db.getRepository(MailOutboxRow).find({
    select: {
      id: true, toAddress: true, toName: true, locale: true, template: true, subject: true, relatedType: true, relatedId: true,
      status: true, attempts: true, nextAttemptAt: true, lastError: true, createdAt: true, sentAt: true, messageId: true, claimedBy: true,
    },
    where, order: { id: "DESC" }, take: opts.limit + 1,
  });
  return { rows: rows.slice(0, opts.limit), more: rows.length > opts.limit };
}

export function outboxMessage(db: DataSource | EntityManager, id: number): Promise<MailOutboxRow | null> {
  return db.getRepository(MailOutboxRow).findOneBy({ id });
}

/**
 * A failed message goes back to pending, due now, its tries kept: one more try, then
 * failed again if it fails. Returns how many rows changed (0: it was not failed).
 */
export async function retryFailed(tx: EntityManager, now: Date, id?: number): Promise<number> {
  const qb = tx.createQueryBuilder().update(MailOutboxRow).set({ status: "pending", nextAttemptAt: now }).where("status = :failed", { failed: "failed" });
  if (id !== undefined) qb.andWhere("id = :id", { id });
  return (await qb.execute()).affected ?? 0;
}

/** A message that will not be tried again (a test message that failed). */
export async function giveUp(tx: EntityManager, id: number): Promise<void> {
  await tx.createQueryBuilder().update(MailOutboxRow).set({ status: "failed" }).where("id = :id AND status = :pending", { id, pending: "pending" }).execute();
}
