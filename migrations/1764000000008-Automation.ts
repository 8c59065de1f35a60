import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What the watch jobs need on a ticket: since when it is stale and who was told, since
 * when it waits in a queue untaken, how many reminders its requester got; and the indexes
 * their sweeps read (open tickets by last public activity, queued ones, pending ones).
 */
export class Automation1764000000008 implements MigrationInterface {
  name = "Automation1764000000008";

  async up(q: QueryRunner): Promise<void> {
    // plain ALTER TABLE: TypeORM's addColumns rebuilds a SQLite table from the table it read
    // earlier in the run, and the partial indexes made since (raw SQL) would be lost
    for (const c of ["stale_since bigint", "stale_level integer NOT NULL DEFAULT 0", "queued_at bigint", "unassigned_alerted_at bigint",
      "pending_reminders integer NOT NULL DEFAULT 0"]) await q.query(`ALTER TABLE tickets ADD COLUMN ${c}`);
    // a ticket waiting in a queue since its creation counts from then
    await q.query("UPDATE tickets SET queued_at = created_at WHERE status IN ('new', 'escalated') AND assignee_id IS NULL");
    // the stale sweep: open tickets not yet at their last alert, by last public activity
    await q.query("CREATE INDEX ix_tickets_open_activity ON tickets (last_public_activity_at) WHERE status IN ('new', 'open', 'pending', 'escalated') AND stale_level < 2");
    await q.query("CREATE INDEX ix_tickets_queued ON tickets (queued_at) WHERE queued_at IS NOT NULL");
    await q.query("CREATE INDEX ix_tickets_pending_since ON tickets (sla_paused_at) WHERE status = 'pending'");
    await q.query("CREATE INDEX ix_tickets_stale ON tickets (tier, stale_since) WHERE stale_since IS NOT NULL");
    // auto-close reads the resolved tickets by resolution time (not the many closed ones)
    await q.query("CREATE INDEX ix_tickets_resolved_waiting ON tickets (resolved_at) WHERE status = 'resolved'");
  }

  async down(q: QueryRunner): Promise<void> {
    for (const i of ["ix_tickets_resolved_waiting", "ix_tickets_stale", "ix_tickets_pending_since", "ix_tickets_queued", "ix_tickets_open_activity"]) await q.query(`DROP INDEX ${i}`);
    for (const c of ["pending_reminders", "unassigned_alerted_at", "queued_at", "stale_level", "stale_since"]) await q.dropColumn("tickets", c);
  }
}
