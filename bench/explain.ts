import "reflect-metadata";
import { performance } from "node:perf_hooks";
import type { DataSource, Logger as OrmLogger } from "typeorm";
import { loadConfig } from "../src/platform/config";
import { connect } from "../src/platform/db/connect";
import { createLogger } from "../src/platform/logger";
import { systemClock } from "../src/platform/clock";
import { EventBus } from "../src/platform/events/bus";
import type { Deps } from "../src/platform/deps";
import { parse } from "../src/platform/http/validate";
import { loadActor } from "../src/modules/users/queries/load-actor";
import { groupMembersOfTier, groupsAtTier } from "../src/modules/users/queries/groups";
import { queueFilterSchema } from "../src/modules/tickets/ticket.schemas";
import { listQueue } from "../src/modules/tickets/queries/queue";
import { queueCounts } from "../src/modules/tickets/queries/queue-counts";
import { getTicket } from "../src/modules/tickets/queries/get-ticket";
import { otherTicketsOf } from "../src/modules/tickets/queries/my-tickets";
import { loadDashboard } from "../src/modules/reporting";

export interface QueryReport {
  /** Which page asked for it. */
  page: string;
  sql: string;
  params: unknown[];
  meanMs: number;
  plan: string[];
}

interface Captured { sql: string; params: unknown[] }

/** Records the SQL the app's own query functions send, so the plans are of the real statements. */
class Recorder implements OrmLogger {
  captured: Captured[] = [];
  on = false;
  logQuery(query: string, parameters?: unknown): void {
    if (this.on) this.captured.push({ sql: query, params: Array.isArray(parameters) ? [...parameters] : [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

async function plan(db: DataSource, q: Captured): Promise<string[]> {
  if (db.options.type === "postgres") {
    const rows: { "QUERY PLAN": string }[] = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
    return rows.map((r) => r["QUERY PLAN"]);
  }
  const rows: { id: number; parent: number; detail: string }[] = await db.query(`EXPLAIN QUERY PLAN ${q.sql}`, q.params);
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.id, d);
    return `${"  ".repeat(d - 1)}${r.detail}`;
  });
}

type Pages = [string, () => Promise<unknown>][];

/**
 * The SELECTs each call sends (each statement once), each run again `repeat` times for
 * its mean, with its plan. `pages` gets the app's dependencies (the recorder on) and the
 * recorder, to keep only part of what a call sends.
 */
async function measure(o: { dataDir: string; databaseUrl: string; repeat: number }, pages: (deps: Deps, rec: Recorder) => Promise<Pages>): Promise<QueryReport[]> {
  const cfg = loadConfig({ ...process.env, NODE_ENV: "bench", DATA_DIR: o.dataDir, DATABASE_URL: o.databaseUrl, LOG_LEVEL: "silent" });
  const db = await connect(cfg, { migrate: false });
  try {
    const rec = new Recorder();
    db.logger = rec;
    const deps: Deps = { db, config: cfg, clock: systemClock, logger: createLogger("silent"), bus: new EventBus() };
    const out: QueryReport[] = [];
    const seen = new Set<string>();
    for (const [page, call] of await pages(deps, rec)) {
      rec.captured = [];
      rec.on = true;
      await call();
      rec.on = false;
      for (const q of rec.captured) {
        if (!/^\s*SELECT/i.test(q.sql) || seen.has(q.sql)) continue;
        seen.add(q.sql);
        await db.query(q.sql, q.params);
        const t0 = performance.now();
        for (let i = 0; i < o.repeat; i++) await db.query(q.sql, q.params);
        out.push({ page, sql: q.sql, params: q.params, meanMs: (performance.now() - t0) / o.repeat, plan: await plan(db, q) });
      }
    }
    return out;
  } finally {
    await db.destroy();
  }
}

/**
 * The desk's queries (queue page, its counts, the text filter, a ticket page) against the
 * seeded database: mean time of each and its plan.
 */
export function explainDeskQueries(o: { dataDir: string; databaseUrl: string; agentId: number; ticketId: number; word: string; repeat?: number }): Promise<QueryReport[]> {
  return measure({ ...o, repeat: o.repeat ?? 30 }, async (deps, rec) => {
    const { db } = deps;
    const actor = await loadActor(db.manager, o.agentId);
    if (!actor) throw new Error("bench agent not found");
    const pages: Pages = [
      ["queue", () => listQueue(deps, actor, 1, parse(queueFilterSchema, { view: "open" }))],
      ["queue", () => queueCounts(deps, actor)],
      ["queue", () => groupsAtTier(db.manager, 1)],
      ["queue", () => groupMembersOfTier(db.manager, 1)],
      ["filter", () => listQueue(deps, actor, 1, parse(queueFilterSchema, { view: "open", q: o.word }))],
      ["ticket", () => getTicket(deps, actor, o.ticketId)],
      ["ticket", async () => {
        const t = await getTicket(deps, actor, o.ticketId);
        rec.captured.length = 0; // only the query below
        return otherTicketsOf(deps, actor, t.ticket.requesterId, o.ticketId);
      }],
    ];
    return pages;
  });
}

/**
 * The dashboard's queries (loadDashboard, the default period: the last 30 days) as the
 * supervisor reads it over the big data set, and as the N1 agent reads their group's.
 */
export function explainDashboardQueries(o: { dataDir: string; databaseUrl: string; supervisorId: number; agentId?: number; groupId?: number; repeat?: number }): Promise<QueryReport[]> {
  return measure({ ...o, repeat: o.repeat ?? 5 }, async (deps) => {
    const supervisor = await loadActor(deps.db.manager, o.supervisorId);
    if (!supervisor) throw new Error("bench supervisor not found");
    const all = { groupId: null, tier: null, categoryId: null };
    const pages: Pages = [["dashboard", () => loadDashboard(deps, supervisor, all)]];
    const agent = o.agentId ? await loadActor(deps.db.manager, o.agentId) : null;
    if (agent && o.groupId) pages.push(["dashboard-n1", () => loadDashboard(deps, agent, { ...all, groupId: o.groupId ?? null })]);
    return pages;
  });
}

/** The slowest queries first, with their plans, for the console. */
export function formatPlans(reports: QueryReport[], top = 8): string {
  const lines: string[] = [];
  for (const r of [...reports].sort((a, b) => b.meanMs - a.meanMs).slice(0, top)) {
    const sql = r.sql.replace(/\s+/g, " ");
    lines.push(`[${r.page}] ${r.meanMs.toFixed(2)} ms  ${sql.length > 220 ? `${sql.slice(0, 220)}...` : sql}`);
    for (const p of r.plan) lines.push(`      ${p}`);
  }
  return lines.join("\n");
}
