import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The queue counts group the open tickets by tier, status and assignee: a partial index
 * in that order answers them from the index alone, in group order (no temp B-tree).
 * The full (status, resolved_at) index gives way to a partial one on resolved tickets:
 * SQLite's planner preferred it for the open counts ("status IN") and scanned the table.
 */
export class QueueCountIndex1764000000002 implements MigrationInterface {
  name = "QueueCountIndex1764000000002";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE INDEX ix_tickets_open_counts ON tickets (tier, status, assignee_id) " +
      "WHERE status IN ('new', 'open', 'pending', 'escalated')",
    );
    await q.query("DROP INDEX ix_tickets_resolved");
    await q.query("CREATE INDEX ix_tickets_resolved_tier ON tickets (resolved_at, tier) WHERE status IN ('resolved', 'closed')");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX ix_tickets_resolved_tier");
    await q.query("DROP INDEX ix_tickets_open_counts");
    await q.query("CREATE INDEX ix_tickets_resolved ON tickets (status, resolved_at)");
  }
}
