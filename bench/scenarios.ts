import fs from "node:fs";
import autocannon from "autocannon";
import { formatNumber } from "../src/modules/tickets/ticket.types";
import { prng } from "./prng";
import { multipart, type SignedIn } from "./session";
import type { SeedResult } from "./seed";

export interface Budget {
  minRps?: number;
  maxP50Ms?: number;
  maxP99Ms?: number;
}

/** Who sends a scenario's requests: a signed-in session, or (`-api`) that person's API token, as a tool sends it. */
export type Who = "agent" | "employee" | "supervisor" | "employee-api" | "supervisor-api";

/** What every scenario gets: the server, and the people signed in on it. */
export interface BaseContext {
  baseUrl: string;
  /** The server process, to read its CPU time (Linux /proc). */
  serverPid: number;
  seed: number;
  sessions: Partial<Record<"agent" | "employee" | "supervisor", SignedIn>>;
  tokens: Partial<Record<"employee" | "supervisor", string>>;
}

/** The desk's scenarios: the N1 agent's and an employee's sessions (and the employee's token for the knowledge-base search API). */
export interface ScenarioContext extends BaseContext {
  tier1: SeedResult["tier1"];
  word: string;
  /** Assets seeded: ids 1..n; every fifth one from 1 is a laptop tagged PC-<id>. */
  assets: number;
}

export interface Scenario<C extends BaseContext = ScenarioContext> {
  name: string;
  label: string;
  /** The one status a good answer has; anything else is counted as an error. */
  expectStatus: number;
  budget: Budget | null;
  /** Who sends the requests: the N1 agent's session unless told. */
  as?: Who;
  /**
   * Requests in flight, when the scenario's budget names a latency at a given load rather
   * than the run's --connections (the default). The label says it.
   */
  connections?: number;
  /** Seconds of measured load, when the run's --duration would give too few samples (a heavy page). */
  duration?: number;
  load(ctx: C): Pick<autocannon.Options, "url" | "method" | "body" | "headers" | "requests">;
  /** Something to run beside the load (started before the warm-up, stopped after the measured run). */
  beside?(ctx: C): () => Promise<void>;
}

/** The session of `who`, or a clear error when the scenario's context has none. */
export function sessionOf(ctx: BaseContext, who: "agent" | "employee" | "supervisor"): SignedIn {
  const s = ctx.sessions[who];
  if (!s) throw new Error(`nobody signed in as the ${who} for this scenario`);
  return s;
}

/** The headers that say who asks: an API token or a session cookie. */
function credentials(ctx: BaseContext, who: Who): Record<string, string> {
  if (who === "employee-api" || who === "supervisor-api") {
    const token = ctx.tokens[who === "employee-api" ? "employee" : "supervisor"];
    if (!token) throw new Error(`no API token of the ${who.replace("-api", "")} for this scenario`);
    return { authorization: `Bearer ${token}`, accept: "application/json" };
  }
  return { cookie: sessionOf(ctx, who).cookie, accept: "text/html" };
}

/**
 * A browser follows the 303 after a creation, and that GET takes the one-time flash
 * message out of the session. autocannon does not follow redirects, so without this the
 * session would collect one flash per creation (thousands in a run) and every request
 * would parse, hash and rewrite an ever bigger session. Ten cheap GETs a second
 * (/desk answers with a redirect) keep it small without mixing page views into the figures.
 */
