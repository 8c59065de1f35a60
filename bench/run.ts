import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../src/platform/config";
import { formatNumber } from "../src/modules/tickets/ticket.types";
import { parseArgs, type BenchOptions } from "./args";
import { FILTER_WORD, seedDatabase, type SeedResult } from "./seed";
import { KB_ARTICLES } from "./seed-kb";
import { dropPgDatabase, recreatePgDatabase } from "./sinks";
import { serverLogTail, startServer, type ServerHandle } from "./server";
import { apiToken, fetchPage, signIn, type SignedIn } from "./session";
import { SCENARIOS, runScenario, type ScenarioResult } from "./scenarios";
import { budgetText, table } from "./report";
import { explainDeskQueries, formatPlans, type QueryReport } from "./explain";
import { formatProfile, summariseProfile, type ProfileSummary } from "./profile";
import { benchJobs, jobsTable, type JobTiming } from "./jobs";

/**
 * npm run bench: seed a big deterministic data set straight through SQL, start the real
 * server, sign in as an N1 agent and load the desk's hot pages with autocannon.
 * A benchmark, not a test: budgets that fail are printed as FAIL, the exit code stays 0.
 */

const PG_BENCH_DB = "niveau_bench";
const PG_BENCH_DB_JOBS = "niveau_bench_jobs";
const RESULTS = path.join(ROOT, "bench", "results.json");
const log = (s = "") => console.log(s);

/** Rows in the queue page's table (one link per ticket number). */
function queueRows(html: string): number {
  return new Set([...html.matchAll(/href="\/tickets\/((?:INC|REQ)-\d+)"/g)].map((m) => m[1])).size;
}

async function sanityChecks(baseUrl: string, s: SignedIn, employee: SignedIn, seeded: SeedResult): Promise<void> {
  const q = await fetchPage(baseUrl, "/desk/queues/1?view=open", s);
  if (q.status !== 200) throw new Error(`the N1 queue answered ${q.status} to the signed-in agent`);
  const rows = queueRows(q.html);
  const id = seeded.tier1.ids[0];
  const number = formatNumber(seeded.tier1.isRequest[0] ? "request" : "incident", id);
  const t = await fetchPage(baseUrl, `/tickets/${number}`, s);
  if (t.status !== 200) throw new Error(`GET /tickets/${number} answered ${t.status} to the signed-in agent`);
  log(`  signed in as the N1 agent; the open queue shows ${rows} tickets, ${number} opens (${(q.html.length / 1024).toFixed(0)} KB and ${(t.html.length / 1024).toFixed(0)} KB of HTML)`);
  if (rows !== 25) log(`  WARNING: the queue page should show 25 tickets, it shows ${rows}`);
  const kb = await fetchPage(baseUrl, "/api/v1/kb/search?q=imprimante&limit=10", employee);
  if (kb.status !== 200) throw new Error(`the knowledge-base search answered ${kb.status} to the signed-in employee`);
  log(`  signed in as an employee; the knowledge-base search for "imprimante" gives ${(JSON.parse(kb.html) as { items: unknown[] }).items.length} articles`);
}

