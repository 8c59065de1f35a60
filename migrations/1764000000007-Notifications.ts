import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from "typeorm";

/** In-app notifications (the bell) and the kinds each person turned off. */
export class Notifications1764000000007 implements MigrationInterface {
  name = "Notifications1764000000007";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "notifications",
      columns: [
        { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
        { name: "user_id", type: "integer" }, { name: "kind", type: "varchar", length: "40" },
        { name: "ticket_id", type: "integer", isNullable: true }, { name: "params", type: "text" },
        { name: "created_at", type: "bigint" }, { name: "read_at", type: "bigint", isNullable: true },
      ],
      foreignKeys: [
        new TableForeignKey({ columnNames: ["user_id"], referencedTableName: "users", referencedColumnNames: ["id"], onDelete: "CASCADE" }),
        new TableForeignKey({ columnNames: ["ticket_id"], referencedTableName: "tickets", referencedColumnNames: ["id"], onDelete: "CASCADE" }),
      ],
      indices: [new TableIndex({ name: "ix_notifications_user", columnNames: ["user_id", "id"] })],
    }));
    // the bell's unread count reads only this
    await q.query("CREATE INDEX ix_notifications_unread ON notifications (user_id) WHERE read_at IS NULL");
    await q.createTable(new Table({
      name: "notification_mutes",
      columns: [{ name: "user_id", type: "integer", isPrimary: true }, { name: "kind", type: "varchar", length: "40", isPrimary: true }],
      foreignKeys: [new TableForeignKey({ columnNames: ["user_id"], referencedTableName: "users", referencedColumnNames: ["id"], onDelete: "CASCADE" })],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("notification_mutes");
    await q.query("DROP INDEX ix_notifications_unread");
    await q.dropTable("notifications");
  }
}
