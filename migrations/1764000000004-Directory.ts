import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from "typeorm";

/**
 * Directory sign-in: the table mapping directory groups to a role and support groups, and
 * on each person where they come from in the directory and who deactivated them (a sync
 * brings back only those it deactivated itself, never someone an admin switched off).
 */
export class Directory1764000000004 implements MigrationInterface {
  name = "Directory1764000000004";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "directory_mappings",
      columns: [
        { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
        { name: "group_ref", type: "varchar", length: "500" },
        { name: "group_key", type: "varchar", length: "500", isUnique: true },
        { name: "role", type: "varchar", length: "20" },
        { name: "created_at", type: "bigint" },
      ],
    }));
    await q.createTable(new Table({
      name: "directory_mapping_groups",
      columns: [
        { name: "mapping_id", type: "integer", isPrimary: true },
        { name: "group_id", type: "integer", isPrimary: true },
      ],
      foreignKeys: [
        new TableForeignKey({ columnNames: ["mapping_id"], referencedTableName: "directory_mappings", referencedColumnNames: ["id"], onDelete: "CASCADE" }),
        new TableForeignKey({ columnNames: ["group_id"], referencedTableName: "support_groups", referencedColumnNames: ["id"], onDelete: "CASCADE" }),
      ],
      indices: [new TableIndex({ name: "ix_directory_mapping_groups_group", columnNames: ["group_id"] })],
    }));
    await q.addColumns("users", [
      new TableColumn({ name: "directory_dn", type: "varchar", length: "1000", isNullable: true }),
      new TableColumn({ name: "deactivated_by", type: "varchar", length: "20", isNullable: true }),
      new TableColumn({ name: "directory_synced_at", type: "bigint", isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("users", "directory_synced_at");
    await q.dropColumn("users", "deactivated_by");
    await q.dropColumn("users", "directory_dn");
    await q.dropTable("directory_mapping_groups");
    await q.dropTable("directory_mappings");
  }
}
