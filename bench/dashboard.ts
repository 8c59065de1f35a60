import type { BigDataSet } from "./jobs";
import { startServer, type ServerHandle } from "./server";
import { apiToken, fetchPage, signIn } from "./session";
import { runScenarios, sessionOf, type BaseContext, type Scenario, type ScenarioResult } from "./scenarios";

/** The dashboard's scenarios over the big data set: the N1 group's id in the URLs. */
export interface DashboardContext extends BaseContext {
  n1GroupId: number;
}

/**
 * The dashboard is a heavy page (every figure over a month of a million-ticket desk):
 * two requests in flight, as two managers opening it at once, and 20 seconds to gather
 * enough of them for a p50 and a p99.
 */
const HEAVY = { connections: 2, duration: 20 } as const;

export function dashboardScenarios(tickets: number): Scenario<DashboardContext>[] {
  const over = `over ${tickets.toLocaleString("en")} tickets`;
  return [
    {
      name: "dashboard", label: `last 30 days ${over} (supervisor)`, expectStatus: 200, budget: { maxP50Ms: 1000 }, as: "supervisor", ...HEAVY,
      load: (ctx) => ({ url: `${ctx.baseUrl}/reports` }),
    },
    {
      name: "dashboard-n1", label: `dashboard of the N1 group, last 30 days ${over} (N1 agent)`, expectStatus: 200, budget: null, as: "agent", ...HEAVY,
      load: (ctx) => ({ url: `${ctx.baseUrl}/reports?group=${ctx.n1GroupId}` }),
    },
    {
      name: "dashboard-api", label: `KPI API, last 30 days ${over} (supervisor's token)`, expectStatus: 200, budget: null, as: "supervisor-api", ...HEAVY,
      load: (ctx) => ({ url: `${ctx.baseUrl}/api/v1/reports/kpis` }),
    },
    {
      name: "dashboard-csv", label: `CSV export of the daily flow, last 30 days ${over} (supervisor)`, expectStatus: 200, budget: null, as: "supervisor", ...HEAVY,
      load: (ctx) => ({ url: `${ctx.baseUrl}/reports/export/flow-daily.csv` }),
    },
  ];
}

/** One request of each scenario before the load: its status, its size, and the headline figures the API gives. */
async function sanityChecks(ctx: DashboardContext, scenarios: Scenario<DashboardContext>[], log: (s: string) => void): Promise<void> {
  for (const sc of scenarios) {
    const url = new URL(String(sc.load(ctx).url));
    const t0 = performance.now();
    const res = sc.as === "supervisor-api"
      ? await fetch(url, { headers: { authorization: `Bearer ${ctx.tokens.supervisor}` } }).then(async (r) => ({ status: r.status, html: await r.text() }))
      : await fetchPage(ctx.baseUrl, url.pathname + url.search, sessionOf(ctx, sc.as === "agent" ? "agent" : "supervisor"));
    const ms = performance.now() - t0;
    log(`  GET ${url.pathname}${url.search}: ${res.status}, ${(res.html.length / 1024).toFixed(0)} KB in ${ms.toFixed(0)} ms (first request)`);
    if (res.status !== sc.expectStatus) log(`  WARNING: ${sc.name} answers ${res.status}, its requests will count as errors`);
    if (sc.as === "supervisor-api" && res.status === 200) {
      const { kpis } = JSON.parse(res.html) as { kpis: Record<string, { value: unknown }> };
      const shown = ["backlog", "createdCount", "resolvedCount", "resolutionMedian", "slaResolutionCompliance", "fcrRate", "csatAverage"];
      log(`    ${shown.map((k) => `${k} ${JSON.stringify(kpis[k]?.value ?? null)}`).join(", ")}`);
    }
  }
}

/**
 * The real server on the big data set (its kpi-facts job has run), a supervisor and the N1
 * agent signed in, then each dashboard scenario. `started` hands the server to the caller
 * (who stops it on Ctrl-C); it is stopped here once the scenarios are done.
 */
export async function benchDashboard(
  big: BigDataSet, o: { warmup: number; duration: number; connections: number; seed: number; profileDir?: string; only: string[] },
  started: (s: ServerHandle) => void, log: (s: string) => void,
): Promise<ScenarioResult[]> {
  // the scheduled jobs are off: their runs are measured on their own (the jobs table), and a
  // kpi-facts run re-reading the watch jobs' changes (its overlap) would land in the page's figures
  const server = await startServer({ dataDir: big.dataDir, databaseUrl: big.databaseUrl, profileDir: o.profileDir, env: { JOBS_ENABLED: "false" } });
  started(server);
  try {
    log(`\nserver pid ${server.pid} (${server.mode === "dist" ? "dist/src/main.js" : "src/main.ts through tsx"}) on ${server.baseUrl}, on the ${big.tickets.toLocaleString("en")}-ticket data set (scheduled jobs off)`);
    const { seeded } = big;
    const supervisor = await signIn(server.baseUrl, seeded.supervisor.username, seeded.supervisor.password);
    const ctx: DashboardContext = {
      baseUrl: server.baseUrl, serverPid: server.pid, seed: o.seed, n1GroupId: seeded.groups[1],
      sessions: { supervisor, agent: await signIn(server.baseUrl, seeded.agent.username, seeded.agent.password) },
      tokens: { supervisor: await apiToken(server.baseUrl, supervisor, "bench") },
    };
    const all = dashboardScenarios(big.tickets);
    // "dashboard" is the whole group; a single one by its own name
    const scenarios = !o.only.length || o.only.includes("dashboard") ? all : all.filter((s) => o.only.includes(s.name));
    await sanityChecks(ctx, scenarios, log);
    return await runScenarios(ctx, scenarios, o, log);
  } finally {
    await server.stop();
  }
}
