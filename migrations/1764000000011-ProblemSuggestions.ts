import { MigrationInterface, QueryRunner, Table, TableForeignKey } from "typeorm";

const fk = (column: string, table: string, onDelete: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"], onDelete });

/**
 * Suggested problems: the clusters of unlinked incidents the problem-suggest job finds
 * (one row per cluster key, remembered when dismissed or turned into a problem), the index
 * that job reads the window through, and the field a problem's history row names.
 */
export class ProblemSuggestions1764000000011 implements MigrationInterface {
  name = "ProblemSuggestions1764000000011";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "problem_suggestions",
      columns: [
        { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
        { name: "cluster_key", type: "varchar", length: "300" },
        { name: "category_id", type: "integer" },
        { name: "dimension", type: "varchar", length: "20" },
        { name: "value", type: "varchar", length: "200" },
        { name: "ticket_ids", type: "text" },
        { name: "count", type: "integer" },
        { name: "first_incident_at", type: "bigint" },
        { name: "last_incident_at", type: "bigint" },
        { name: "created_at", type: "bigint" },
        { name: "refreshed_at", type: "bigint" },
        { name: "dismissed_at", type: "bigint", isNullable: true },
        { name: "dismissed_by_id", type: "integer", isNullable: true },
        { name: "problem_id", type: "integer", isNullable: true },
      ],
      foreignKeys: [fk("category_id", "categories", "CASCADE"), fk("dismissed_by_id", "users", "SET NULL"), fk("problem_id", "problems", "CASCADE")],
    }));
    // one live row per cluster key; a row a problem was made from is history and steps aside
    await q.query("CREATE UNIQUE INDEX ux_problem_suggestions_key ON problem_suggestions (cluster_key) WHERE problem_id IS NULL");
    // the job reads only the window of incidents no problem holds yet, in created_at order
    await q.query("CREATE INDEX ix_tickets_incident_unlinked ON tickets (created_at) WHERE type = 'incident' AND problem_id IS NULL");
    // a "field" history row names the field it changed (plain ALTER TABLE, as for tickets)
    await q.query("ALTER TABLE problem_history ADD COLUMN field varchar(30)");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE problem_history DROP COLUMN field");
    await q.query("DROP INDEX ix_tickets_incident_unlinked");
    await q.query("DROP INDEX ux_problem_suggestions_key");
    await q.dropTable("problem_suggestions");
  }
}
