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
import { SCENARIOS, runScenarios, type ScenarioResult } from "./scenarios";
import { budgetText, table } from "./report";
import { explainDashboardQueries, explainDeskQueries, formatPlans, type QueryReport } from "./explain";
import { formatProfile, summariseProfile, type ProfileSummary } from "./profile";
import { benchJobs, jobsTable, seedBigDataSet, type JobTiming } from "./jobs";
import { benchDashboard, dashboardScenarios } from "./dashboard";

/**
 * npm run bench: seed a big deterministic data set straight through SQL, start the real
 * server, sign in as an N1 agent and load the desk's hot pages with autocannon; then a
 * second, bigger data set (1,000,000 tickets) for the jobs (the KPI facts, the watch jobs)
 * and the dashboard, served by the real server again.
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

/** The profile the server wrote in `dir`, kept outside the data folder (which goes away) and summarised. */
function keptProfile(dir: string | undefined, name: string): ProfileSummary | undefined {
  if (!dir) return undefined;
  const file = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile")) : undefined;
  if (!file) {
    log(`\nno CPU profile of the ${name} server was written (it did not exit cleanly)`);
    return undefined;
  }
  // outside the repository too: open it in Chrome DevTools
  const kept = path.join(os.tmpdir(), `niveau-bench-${name}-${Date.now()}.cpuprofile`);
  fs.copyFileSync(path.join(dir, file), kept);
  const profile = summariseProfile(kept);
  log(`\n${name}: ${formatProfile(profile)}`);
  return profile;
}

