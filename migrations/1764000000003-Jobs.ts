import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from "typeorm";

/**
 * The job registry: one row per run (the admin page and `cli job list` read the last ones
 * of a job), and one lease per job name so only one app process runs a job at a time.
 */
export class Jobs1764000000003 implements MigrationInterface {
  name = "Jobs1764000000003";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "job_runs",
      columns: [
        { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
        { name: "name", type: "varchar", length: "100" },
        { name: "trigger", type: "varchar", length: "10" },
        { name: "actor_id", type: "integer", isNullable: true },
        { name: "started_at", type: "bigint" },
        { name: "finished_at", type: "bigint", isNullable: true },
        { name: "outcome", type: "varchar", length: "10" },
        { name: "counts", type: "text" },
        { name: "report", type: "text", isNullable: true },
        { name: "error", type: "text", isNullable: true },
      ],
      foreignKeys: [
        new TableForeignKey({ columnNames: ["actor_id"], referencedTableName: "users", referencedColumnNames: ["id"], onDelete: "SET NULL" }),
      ],
      // the last runs of a job: WHERE name = ? ORDER BY started_at DESC
      indices: [new TableIndex({ name: "ix_job_runs_name_started", columnNames: ["name", "started_at"] })],
    }));
    await q.createTable(new Table({
      name: "job_locks",
      columns: [
        { name: "name", type: "varchar", length: "100", isPrimary: true },
        { name: "owner", type: "varchar", length: "200" },
        { name: "locked_until", type: "bigint" },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("job_locks", true);
    await q.dropTable("job_runs", true);
  }
}