async function main(): Promise<void> {
  const o: BenchOptions = parseArgs(process.argv.slice(2));
  const scenarios = o.only.length ? SCENARIOS.filter((s) => o.only.includes(s.name)) : SCENARIOS;
  const withJobs = o.jobTickets > 0 && (!o.only.length || o.only.includes("jobs"));
  const unknown = o.only.filter((n) => n !== "jobs" && !SCENARIOS.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(", ")}; known: ${SCENARIOS.map((s) => s.name).join(", ")}`);
  const pgServerUrl = process.env.DATABASE_URL ?? "";
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "niveau-bench-"));
  const profileDir = o.profile ? path.join(dataDir, "profiles") : undefined;
  let databaseUrl = "";
  let server: ServerHandle | undefined;
  let cleaned = false;
  let jobsDb = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await server?.stop();
    if (o.keep) {
      log(`kept the data folder ${dataDir}${databaseUrl ? ` and the database ${PG_BENCH_DB}` : ""}`);
      return;
    }
    if (jobsDb) await dropPgDatabase(pgServerUrl, PG_BENCH_DB_JOBS).catch(() => undefined);
    if (databaseUrl) await dropPgDatabase(pgServerUrl, PG_BENCH_DB).catch((err: Error) => console.error(`could not drop ${PG_BENCH_DB}: ${err.message}`));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      console.error(`\n${sig}: stopping the server and cleaning up`);
      cleanup().finally(() => process.exit(130));
    });
  }

  try {
    const [l1, l5] = os.loadavg();
    log(`Niveau bench: ${o.tickets.toLocaleString("en")} tickets, ${o.employees.toLocaleString("en")} employees, ${pgServerUrl ? "PostgreSQL" : "SQLite"}; ` +
      `${os.cpus().length} CPUs, load average ${l1.toFixed(1)} / ${l5.toFixed(1)}; node ${process.version}`);
    if (l1 > os.cpus().length) log("  NOTE: the machine is already busy; the numbers below will be lower than on an idle machine.");
    if (pgServerUrl) databaseUrl = await recreatePgDatabase(pgServerUrl, PG_BENCH_DB);

    log(`seeding ${databaseUrl ? `database ${PG_BENCH_DB}` : dataDir} ...`);
    const seeded = await seedDatabase({ tickets: o.tickets, employees: o.employees, seed: o.seed, analyze: o.analyze, dataDir, databaseUrl, kbArticles: KB_ARTICLES }, log);
    const c = seeded.counts;
    log(`  seeded in ${seeded.seconds.toFixed(1)} s: ${c.users} users, ${c.tickets} tickets (${c.open} open, ${c.openTier1} open at N1), ` +
      `${c.comments} comments, ${c.history} history rows`);

    let plans: QueryReport[] | undefined;
    if (o.explain) {
      plans = await explainDeskQueries({ dataDir, databaseUrl, agentId: seeded.agent.id, ticketId: seeded.tier1.ids[Math.floor(seeded.tier1.count / 2)], word: FILTER_WORD });
      log("\nthe desk's queries on the seeded database, slowest first (mean of 30 in-process runs):");
      log(formatPlans(plans));
    }

    server = await startServer({ dataDir, databaseUrl, profileDir });
    log(`\nserver pid ${server.pid} (${server.mode === "dist" ? "dist/src/main.js" : "src/main.ts through tsx"}) on ${server.baseUrl}`);
    const session = await signIn(server.baseUrl, seeded.agent.username, seeded.agent.password);
    const employee = await signIn(server.baseUrl, seeded.employee.username, seeded.employee.password);
    const employeeToken = await apiToken(server.baseUrl, employee, "bench");
    await sanityChecks(server.baseUrl, session, employee, seeded);

    const results: ScenarioResult[] = [];
    for (const sc of scenarios) {
      const connections = sc.connections ?? o.connections;
      log(`  ${sc.name}: ${o.warmup} s warm-up, then ${o.duration} s with ${connections} connections ...`);
      results.push(await runScenario({ baseUrl: server.baseUrl, serverPid: server.pid, session, employee, employeeToken, tier1: seeded.tier1, seed: o.seed, word: FILTER_WORD, assets: seeded.counts.assets }, sc,
        { warmup: o.warmup, duration: o.duration, connections }));
    }
    await server.stop();

    const reference = !pgServerUrl && o.tickets === 100_000;
    log("");
    log(table(results));
    if (!reference) log("  (the budgets are set for 100,000 tickets on SQLite; here they are only a reference)");
    const failed = results.filter((r) => r.ok === false);
    log(failed.length ? `\nFAIL: ${failed.map((r) => `${r.name} (${budgetText(r.budget)})`).join("; ")}` : "\nall budgets met");

    let jobs: JobTiming[] | undefined;
    if (withJobs) {
      log("");
      jobs = await benchJobs({ tickets: o.jobTickets, employees: o.employees, seed: o.seed, dataDir, databaseUrl: databaseUrl ? await recreatePgDatabase(pgServerUrl, PG_BENCH_DB_JOBS) : "" }, log);
      if (databaseUrl) jobsDb = true;
      log("");
      log(jobsTable(jobs));
      const slow = jobs.filter((j) => j.budget !== null && j.seconds > j.budget);
      log(slow.length ? `FAIL: ${slow.map((j) => `${j.name} (${j.seconds.toFixed(2)} s > ${j.budget} s)`).join("; ")}` : "watch jobs within their budgets");
    }

    let profile: ProfileSummary | undefined;
    if (profileDir) {
      const file = fs.existsSync(profileDir) ? fs.readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile")) : undefined;
      if (file) {
        // outside the repository (and outside the data folder, which goes away): open it in Chrome DevTools
        const kept = path.join(os.tmpdir(), `niveau-bench-${Date.now()}.cpuprofile`);
        fs.copyFileSync(path.join(profileDir, file), kept);
        profile = summariseProfile(kept);
        log(`\n${formatProfile(profile)}`);
      } else log("\nno CPU profile was written (the server did not exit cleanly)");
    }

    fs.writeFileSync(RESULTS, `${JSON.stringify({
      date: new Date().toISOString(), database: seeded.dialect, server: server.mode, node: process.version,
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAverageAtStart: [l1, l5] },
      options: { ...o }, seedSeconds: seeded.seconds, counts: seeded.counts, budgetsApply: reference,
      scenarios: results, jobs, plans, profile,
    }, null, 2)}\n`);
    log(`results written to ${path.relative(process.cwd(), RESULTS)}`);
  } catch (err) {
    console.error(`\nbench failed: ${err instanceof Error ? err.message : String(err)}`);
    if (server) console.error(`last lines of the server log:\n${serverLogTail(server.logFile)}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

void main();
