import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from "typeorm";

const id: TableColumnOptions = { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" };
const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: "bigint", isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: "varchar", length: String(length), isNullable: nullable });
const int = (name: string, nullable = false, def?: number): TableColumnOptions => ({ name, type: "integer", isNullable: nullable, default: def });
const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: "boolean", default: def });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: "text", isNullable: nullable });
const fk = (column: string, table: string, onDelete = "RESTRICT") =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"], onDelete });

/** The core schema: people, groups, tickets and their timeline, sessions, settings, audit. */
export class Initial1764000000000 implements MigrationInterface {
  name = "Initial1764000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "users",
      columns: [
        id, str("username", 100), str("provider", 10), str("display_name", 200), str("email", 254, true),
        str("phone", 50, true), str("department", 120, true), str("location", 120, true), str("locale", 5, true),
        str("timezone", 64, true), bool("vip", false), str("role", 20), bool("active", true),
        str("password_hash", 255, true), instant("created_at"), instant("updated_at"),
      ],
      indices: [new TableIndex({ name: "uq_users_provider_username", columnNames: ["provider", "username"], isUnique: true })],
    }));
    await q.createTable(new Table({
      name: "support_groups",
      columns: [id, { ...str("name", 100), isUnique: true }, int("tier"), str("email", 254, true)],
    }));
    await q.createTable(new Table({
      name: "group_members",
      columns: [{ ...int("group_id"), isPrimary: true }, { ...int("user_id"), isPrimary: true }],
      foreignKeys: [fk("group_id", "support_groups", "CASCADE"), fk("user_id", "users", "CASCADE")],
      indices: [new TableIndex({ name: "ix_group_members_user", columnNames: ["user_id"] })],
    }));
    await q.createTable(new Table({
      name: "api_tokens",
      columns: [
        id, int("user_id"), str("name", 100), { ...str("token_hash", 64), isUnique: true }, str("prefix", 12),
        instant("created_at"), instant("last_used_at", true), instant("revoked_at", true),
      ],
      foreignKeys: [fk("user_id", "users", "CASCADE")],
      indices: [new TableIndex({ name: "ix_api_tokens_user", columnNames: ["user_id"] })],
    }));
    await q.createTable(new Table({
      name: "categories",
      columns: [id, { ...str("name", 100), isUnique: true }, int("default_group_id", true), bool("active", true)],
      foreignKeys: [fk("default_group_id", "support_groups", "SET NULL")],
    }));
    await q.createTable(new Table({
      name: "tickets",
      columns: [
        id, str("type", 10), str("channel", 12), int("requester_id"), str("title", 200), text("description"),
        int("category_id", true), str("impact", 6), str("urgency", 6), int("priority"), int("tier"),
        int("group_id", true), int("assignee_id", true), str("status", 10), str("pending_reason", 20, true),
        str("resolution_code", 20, true), text("resolution", true), int("tiers_visited"), str("callback_phone", 50, true),
        int("problem_id", true), int("parent_id", true), int("reopen_count", false, 0), int("version", false, 1),
        int("updated_by_id", true), instant("created_at"), instant("updated_at"), instant("first_response_at", true),
        instant("resolved_at", true), instant("closed_at", true), instant("last_public_activity_at"),
      ],
      foreignKeys: [
        fk("requester_id", "users"), fk("assignee_id", "users", "SET NULL"), fk("category_id", "categories", "SET NULL"),
        fk("group_id", "support_groups", "SET NULL"), fk("parent_id", "tickets", "SET NULL"),
      ],
      indices: [
        // the tier queues: WHERE tier = ? AND status IN (...) ORDER BY priority, id
        new TableIndex({ name: "ix_tickets_queue", columnNames: ["tier", "status", "priority", "id"] }),
        new TableIndex({ name: "ix_tickets_assignee", columnNames: ["assignee_id", "status"] }),
        new TableIndex({ name: "ix_tickets_requester", columnNames: ["requester_id", "id"] }),
        new TableIndex({ name: "ix_tickets_group", columnNames: ["group_id", "status"] }),
        new TableIndex({ name: "ix_tickets_resolved", columnNames: ["status", "resolved_at"] }),
      ],
    }));
    await q.createTable(new Table({
      name: "ticket_comments",
      columns: [id, int("ticket_id"), int("author_id"), text("body"), bool("internal", false), instant("created_at")],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("author_id", "users")],
      indices: [new TableIndex({ name: "ix_ticket_comments_ticket", columnNames: ["ticket_id", "id"] })],
    }));
    await q.createTable(new Table({
      name: "ticket_history",
      columns: [
        id, int("ticket_id"), int("actor_id", true), str("kind", 20), str("from_value", 200, true),
        str("to_value", 200, true), text("reason", true), text("note", true), instant("created_at"),
      ],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("actor_id", "users", "SET NULL")],
      indices: [new TableIndex({ name: "ix_ticket_history_ticket", columnNames: ["ticket_id", "id"] })],
    }));
    await q.createTable(new Table({
      name: "ticket_attachments",
      columns: [
        id, int("ticket_id"), int("comment_id", true), str("filename", 255), str("mime_type", 100), int("size"),
        str("storage_key", 64), int("uploaded_by_id"), instant("created_at"),
      ],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("comment_id", "ticket_comments", "CASCADE"), fk("uploaded_by_id", "users")],
      indices: [new TableIndex({ name: "ix_ticket_attachments_ticket", columnNames: ["ticket_id"] })],
    }));
    await q.createTable(new Table({
      name: "ticket_presence",
      columns: [{ ...int("ticket_id"), isPrimary: true }, { ...int("user_id"), isPrimary: true }, instant("seen_at")],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("user_id", "users", "CASCADE")],
    }));
    await q.createTable(new Table({
      name: "audit_log",
      columns: [
        id, int("actor_id", true), str("action", 50), str("entity_type", 30), str("entity_id", 50, true),
        text("details", true), instant("created_at"),
      ],
      foreignKeys: [fk("actor_id", "users", "SET NULL")],
      indices: [new TableIndex({ name: "ix_audit_log_created", columnNames: ["created_at"] })],
    }));
    await q.createTable(new Table({ name: "settings", columns: [{ ...str("key", 100), isPrimary: true }, text("value")] }));
    await q.createTable(new Table({
      name: "sessions",
      columns: [{ ...str("sid", 128), isPrimary: true }, text("data"), instant("expires_at"), int("user_id", true)],
      indices: [
        new TableIndex({ name: "ix_sessions_expires", columnNames: ["expires_at"] }),
        new TableIndex({ name: "ix_sessions_user", columnNames: ["user_id"] }),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ["sessions", "settings", "audit_log", "ticket_presence", "ticket_attachments", "ticket_history",
      "ticket_comments", "tickets", "categories", "api_tokens", "group_members", "support_groups", "users"]) {
      await q.dropTable(t, true);
    }
  }
}
