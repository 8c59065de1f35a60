import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from "typeorm";

const fk = (column: string, table: string, onDelete: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"], onDelete });

/**
 * Major incidents (a parent with children, a public title, the people who follow it),
 * merged duplicates (a pointer to the ticket they went into) and related links between
 * tickets, or between a ticket and a problem.
 */
export class MajorIncidents1764000000010 implements MigrationInterface {
  name = "MajorIncidents1764000000010";

  async up(q: QueryRunner): Promise<void> {
    // plain ALTER TABLE (see 1764000000008): the partial indexes on tickets must survive
    for (const c of ["major boolean NOT NULL DEFAULT FALSE", "public_title varchar(200)",
      "merged_into_id integer REFERENCES tickets (id) ON DELETE SET NULL"]) await q.query(`ALTER TABLE tickets ADD COLUMN ${c}`);
    // the portal banner reads the open major incidents on every home page
    await q.query("CREATE INDEX ix_tickets_major_open ON tickets (id) WHERE major = TRUE AND status IN ('new', 'open', 'pending', 'escalated')");
    await q.query("CREATE INDEX ix_tickets_parent ON tickets (parent_id) WHERE parent_id IS NOT NULL");
    await q.query("CREATE INDEX ix_tickets_merged_into ON tickets (merged_into_id) WHERE merged_into_id IS NOT NULL");
    await q.createTable(new Table({
      name: "ticket_links",
      columns: [
        { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
        { name: "ticket_id", type: "integer" },
        { name: "other_ticket_id", type: "integer", isNullable: true },
        { name: "problem_id", type: "integer", isNullable: true },
        { name: "created_by_id", type: "integer", isNullable: true },
        { name: "created_at", type: "bigint" },
      ],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("other_ticket_id", "tickets", "CASCADE"), fk("problem_id", "problems", "CASCADE"),
        fk("created_by_id", "users", "SET NULL")],
      indices: [
        new TableIndex({ name: "ux_ticket_links_ticket", columnNames: ["ticket_id", "other_ticket_id"], isUnique: true }),
        new TableIndex({ name: "ux_ticket_links_problem", columnNames: ["ticket_id", "problem_id"], isUnique: true }),
        new TableIndex({ name: "ix_ticket_links_other", columnNames: ["other_ticket_id"] }),
        new TableIndex({ name: "ix_ticket_links_problem", columnNames: ["problem_id"] }),
      ],
    }));
    await q.createTable(new Table({
      name: "ticket_watchers",
      columns: [
        { name: "ticket_id", type: "integer", isPrimary: true },
        { name: "user_id", type: "integer", isPrimary: true },
        { name: "reason", type: "varchar", length: "20" },
        { name: "created_at", type: "bigint" },
      ],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("user_id", "users", "CASCADE")],
      indices: [new TableIndex({ name: "ix_ticket_watchers_user", columnNames: ["user_id", "ticket_id"] })],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("ticket_watchers");
    await q.dropTable("ticket_links");
    for (const i of ["ix_tickets_merged_into", "ix_tickets_parent", "ix_tickets_major_open"]) await q.query(`DROP INDEX ${i}`);
    for (const c of ["merged_into_id", "public_title", "major"]) await q.dropColumn("tickets", c);
  }
}
