import { MigrationInterface, QueryRunner, Table, TableIndex } from "typeorm";

/**
 * The mail outbox: every message is rendered and written here in the transaction of the
 * change it tells about, then sent (and retried) by the mail-outbox job.
 */
export class Mail1764000000006 implements MigrationInterface {
  name = "Mail1764000000006";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "mail_outbox",
      columns: [
        { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
        { name: "to_address", type: "varchar", length: "320" },
        { name: "to_name", type: "varchar", length: "200", isNullable: true },
        { name: "locale", type: "varchar", length: "5" },
        { name: "template", type: "varchar", length: "100" },
        { name: "subject", type: "text" },
        { name: "html", type: "text" },
        { name: "text", type: "text" },
        { name: "related_type", type: "varchar", length: "50", isNullable: true },
        { name: "related_id", type: "integer", isNullable: true },
        { name: "status", type: "varchar", length: "10" },
        { name: "attempts", type: "integer", default: 0 },
        { name: "next_attempt_at", type: "bigint" },
        { name: "claimed_by", type: "varchar", length: "100", isNullable: true },
        { name: "last_error", type: "text", isNullable: true },
        { name: "created_at", type: "bigint" },
        { name: "sent_at", type: "bigint", isNullable: true },
        { name: "message_id", type: "varchar", length: "500", isNullable: true },
      ],
      indices: [
        // the sender: WHERE status IN ('pending', 'sending') AND next_attempt_at <= now
        new TableIndex({ name: "ix_mail_outbox_status_next", columnNames: ["status", "next_attempt_at"] }),
        // the admin list filtered by status, newest first (keyset on id)
        new TableIndex({ name: "ix_mail_outbox_status_id", columnNames: ["status", "id"] }),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("mail_outbox", true);
  }
}
