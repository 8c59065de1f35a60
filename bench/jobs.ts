import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../src/platform/config";
import { connect } from "../src/platform/db/connect";
import { systemClock } from "../src/platform/clock";
import { createLogger } from "../src/platform/logger";
import { EventBus } from "../src/platform/events/bus";
import type { Deps } from "../src/platform/deps";
import { runSlaWatch } from "../src/modules/sla/jobs/sla-watch";
import { runAutoClose, runPendingReminders, runStaleTickets, runUnassignedWatch } from "../src/modules/sla/jobs/watch";
import { refreshProblemSuggestions } from "../src/modules/problems/suggest/refresh";
import { seedDatabase } from "./seed";

export interface JobTiming {
  name: string;
  seconds: number;
  counts: Record<string, number>;
  /** Seconds a full pass may take (issue budget), or null for a reported figure. */
  budget: number | null;
}

const JOBS: { name: string; budget: number | null; run: (deps: Deps) => Promise<object> }[] = [
  { name: "sla-watch", budget: 2, run: runSlaWatch },
  { name: "stale-tickets", budget: 2, run: runStaleTickets },
  { name: "unassigned-watch", budget: null, run: runUnassignedWatch },
  { name: "pending-reminders", budget: null, run: runPendingReminders },
  { name: "auto-close", budget: null, run: runAutoClose },
  { name: "problem-suggest", budget: null, run: refreshProblemSuggestions },
];

/**
 * The watch jobs over their own big data set (1,000,000 tickets by default): seeded like
 * the desk's, the open tickets with their SLA clocks replayed as of an hour ago, so a
 * pass at "now" has the last hour's warnings and breaches to do (and the first
 * stale-tickets pass finds every quiet ticket). Each job runs once, in this process.
 */
export async function benchJobs(o: { tickets: number; employees: number; seed: number; dataDir: string; databaseUrl: string }, log: (s: string) => void): Promise<JobTiming[]> {
  const dataDir = path.join(o.dataDir, "jobs");
  fs.mkdirSync(dataDir, { recursive: true });
  log(`seeding ${o.tickets.toLocaleString("en")} tickets for the watch jobs ...`);
  const seeded = await seedDatabase({ tickets: o.tickets, employees: o.employees, seed: o.seed, analyze: true, dataDir, databaseUrl: o.databaseUrl }, log);
  log(`  seeded in ${seeded.seconds.toFixed(1)} s (${seeded.counts.open.toLocaleString("en")} open)`);
  const config = loadConfig({ ...process.env, NODE_ENV: "bench", DATA_DIR: dataDir, DATABASE_URL: o.databaseUrl, LOG_LEVEL: "silent" });
  const db = await connect(config, { migrate: false });
  const deps: Deps = { db, config, clock: systemClock, logger: createLogger("silent"), bus: new EventBus() };
  try {
    const out: JobTiming[] = [];
    for (const job of JOBS) {
      const t0 = performance.now();
      const counts = (await job.run(deps)) as Record<string, number>;
      out.push({ name: job.name, seconds: (performance.now() - t0) / 1000, counts, budget: job.budget });
    }
    return out;
  } finally {
    await db.destroy();
  }
}

export function jobsTable(rows: JobTiming[]): string {
  const lines = [
    "| job               | seconds | budget  | OK/FAIL  | what it did |",
    "|-------------------|--------:|---------|----------|-------------|",
    ...rows.map((r) => `| ${r.name.padEnd(17)} | ${r.seconds.toFixed(2).padStart(7)} | ${(r.budget ? `<= ${r.budget} s` : "-").padEnd(7)} | ` +
      `${(r.budget ? (r.seconds <= r.budget ? "OK" : "FAIL") : "(report)").padEnd(8)} | ${Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(", ")} |`),
  ];
  return lines.join("\n");
}
