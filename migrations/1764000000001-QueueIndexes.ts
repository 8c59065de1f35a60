import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The tier queues read only open tickets (about a tenth of the table): a partial index
 * in queue order, carrying status and assignee, answers the page and its counts without
 * touching the table. Same SQL on SQLite and PostgreSQL. The WHERE must stay word for
 * word the one in queries/queue.ts for the planners to use it.
 */
export class QueueIndexes1764000000001 implements MigrationInterface {
  name = "QueueIndexes1764000000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE INDEX ix_tickets_open_queue ON tickets (tier, priority, id, status, assignee_id) " +
      "WHERE status IN ('new', 'open', 'pending', 'escalated')",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX ix_tickets_open_queue");
  }
}
