import type { DataSource } from "typeorm";
import type express from "express";
import { loadConfig, type Config } from "../../src/platform/config";
import { connect } from "../../src/platform/db/connect";
import { createLogger } from "../../src/platform/logger";
import { ManualClock } from "../../src/platform/clock";
import { EventBus } from "../../src/platform/events/bus";
import type { Deps } from "../../src/platform/deps";
import { createApp } from "../../src/app";
import { ensureDefaults } from "../../src/modules/admin/setup";
import { invalidateReference } from "../../src/platform/db/reference-cache";
import { invalidateQueueCounts } from "../../src/modules/tickets/queries/queue-counts";

export interface TestContext {
  deps: Deps;
  clock: ManualClock;
  app: express.Express;
  config: Config;
}

let shared: Promise<TestContext> | undefined;

/**
 * One database and app per mocha process (SQLite in a temp folder, or the PostgreSQL of
 * DATABASE_URL), migrated from scratch once. Test files call resetDb() in before().
 */
export function testContext(): Promise<TestContext> {
  shared ??= (async () => {
    const config = loadConfig();
    const db = await connect(config, { migrate: false });
    await dropAll(db);
    await db.runMigrations({ transaction: "each" });
    const clock = new ManualClock(new Date("2026-11-23T09:00:00Z"));
    const deps: Deps = { db, config, clock, logger: createLogger("silent"), bus: new EventBus() };
    const { app } = await createApp(deps);
    return { deps, clock, app, config };
  })();
  return shared;
}

async function dropAll(db: DataSource): Promise<void> {
  if (db.options.type === "postgres") {
    await db.query("DROP SCHEMA IF EXISTS public CASCADE");
    await db.query("CREATE SCHEMA public");
    return;
  }
  const tables: { name: string }[] = await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  await db.query("PRAGMA foreign_keys = OFF");
  for (const t of tables) await db.query(`DROP TABLE "${t.name}"`);
  await db.query("PRAGMA foreign_keys = ON");
}

const TABLES = [
  "report_watermarks", "ticket_surveys", "ticket_kpi_facts",
  "ticket_kb_links", "kb_deflections", "kb_feedback", "kb_attachments", "kb_revisions", "kb_articles", "kb_categories",
  "catalog_tasks", "catalog_approvals", "catalog_requests", "catalog_items", "catalog_categories", "ticket_assets", "asset_history", "assets", "asset_types",
  "problem_suggestions", "ticket_watchers", "ticket_links", "notifications", "notification_mutes", "problem_history", "mail_outbox", "job_runs", "job_locks", "directory_mapping_groups", "directory_mappings", "ticket_sla_segments", "sla_policies", "sla_holidays", "sla_calendars", "ticket_presence", "ticket_attachments", "ticket_history", "ticket_comments", "tickets", "problems", "categories",
  "api_tokens", "group_members", "support_groups", "audit_log", "settings", "sessions", "users",
];

/** Empty every table and put back the default groups and categories; reset the clock. */
export async function resetDb(ctx: TestContext): Promise<void> {
  const { db } = ctx.deps;
  if (db.options.type === "postgres") {
    await db.query(`TRUNCATE ${TABLES.join(", ")} RESTART IDENTITY CASCADE`);
  } else {
    for (const t of TABLES) await db.query(`DELETE FROM ${t}`);
    await db.query("DELETE FROM kb_search");
    await db.query("DELETE FROM sqlite_sequence");
  }
  ctx.clock.set(new Date("2026-11-23T09:00:00Z"));
  // rows were removed behind the commands' back: forget what the caches hold
  invalidateReference(db);
  invalidateQueueCounts(db);
  await ensureDefaults(ctx.deps);
}
