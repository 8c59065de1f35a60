import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from "typeorm";

const id = { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" as const };
const instant = (name: string) => new TableColumn({ name, type: "bigint", isNullable: true });

/**
 * SLA: calendars with holidays, one policy per priority, each ticket's clock as segments,
 * and on the ticket the due dates (replayed from the segments) and what the watch job did.
 */
export class Sla1764000000005 implements MigrationInterface {
  name = "Sla1764000000005";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "sla_calendars",
      columns: [
        id, { name: "name", type: "varchar", length: "100", isUnique: true }, { name: "timezone", type: "varchar", length: "64" },
        { name: "always_open", type: "boolean", default: false }, { name: "hours", type: "text" },
      ],
    }));
    await q.createTable(new Table({
      name: "sla_holidays",
      columns: [id, { name: "calendar_id", type: "integer" }, { name: "day", type: "varchar", length: "10" }, { name: "name", type: "varchar", length: "100" }],
      foreignKeys: [new TableForeignKey({ columnNames: ["calendar_id"], referencedTableName: "sla_calendars", referencedColumnNames: ["id"], onDelete: "CASCADE" })],
      indices: [new TableIndex({ name: "uq_sla_holidays_day", columnNames: ["calendar_id", "day"], isUnique: true })],
    }));
    await q.createTable(new Table({
      name: "sla_policies",
      columns: [
        { name: "priority", type: "integer", isPrimary: true }, { name: "calendar_id", type: "integer" },
        { name: "first_response_minutes", type: "integer" }, { name: "resolution_minutes", type: "integer" },
        { name: "auto_escalate", type: "boolean", default: false },
      ],
      foreignKeys: [new TableForeignKey({ columnNames: ["calendar_id"], referencedTableName: "sla_calendars", referencedColumnNames: ["id"], onDelete: "RESTRICT" })],
    }));
    await q.createTable(new Table({
      name: "ticket_sla_segments",
      columns: [id, { name: "ticket_id", type: "integer" }, { name: "kind", type: "varchar", length: "10" }, { name: "at", type: "bigint" },
        { name: "reason", type: "varchar", length: "40", isNullable: true }],
      foreignKeys: [new TableForeignKey({ columnNames: ["ticket_id"], referencedTableName: "tickets", referencedColumnNames: ["id"], onDelete: "CASCADE" })],
      indices: [new TableIndex({ name: "ix_ticket_sla_segments_ticket", columnNames: ["ticket_id", "at"] })],
    }));
    await q.addColumns("tickets", [
      instant("first_response_due_at"), instant("resolution_due_at"),
      // the nearest target still running (first response, else resolution); null while paused or stopped
      instant("sla_next_due_at"), instant("sla_next_warn_at"), instant("sla_paused_at"),
      instant("sla_response_warned_at"), instant("sla_resolution_warned_at"),
      instant("sla_response_breached_at"), instant("sla_resolution_breached_at"),
    ]);
    // tickets from before: their clocks as well as they can be told (started at creation,
    // paused if pending now, stopped at the resolution); `setup` then replays them
    await q.query("INSERT INTO ticket_sla_segments (ticket_id, kind, at, reason) SELECT id, 'start', created_at, 'created' FROM tickets");
    await q.query("INSERT INTO ticket_sla_segments (ticket_id, kind, at, reason) SELECT id, 'pause', updated_at, 'pending' FROM tickets WHERE status = 'pending'");
    await q.query("INSERT INTO ticket_sla_segments (ticket_id, kind, at, reason) SELECT id, 'stop', resolved_at, status FROM tickets " +
      "WHERE status IN ('resolved', 'closed') AND resolved_at IS NOT NULL");
    // the SLA sweep and the "due soonest" sort read the open, running tickets by due date
    await q.query("CREATE INDEX ix_tickets_sla_next_due ON tickets (sla_next_due_at) WHERE sla_next_due_at IS NOT NULL");
    await q.query("CREATE INDEX ix_tickets_sla_next_warn ON tickets (sla_next_warn_at) WHERE sla_next_warn_at IS NOT NULL");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX ix_tickets_sla_next_warn");
    await q.query("DROP INDEX ix_tickets_sla_next_due");
    for (const c of ["sla_resolution_breached_at", "sla_response_breached_at", "sla_resolution_warned_at", "sla_response_warned_at",
      "sla_paused_at", "sla_next_warn_at", "sla_next_due_at", "resolution_due_at", "first_response_due_at"]) await q.dropColumn("tickets", c);
    await q.dropTable("ticket_sla_segments");
    await q.dropTable("sla_policies");
    await q.dropTable("sla_holidays");
    await q.dropTable("sla_calendars");
  }
}
