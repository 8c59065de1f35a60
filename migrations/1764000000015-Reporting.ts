import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from "typeorm";

const fk = (column: string, table: string, onDelete: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"], onDelete });
const int = (name: string, nullable = true) => ({ name, type: "integer", isNullable: nullable });
const vc = (name: string, length: number, nullable = true) => ({ name, type: "varchar", length: String(length), isNullable: nullable });
const bool = (name: string, nullable = false) => ({ name, type: "boolean", isNullable: nullable });
const instant = (name: string, nullable = false) => ({ name, type: "bigint", isNullable: nullable });

/**
 * Reporting: one row of facts per resolved ticket and the satisfaction surveys.
 *
 * The times and quality figures of the dashboard need business-time durations (the SLA
 * calendars, the pauses while pending) and what the history says (first assignee,
 * escalations, time per tier): neither database can compute those in SQL over a million
 * tickets in under a second. The kpi-facts job computes them once per resolved ticket with
 * the SLA engine's own code and keeps them here (recomputed whenever the ticket changes,
 * removed when it is reopened); the dashboard's queries are plain aggregates over this
 * table and the live tickets. Its watermark lives in report_watermarks.
 */
export class Reporting1764000000015 implements MigrationInterface {
  name = "Reporting1764000000015";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "ticket_kpi_facts",
      columns: [
        { name: "ticket_id", type: "integer", isPrimary: true },
        vc("type", 10, false), vc("channel", 12, false), int("category_id"), int("priority", false), int("tier", false), int("group_id"),
        int("resolver_id"), int("first_assignee_id"), instant("created_at"), instant("resolved_at"),
        // business seconds the SLA clock ran (pending pauses left out)
        int("first_response_seconds"), int("resolution_seconds", false),
        int("tier1_seconds", false), int("tier2_seconds", false), int("tier3_seconds", false),
        bool("response_met", true), bool("resolution_met", true),
        bool("escalated"), bool("reopened"), bool("fcr"), bool("kb_solved"),
        instant("computed_at"),
      ],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE")],
      indices: [
        new TableIndex({ name: "ix_kpi_facts_resolved", columnNames: ["resolved_at"] }),
        new TableIndex({ name: "ix_kpi_facts_group", columnNames: ["group_id", "resolved_at"] }),
      ],
    }));
    await q.createTable(new Table({
      name: "ticket_surveys",
      columns: [
        { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
        int("ticket_id", false), int("requester_id"), int("score", false), { name: "comment", type: "text", isNullable: true },
        // the first answer starts the 24 hours during which it may be changed
        instant("first_answered_at"), instant("answered_at"), instant("alerted_at", true),
      ],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("requester_id", "users", "SET NULL")],
      indices: [
        new TableIndex({ name: "uq_ticket_surveys_ticket", columnNames: ["ticket_id"], isUnique: true }),
        new TableIndex({ name: "ix_ticket_surveys_answered", columnNames: ["answered_at"] }),
      ],
    }));
    await q.createTable(new Table({
      name: "report_watermarks",
      // state: what the rollup was computed with (the kpi-facts job: a fingerprint of the SLA settings)
      columns: [{ name: "name", type: "varchar", length: "40", isPrimary: true }, instant("at"), vc("state", 100)],
    }));
    // the flow over a period (created per day) and the kpi-facts job (changed since its watermark)
    await q.query("CREATE INDEX ix_tickets_created ON tickets (created_at)");
    await q.query("CREATE INDEX ix_tickets_updated ON tickets (updated_at)");
    // the backlog now, in one covering pass over the open tickets (whole desk, or one group):
    // tier, priority, status, holder, stale and age are all read from the index
    await q.query("CREATE INDEX ix_tickets_backlog ON tickets (tier, priority, status, assignee_id, stale_since, created_at, group_id) " +
      "WHERE status IN ('new', 'open', 'pending', 'escalated')");
    await q.query("CREATE INDEX ix_tickets_backlog_group ON tickets (group_id, tier, priority, status, assignee_id, stale_since, created_at) " +
      "WHERE status IN ('new', 'open', 'pending', 'escalated')");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX ix_tickets_backlog_group");
    await q.query("DROP INDEX ix_tickets_backlog");
    await q.query("DROP INDEX ix_tickets_updated");
    await q.query("DROP INDEX ix_tickets_created");
    for (const t of ["report_watermarks", "ticket_surveys", "ticket_kpi_facts"]) await q.dropTable(t);
  }
}