function drainFlash(ctx: ScenarioContext): () => Promise<void> {
  let running = true;
  const { cookie } = sessionOf(ctx, "agent");
  const loop = (async () => {
    while (running) {
      await fetch(`${ctx.baseUrl}/desk`, { headers: { cookie }, redirect: "manual" }).then((r) => r.arrayBuffer(), () => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

export const SCENARIOS: Scenario[] = [
  {
    name: "queue", label: "N1 open queue (25 rows)", expectStatus: 200, budget: { minRps: 400, maxP99Ms: 50 },
    load: (ctx) => ({ url: `${ctx.baseUrl}/desk/queues/1?view=open` }),
  },
  {
    name: "ticket", label: "random tier-1 ticket page", expectStatus: 200, budget: { minRps: 500 },
    load: (ctx) => {
      // one seeded sequence for the whole run: the same tickets every time, in whatever order the connections ask
      const rng = prng(ctx.seed ^ 0x5eed);
      const { ids, isRequest, count } = ctx.tier1;
      if (!count) throw new Error("no tier-1 ticket was seeded");
      return {
        url: ctx.baseUrl,
        requests: [{
          method: "GET",
          setupRequest: (req) => {
            const k = Math.floor(rng.next() * count);
            return { ...req, path: `/tickets/${formatNumber(isRequest[k] ? "request" : "incident", ids[k])}` };
          },
        }],
      };
    },
  },
  {
    // two open major incidents: the banner (cached a few seconds per process) and the person's standing in it;
    // before "create", which gives the bench agent thousands of tickets of its own
    name: "portal", label: "portal home with two major-incident banners", expectStatus: 200, budget: null,
    load: (ctx) => ({ url: `${ctx.baseUrl}/portal` }),
  },
  {
    name: "create", label: "create a ticket (portal form)", expectStatus: 303, budget: { minRps: 200 },
    load: (ctx) => {
      const form = multipart({
        // no filter word in the title: the text-filter scenario runs after this one
        _csrf: sessionOf(ctx, "agent").csrf, type: "incident", title: "Bench: the docking station drops the network",
        description: "Created by npm run bench.\nThe network goes away each time the laptop is docked.",
        categoryId: "", impact: "medium", urgency: "medium", callbackPhone: "",
      });
      return { url: `${ctx.baseUrl}/tickets`, method: "POST", body: form.body, headers: { "content-type": form.contentType } };
    },
    beside: drainFlash,
  },
  {
    name: "assets", label: "asset list, laptops in use (50 rows)", expectStatus: 200, budget: null,
    load: (ctx) => ({ url: `${ctx.baseUrl}/assets?type=laptop&status=in_use` }),
  },
  {
    name: "asset", label: "random laptop's page (history, tickets)", expectStatus: 200, budget: null,
    load: (ctx) => {
      const rng = prng(ctx.seed ^ 0xa55e7);
      const laptops = Math.floor(ctx.assets / 5);
      if (!laptops) throw new Error("no asset was seeded");
      return {
        url: ctx.baseUrl,
        requests: [{
          method: "GET",
          setupRequest: (req) => ({ ...req, path: `/assets/PC-${String(5 * Math.floor(rng.next() * laptops) + 1).padStart(6, "0")}` }),
        }],
      };
    },
  },
  {
    name: "filter", label: "N1 open queue, text filter", expectStatus: 200, budget: null,
    load: (ctx) => ({ url: `${ctx.baseUrl}/desk/queues/1?view=open&q=${encodeURIComponent(ctx.word)}` }),
  },
  // the knowledge base (10,000 articles): an employee's searches through the API, then the portal's page
  {
    // four searches in flight keep the one server process busy all the time (its req/s is the
    // most it serves), and p50 is then the latency under that full load; with --connections
    // 10 the p50 would mostly measure the queue in front of a saturated server
    name: "kb-search-1", label: "KB search API, one word (employee's token, 4 in flight)", expectStatus: 200, budget: { minRps: 500, maxP50Ms: 10 }, as: "employee-api", connections: 4,
    load: (ctx) => rotate(ctx, KB_ONE_WORD, (q) => `/api/v1/kb/search?q=${encodeURIComponent(q)}&limit=10`),
  },
  {
    name: "kb-search-2", label: "KB search API, two words (employee's token, 4 in flight)", expectStatus: 200, budget: { minRps: 500, maxP50Ms: 10 }, as: "employee-api", connections: 4,
    load: (ctx) => rotate(ctx, KB_TWO_WORDS, (q) => `/api/v1/kb/search?q=${encodeURIComponent(q)}&limit=10`),
  },
  {
    name: "kb-portal", label: "portal knowledge-base page, two-word search (employee)", expectStatus: 200, budget: null, as: "employee",
    load: (ctx) => rotate(ctx, KB_TWO_WORDS, (q) => `/kb?q=${encodeURIComponent(q)}`),
  },
  {
    // what the new-ticket form asks while someone describes a problem in a sentence
    name: "kb-suggest", label: "suggestions beside a new ticket, title + sentence (employee)", expectStatus: 200, budget: null, as: "employee",
    load: (ctx) => rotate(ctx, KB_SENTENCES, ([title, description]) =>
      `/kb/suggest?title=${encodeURIComponent(title)}&description=${encodeURIComponent(description)}`),
  },
];

/** A title and the first sentence of a description, as employees write them. */
const KB_SENTENCES: readonly (readonly [string, string])[] = [
  ["Imprimante bloquée", "Bonjour, depuis ce matin l'imprimante du 3e étage affiche une erreur et plus rien ne sort."],
  ["PC très lent", "Mon ordinateur portable est très lent depuis la mise à jour Windows d'hier, Outlook met des minutes à s'ouvrir."],
  ["VPN disconnects", "Since this morning the VPN drops every ten minutes when I work from home, I have to log in again each time."],
  ["Écran noir", "Quand j'allume le poste, l'écran reste noir alors que l'unité centrale démarre bien."],
  ["Password expired", "I cannot sign in anymore, it says my password has expired and the reset page does not work."],
];

/** What employees type, as typed (accents or not): the first is the issue's example. */
const KB_ONE_WORD = ["imprimante", "écran", "vpn", "outlook", "badge", "printer", "password", "teams", "certificat", "batterie"];
const KB_TWO_WORDS = ["ecran noir", "imprimante bloquée", "vpn connexion", "mot de passe", "printer queue", "black screen", "outlook lent",
  "wifi invités", "teams crashes", "badge verrouillé"];

/** The same GET over a list of queries, one after the other (the same sequence every run). */
function rotate<Q>(ctx: ScenarioContext, queries: readonly Q[], path: (q: Q) => string): Pick<autocannon.Options, "url" | "requests"> {
  let k = 0;
  return { url: ctx.baseUrl, requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: path(queries[k++ % queries.length]) }) }] };
}

export interface ScenarioResult {
  name: string;
  label: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** e.g. "403 x12, connection x1" */
  errorDetail: string;
  budget: Budget | null;
  ok: boolean | null;
  /** Server CPU time (user + system) per request, and the share of one core it used: independent of what else runs on the machine. */
  cpuMsPerRequest: number | null;
  serverCores: number | null;
}

/** utime + stime of a process in ms (Linux: /proc/<pid>/stat, in USER_HZ = 100 ticks a second). */
function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function run<C extends BaseContext>(ctx: C, sc: Scenario<C>, seconds: number, connections: number): Promise<autocannon.Result> {
  const load = sc.load(ctx);
  return autocannon({
    ...load,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { ...load.headers, ...credentials(ctx, sc.as ?? "agent") },
  });
}

/** A warm-up (thrown away: JIT, statement cache, EJS cache, SQLite pages), then the measured run. */
export async function runScenario<C extends BaseContext>(ctx: C, sc: Scenario<C>, o: { warmup: number; duration: number; connections: number }): Promise<ScenarioResult> {
  const stopBeside = sc.beside?.(ctx);
  let r: autocannon.Result;
  let cpu0: number | null;
  let cpu1: number | null;
  try {
    await run(ctx, sc, o.warmup, o.connections);
    cpu0 = cpuMs(ctx.serverPid);
    r = await run(ctx, sc, o.duration, o.connections);
    cpu1 = cpuMs(ctx.serverPid);
  } finally {
    await stopBeside?.();
  }
  const cpu = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
  const bad: string[] = [];
  let errors = 0;
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) {
    const n = stat.count ?? 0;
    if (Number(code) !== sc.expectStatus && n > 0) {
      errors += n;
      bad.push(`${code} x${n}`);
    }
  }
  if (r.errors) {
    errors += r.errors;
    bad.push(`${r.timeouts ? `timeout x${r.timeouts}, ` : ""}connection x${r.errors - r.timeouts}`.replace(", connection x0", ""));
  }
  const rps = r.requests.average;
  const ok = sc.budget ? rps >= (sc.budget.minRps ?? 0) && (sc.budget.maxP50Ms === undefined || r.latency.p50 <= sc.budget.maxP50Ms)
    && (sc.budget.maxP99Ms === undefined || r.latency.p99 <= sc.budget.maxP99Ms) && errors === 0 : null;
  return {
    name: sc.name, label: sc.label, requests: r.requests.total, rps, p50: r.latency.p50, p99: r.latency.p99,
    errors, errorDetail: bad.join(", "), budget: sc.budget, ok,
    cpuMsPerRequest: cpu !== null && r.requests.total ? cpu / r.requests.total : null,
    serverCores: cpu !== null ? cpu / 1000 / r.duration : null,
  };
}

/** Each scenario in turn, with its own connections and duration when it names them. */
export async function runScenarios<C extends BaseContext>(ctx: C, scenarios: Scenario<C>[], o: { warmup: number; duration: number; connections: number }, log: (s: string) => void): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const sc of scenarios) {
    const connections = sc.connections ?? o.connections;
    const duration = sc.duration ?? o.duration;
    log(`  ${sc.name}: ${o.warmup} s warm-up, then ${duration} s with ${connections} connections ...`);
    results.push(await runScenario(ctx, sc, { warmup: o.warmup, duration, connections }));
  }
  return results;
}
