import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from "typeorm";

const fk = (column: string, table: string, onDelete: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"], onDelete });

/** Problem records (PRB-000042), their timeline, and the incidents linked to them (tickets.problem_id). */
export class Problems1764000000009 implements MigrationInterface {
  name = "Problems1764000000009";

  async up(q: QueryRunner): Promise<void> {
    const text = (name: string) => ({ name, type: "text", isNullable: true });
    const instant = (name: string, nullable = true) => ({ name, type: "bigint", isNullable: nullable });
    await q.createTable(new Table({
      name: "problems",
      columns: [
        { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
        { name: "title", type: "varchar", length: "200" }, { name: "description", type: "text" },
        { name: "category_id", type: "integer", isNullable: true }, { name: "affected", type: "varchar", length: "200", isNullable: true },
        { name: "priority", type: "integer" }, { name: "owner_id", type: "integer", isNullable: true },
        { name: "group_id", type: "integer", isNullable: true }, { name: "status", type: "varchar", length: "15" },
        text("symptoms"), text("root_cause"), text("impact"), text("workaround"), text("permanent_fix"), text("resolution"),
        { name: "version", type: "integer", default: 1 }, { name: "created_by_id", type: "integer", isNullable: true },
        instant("created_at", false), instant("updated_at", false), instant("known_error_at"), instant("resolved_at"), instant("closed_at"),
      ],
      foreignKeys: [fk("category_id", "categories", "SET NULL"), fk("owner_id", "users", "SET NULL"), fk("group_id", "support_groups", "SET NULL"),
        fk("created_by_id", "users", "SET NULL")],
      indices: [new TableIndex({ name: "ix_problems_status", columnNames: ["status", "id"] })],
    }));
    await q.createTable(new Table({
      name: "problem_history",
      columns: [
        { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
        { name: "problem_id", type: "integer" }, { name: "actor_id", type: "integer", isNullable: true },
        { name: "kind", type: "varchar", length: "20" }, { name: "from_value", type: "varchar", length: "200", isNullable: true },
        { name: "to_value", type: "varchar", length: "200", isNullable: true }, text("note"), instant("created_at", false),
      ],
      foreignKeys: [fk("problem_id", "problems", "CASCADE"), fk("actor_id", "users", "SET NULL")],
      indices: [new TableIndex({ name: "ix_problem_history_problem", columnNames: ["problem_id", "id"] })],
    }));
    // a problem's incidents
    await q.query("CREATE INDEX ix_tickets_problem ON tickets (problem_id) WHERE problem_id IS NOT NULL");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX ix_tickets_problem");
    await q.dropTable("problem_history");
    await q.dropTable("problems");
  }
}