async function main(): Promise<void> {
  const o: BenchOptions = parseArgs(process.argv.slice(2));
  const selected = (name: string) => !o.only.length || o.only.includes(name);
  const scenarios = SCENARIOS.filter((s) => selected(s.name));
  const dashboardNames = dashboardScenarios(0).map((s) => s.name);
  const withDashboard = dashboardNames.some(selected);
  const withJobs = selected("jobs");
  const known = [...SCENARIOS.map((s) => s.name), "jobs", ...dashboardNames];
  const unknown = o.only.filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(", ")}; known: ${known.join(", ")}`);
  if (withDashboard && !o.jobTickets) log("NOTE: --job-tickets 0: no big data set, so no dashboard scenarios");
  const pgServerUrl = process.env.DATABASE_URL ?? "";
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "niveau-bench-"));
  const profileDir = o.profile ? path.join(dataDir, "profiles") : undefined;
  const dashboardProfileDir = o.profile ? path.join(dataDir, "profiles-dashboard") : undefined;
  let databaseUrl = "";
  // the servers running (stopped on Ctrl-C): the desk data set's, then the big one's
  const servers: { desk?: ServerHandle; dashboard?: ServerHandle } = {};
  let cleaned = false;
  let jobsDb = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await servers.desk?.stop();
    await servers.dashboard?.stop();
    if (o.keep) {
      log(`kept the data folder ${dataDir}${databaseUrl ? ` and the database ${PG_BENCH_DB}` : ""}${jobsDb ? ` and ${PG_BENCH_DB_JOBS}` : ""}`);
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
    log(`Niveau bench: ${scenarios.length ? `${o.tickets.toLocaleString("en")} tickets for the desk, ` : ""}` +
      `${o.jobTickets && (withJobs || withDashboard) ? `${o.jobTickets.toLocaleString("en")} for the jobs${withDashboard ? " and the dashboard" : ""}, ` : ""}` +
      `${o.employees.toLocaleString("en")} employees, ${pgServerUrl ? "PostgreSQL" : "SQLite"}; ` +
      `${os.cpus().length} CPUs, load average ${l1.toFixed(1)} / ${l5.toFixed(1)}; node ${process.version}`);
    if (l1 > os.cpus().length) log("  NOTE: the machine is already busy; the numbers below will be lower than on an idle machine.");
    let seeded: SeedResult | undefined;
    let plans: QueryReport[] | undefined;
    let results: ScenarioResult[] = [];
    if (scenarios.length) {
      if (pgServerUrl) databaseUrl = await recreatePgDatabase(pgServerUrl, PG_BENCH_DB);
      log(`seeding ${databaseUrl ? `database ${PG_BENCH_DB}` : dataDir} ...`);
      seeded = await seedDatabase({ tickets: o.tickets, employees: o.employees, seed: o.seed, analyze: o.analyze, dataDir, databaseUrl, kbArticles: KB_ARTICLES }, log);
      const c = seeded.counts;
      log(`  seeded in ${seeded.seconds.toFixed(1)} s: ${c.users} users, ${c.tickets} tickets (${c.open} open, ${c.openTier1} open at N1), ` +
        `${c.comments} comments, ${c.history} history rows`);

      if (o.explain) {
        plans = await explainDeskQueries({ dataDir, databaseUrl, agentId: seeded.agent.id, ticketId: seeded.tier1.ids[Math.floor(seeded.tier1.count / 2)], word: FILTER_WORD });
        log("\nthe desk's queries on the seeded database, slowest first (mean of 30 in-process runs):");
        log(formatPlans(plans));
      }

      const server = servers.desk = await startServer({ dataDir, databaseUrl, profileDir });
      log(`\nserver pid ${server.pid} (${server.mode === "dist" ? "dist/src/main.js" : "src/main.ts through tsx"}) on ${server.baseUrl}`);
      const session = await signIn(server.baseUrl, seeded.agent.username, seeded.agent.password);
      const employee = await signIn(server.baseUrl, seeded.employee.username, seeded.employee.password);
      const employeeToken = await apiToken(server.baseUrl, employee, "bench");
      await sanityChecks(server.baseUrl, session, employee, seeded);

      results = await runScenarios({
        baseUrl: server.baseUrl, serverPid: server.pid, seed: o.seed, sessions: { agent: session, employee }, tokens: { employee: employeeToken },
        tier1: seeded.tier1, word: FILTER_WORD, assets: seeded.counts.assets,
      }, scenarios, o, log);
      await server.stop();

      const reference = !pgServerUrl && o.tickets === 100_000;
      log("");
      log(table(results));
      if (!reference) log("  (the budgets are set for 100,000 tickets on SQLite; here they are only a reference)");
      const failed = results.filter((r) => r.ok === false);
      log(failed.length ? `\nFAIL: ${failed.map((r) => `${r.name} (${budgetText(r.budget)})`).join("; ")}` : "\nall budgets met");
    }

    let jobs: JobTiming[] | undefined;
    let dashboard: ScenarioResult[] | undefined;
    let dashboardPlans: QueryReport[] | undefined;
    if (o.jobTickets > 0 && (withJobs || withDashboard)) {
      log("");
      const jobsUrl = pgServerUrl ? await recreatePgDatabase(pgServerUrl, PG_BENCH_DB_JOBS) : "";
      if (jobsUrl) jobsDb = true;
      const big = await seedBigDataSet({ tickets: o.jobTickets, employees: o.employees, seed: o.seed, dataDir, databaseUrl: jobsUrl }, log);
      jobs = await benchJobs(big, log);
      log("");
      log(jobsTable(jobs));
      const slow = jobs.filter((j) => j.budget !== null && j.seconds > j.budget);
      log(slow.length ? `FAIL: ${slow.map((j) => `${j.name} (${j.seconds.toFixed(2)} s > ${j.budget} s)`).join("; ")}` : "jobs within their budgets");

      if (withDashboard) {
        if (o.explain) {
          dashboardPlans = await explainDashboardQueries({
            dataDir: big.dataDir, databaseUrl: big.databaseUrl, supervisorId: big.seeded.supervisor.id, agentId: big.seeded.agent.id, groupId: big.seeded.groups[1],
          });
          log("\nthe dashboard's queries on the big data set (supervisor, last 30 days), slowest first (mean of 5 in-process runs; the N1 agent's too):");
          log(formatPlans(dashboardPlans, 20));
        }
        dashboard = await benchDashboard(big, { ...o, profileDir: dashboardProfileDir }, (s) => { servers.dashboard = s; }, log);
        log("");
        log(table(dashboard));
        if (o.jobTickets !== 1_000_000) log("  (the dashboard's budget is set for 1,000,000 tickets; here it is only a reference)");
        const failed = dashboard.filter((r) => r.ok === false);
        if (failed.length) log(`\nFAIL: ${failed.map((r) => `${r.name} (${budgetText(r.budget)})`).join("; ")}`);
        else if (dashboard.some((r) => r.ok)) log("\ndashboard within its budget");
      }
    }

    const profile = keptProfile(profileDir, "desk");
    const dashboardProfile = keptProfile(dashboardProfileDir, "dashboard");

    const [e1, e5] = os.loadavg();
    log(`\nload average at the end ${e1.toFixed(1)} / ${e5.toFixed(1)}`);
    fs.writeFileSync(RESULTS, `${JSON.stringify({
      date: new Date().toISOString(), database: pgServerUrl ? "postgres" : "sqlite", server: (servers.desk ?? servers.dashboard)?.mode, node: process.version,
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAverageAtStart: [l1, l5], loadAverageAtEnd: [e1, e5] },
      options: { ...o }, seedSeconds: seeded?.seconds, counts: seeded?.counts, budgetsApply: !pgServerUrl && o.tickets === 100_000,
      scenarios: results, jobs, dashboard, plans, dashboardPlans, profile, dashboardProfile,
    }, null, 2)}\n`);
    log(`results written to ${path.relative(process.cwd(), RESULTS)}`);
  } catch (err) {
    console.error(`\nbench failed: ${err instanceof Error ? err.message : String(err)}`);
    for (const server of [servers.desk, servers.dashboard]) if (server) console.error(`last lines of the server log:\n${serverLogTail(server.logFile)}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

void main();
