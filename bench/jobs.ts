import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../src/platform/config";
import { connect } from "../src/platform/db/connect";
import { placeholders, rawQuery } from "../src/platform/db/raw";
import { systemClock } from "../src/platform/clock";
import { createLogger } from "../src/platform/logger";
import { EventBus } from "../src/platform/events/bus";
import type { Deps } from "../src/platform/deps";
import { runSlaWatch } from "../src/modules/sla/jobs/sla-watch";
import { runAutoClose, runPendingReminders, runStaleTickets, runUnassignedWatch } from "../src/modules/sla/jobs/watch";
import { refreshProblemSuggestions } from "../src/modules/problems/suggest/refresh";
import { refreshKpiFacts } from "../src/modules/reporting";
import { seedDatabase, type SeedResult } from "./seed";

export interface JobTiming {
  name: string;
  seconds: number;
  counts: Record<string, number>;
  /** Seconds a full pass may take (issue budget), or null for a reported figure. */
  budget: number | null;
}

/** The big data set of the jobs and the dashboard, seeded once. */
export interface BigDataSet {
  dataDir: string;
  databaseUrl: string;
  tickets: number;
  seeded: SeedResult;
}

type Job = { name: string; budget: number | null; run: (deps: Deps) => Promise<object> };

const WATCH_JOBS: Job[] = [
  { name: "sla-watch", budget: 2, run: runSlaWatch },
  { name: "stale-tickets", budget: 2, run: runStaleTickets },
  { name: "unassigned-watch", budget: null, run: runUnassignedWatch },
  { name: "pending-reminders", budget: null, run: runPendingReminders },
  { name: "auto-close", budget: null, run: runAutoClose },
  { name: "problem-suggest", budget: null, run: refreshProblemSuggestions },
];

/** Tickets changed between two kpi-facts runs (it runs every minute): a busy desk's minute, and then some. */
const TOUCHED = 300;
/** Articles of the big data set: what its deflections point at (the searches are the desk data set's). */
const KB_ARTICLES = 300;

/**
 * The big data set (1,000,000 tickets by default): seeded like the desk's, the open tickets
 * with their SLA clocks replayed as of an hour ago, so a watch pass at "now" has the last
 * hour's warnings and breaches to do (and the first stale-tickets pass finds every quiet
 * ticket); with satisfaction surveys and knowledge-base deflections for the dashboard.
 */
export async function seedBigDataSet(o: { tickets: number; employees: number; seed: number; dataDir: string; databaseUrl: string }, log: (s: string) => void): Promise<BigDataSet> {
  const dataDir = path.join(o.dataDir, "jobs");
  fs.mkdirSync(dataDir, { recursive: true });
  log(`seeding ${o.tickets.toLocaleString("en")} tickets for the jobs and the dashboard ...`);
  const seeded = await seedDatabase({ ...o, analyze: true, dataDir, kbArticles: KB_ARTICLES, reports: true }, log);
  log(`  seeded in ${seeded.seconds.toFixed(1)} s (${seeded.counts.open.toLocaleString("en")} open)`);
  return { dataDir, databaseUrl: o.databaseUrl, tickets: o.tickets, seeded };
}

async function timed(deps: Deps, job: Job): Promise<JobTiming> {
  const t0 = performance.now();
  const counts = (await job.run(deps)) as Record<string, number>;
  return { name: job.name, seconds: (performance.now() - t0) / 1000, counts, budget: job.budget };
}

/** `TOUCHED` tickets spread over the whole data set (open and resolved alike) changed now, as commands would stamp them. */
async function touchTickets(deps: Deps, total: number): Promise<Record<string, number>> {
  const ids = Array.from({ length: Math.min(TOUCHED, total) }, (_, k) => 1 + Math.floor((k * total) / Math.min(TOUCHED, total)));
  await rawQuery(deps.db, `UPDATE tickets SET updated_at = ? WHERE id IN (${placeholders(ids.length)})`, [deps.clock.now().getTime(), ...ids]);
  return { touched: ids.length };
}

/**
 * Each job once, in this process, on the big data set: the KPI facts' first run over every
 * resolved ticket (as an upgraded desk gets them), then a usual minute (a few hundred
 * tickets changed, the facts' incremental run), then the watch jobs' passes and the KPI
 * facts of what those passes changed (a catch-up: the pending reminders resolve thousands
 * of tickets at once on this data set), so the dashboard afterwards reads settled facts.
 */
export async function benchJobs(big: BigDataSet, log: (s: string) => void): Promise<JobTiming[]> {
  const config = loadConfig({ ...process.env, NODE_ENV: "bench", DATA_DIR: big.dataDir, DATABASE_URL: big.databaseUrl, LOG_LEVEL: "silent" });
  const db = await connect(config, { migrate: false });
  const deps: Deps = { db, config, clock: systemClock, logger: createLogger("silent"), bus: new EventBus() };
  try {
    const out: JobTiming[] = [];
    log("  kpi-facts: the first run over every resolved ticket ...");
    out.push(await timed(deps, { name: "kpi-facts (backfill)", budget: null, run: refreshKpiFacts }));
    const touched = await touchTickets(deps, big.tickets);
    const next = await timed(deps, { name: "kpi-facts", budget: 2, run: refreshKpiFacts });
    out.push({ ...next, counts: { ...touched, ...next.counts } });
    for (const job of WATCH_JOBS) out.push(await timed(deps, job));
    out.push(await timed(deps, { name: "kpi-facts (catch-up)", budget: null, run: refreshKpiFacts }));
    return out;
  } finally {
    await db.destroy();
  }
}

export function jobsTable(rows: JobTiming[]): string {
  const lines = [
    "| job                  | seconds | budget  | OK/FAIL  | what it did |",
    "|----------------------|--------:|---------|----------|-------------|",
    ...rows.map((r) => `| ${r.name.padEnd(20)} | ${r.seconds.toFixed(2).padStart(7)} | ${(r.budget ? `<= ${r.budget} s` : "-").padEnd(7)} | ` +
      `${(r.budget ? (r.seconds <= r.budget ? "OK" : "FAIL") : "(report)").padEnd(8)} | ${Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(", ")} |`),
  ];
  return lines.join("\n");
}
