import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from "typeorm";

const fk = (column: string, table: string, onDelete: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ["id"], onDelete });
const id = { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" as const };
const vc = (name: string, length: number, nullable = true) => ({ name, type: "varchar", length: String(length), isNullable: nullable });
const int = (name: string, nullable = true) => ({ name, type: "integer", isNullable: nullable });
const text = (name: string, nullable = true) => ({ name, type: "text", isNullable: nullable });
const instant = (name: string, nullable = false) => ({ name, type: "bigint", isNullable: nullable });
const bool = (name: string, dflt: boolean) => ({ name, type: "boolean", default: dflt });

/**
 * Assets (the inventory, its history, the tickets about each one), the requester's manager
 * (who approves their requests), and the service catalog: items with their form and
 * fulfilment tasks, the requests made from them, approvals and task tickets.
 */
export class AssetsCatalog1764000000013 implements MigrationInterface {
  name = "AssetsCatalog1764000000013";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: "asset_types",
      columns: [id, vc("code", 40, false), vc("name", 80), bool("builtin", false), bool("active", true), { name: "position", type: "integer", default: 0 }],
      indices: [new TableIndex({ name: "uq_asset_types_code", columnNames: ["code"], isUnique: true })],
    }));
    // the built-in types, so an upgrade that only migrates can create and import assets at once
    // (ensureDefaults adds any missing one too); their names are translated by code
    const builtins = ["laptop", "desktop", "monitor", "phone", "tablet", "printer", "server", "network_device", "software_licence", "peripheral", "other"];
    for (const [i, code] of builtins.entries()) {
      await q.query(`INSERT INTO asset_types (code, name, builtin, active, position) VALUES ('${code}', NULL, TRUE, TRUE, ${i})`);
    }
    await q.createTable(new Table({
      name: "assets",
      columns: [
        id, vc("tag", 40, false), vc("name", 200, false), int("type_id", false), vc("manufacturer", 100), vc("model", 100), vc("serial", 100),
        vc("status", 12, false), int("owner_id"), vc("location", 120), vc("department", 120), vc("purchase_date", 10), vc("warranty_end", 10),
        text("notes"), vc("warranty_warned_for", 10), { name: "version", type: "integer", default: 1 }, int("created_by_id"),
        instant("created_at"), instant("updated_at"),
      ],
      foreignKeys: [fk("type_id", "asset_types", "RESTRICT"), fk("owner_id", "users", "SET NULL"), fk("created_by_id", "users", "SET NULL")],
      indices: [
        new TableIndex({ name: "uq_assets_tag", columnNames: ["tag"], isUnique: true }),
        new TableIndex({ name: "ix_assets_owner", columnNames: ["owner_id", "id"] }),
        new TableIndex({ name: "ix_assets_type_status", columnNames: ["type_id", "status", "id"] }),
        new TableIndex({ name: "ix_assets_status", columnNames: ["status", "id"] }),
        new TableIndex({ name: "ix_assets_warranty", columnNames: ["warranty_end"] }),
      ],
    }));
    await q.createTable(new Table({
      name: "asset_history",
      columns: [
        id, int("asset_id", false), int("actor_id"), vc("kind", 20, false), vc("field", 30), vc("from_value", 200), vc("to_value", 200),
        int("ticket_id"), text("note"), instant("created_at"),
      ],
      foreignKeys: [fk("asset_id", "assets", "CASCADE"), fk("actor_id", "users", "SET NULL"), fk("ticket_id", "tickets", "SET NULL")],
      indices: [new TableIndex({ name: "ix_asset_history_asset", columnNames: ["asset_id", "id"] })],
    }));
    await q.createTable(new Table({
      name: "ticket_assets",
      columns: [
        { name: "ticket_id", type: "integer", isPrimary: true }, { name: "asset_id", type: "integer", isPrimary: true },
        int("linked_by_id"), instant("created_at"),
      ],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("asset_id", "assets", "CASCADE"), fk("linked_by_id", "users", "SET NULL")],
      // an asset's tickets, and its incidents of the last 30 days (the recurrence warning) by link date
      indices: [new TableIndex({ name: "ix_ticket_assets_asset", columnNames: ["asset_id", "created_at", "ticket_id"] })],
    }));
    // plain ALTER TABLE: TypeORM's addColumn rebuilds a SQLite table and loses raw-SQL indexes
    await q.query("ALTER TABLE users ADD COLUMN manager_id integer NULL REFERENCES users(id) ON DELETE SET NULL");

    await q.createTable(new Table({
      name: "catalog_categories",
      columns: [id, vc("name", 100, false), text("description"), { name: "position", type: "integer", default: 0 }, bool("active", true)],
    }));
    await q.createTable(new Table({
      name: "catalog_items",
      columns: [
        id, int("category_id"), vc("name", 150, false), text("description", false), vc("icon", 30, false), int("group_id"),
        int("sla_priority"), vc("approval", 10, false), int("approver_id"), text("fields", false), text("tasks", false),
        int("fulfil_asset_type_id"), bool("active", true), { name: "position", type: "integer", default: 0 },
        { name: "version", type: "integer", default: 1 }, instant("created_at"), instant("updated_at"),
      ],
      foreignKeys: [fk("category_id", "catalog_categories", "SET NULL"), fk("group_id", "support_groups", "SET NULL"),
        fk("approver_id", "users", "SET NULL"), fk("fulfil_asset_type_id", "asset_types", "SET NULL")],
      indices: [new TableIndex({ name: "ix_catalog_items_category", columnNames: ["category_id", "position"] })],
    }));
    await q.createTable(new Table({
      name: "catalog_requests",
      columns: [
        { name: "ticket_id", type: "integer", isPrimary: true }, int("item_id", false), text("answers", false),
        vc("approval_state", 12, false), instant("created_at"),
      ],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("item_id", "catalog_items", "RESTRICT")],
      indices: [new TableIndex({ name: "ix_catalog_requests_item", columnNames: ["item_id"] })],
    }));
    await q.createTable(new Table({
      name: "catalog_approvals",
      columns: [
        id, int("ticket_id", false), int("approver_id", false), vc("state", 10, false), text("reason"), vc("decided_via", 10),
        instant("decided_at", true), instant("created_at"),
      ],
      foreignKeys: [fk("ticket_id", "tickets", "CASCADE"), fk("approver_id", "users", "CASCADE")],
      indices: [
        new TableIndex({ name: "ix_catalog_approvals_approver", columnNames: ["approver_id", "state", "id"] }),
        new TableIndex({ name: "ix_catalog_approvals_ticket", columnNames: ["ticket_id"] }),
      ],
    }));
    await q.createTable(new Table({
      name: "catalog_tasks",
      columns: [
        { name: "task_ticket_id", type: "integer", isPrimary: true }, int("request_ticket_id", false),
        { name: "position", type: "integer", default: 0 }, vc("title", 200, false),
      ],
      foreignKeys: [fk("task_ticket_id", "tickets", "CASCADE"), fk("request_ticket_id", "tickets", "CASCADE")],
      indices: [new TableIndex({ name: "ix_catalog_tasks_request", columnNames: ["request_ticket_id", "position"] })],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ["catalog_tasks", "catalog_approvals", "catalog_requests", "catalog_items", "catalog_categories", "ticket_assets", "asset_history", "assets", "asset_types"]) {
      await q.dropTable(t);
    }
    await q.query("ALTER TABLE users DROP COLUMN manager_id");
  }
}
