import "reflect-metadata";
import type { DataSource } from "typeorm";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/platform/config";
import { connect } from "../src/platform/db/connect";
import { createLogger } from "../src/platform/logger";
import { systemClock } from "../src/platform/clock";
import { EventBus } from "../src/platform/events/bus";
import { hashPassword } from "../src/platform/auth/password";
import { DEFAULT_GROUPS, ensureDefaults } from "../src/modules/admin/setup";
import { SupportGroup } from "../src/modules/users/group.entity";
import { Category } from "../src/modules/tickets/category.entity";
import { prng } from "./prng";
import { PostgresSink, SqliteSink, type Row, type Sink } from "./sinks";
import { COMMENT_COLUMNS, HISTORY_COLUMNS, SEGMENT_COLUMNS, TICKET_COLUMNS, generateTicket, isVip, type TicketRows, type World } from "./generate";
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, LOCATIONS } from "./seed-data";
import { seedAssets } from "./seed-assets";
import { seedKb } from "./seed-kb";
import { SURVEY_COLUMNS, seedDeflections, surveyMaker } from "./seed-reports";
import { AssetType } from "../src/modules/assets/asset.entity";

export const BENCH_PASSWORD = "bench-password-2026";
/** The signed-in agent of the load test: an N1 technician. */
export const BENCH_AGENT = "bench.n1";
/** The IT manager who reads the dashboard: a supervisor, in no group (every group's figures are theirs). */
export const BENCH_SUPERVISOR = "bench.supervisor";
/** The queue text filter's word: in about 3 % of titles. */
export const FILTER_WORD = "vpn";

const AGENTS_PER_TIER: Record<1 | 2 | 3, number> = { 1: 12, 2: 5, 3: 3 };
const SPAN_MS = 730 * 24 * 3600_000;
const BATCH = 2_000;
const TICKETS_PER_TRANSACTION = 50_000;

export interface SeedOptions {
  tickets: number;
  employees: number;
  seed: number;
  analyze: boolean;
  dataDir: string;
  /** Empty for SQLite in dataDir. */
  databaseUrl: string;
  /** Knowledge-base articles to seed (the search scenarios); none when left out (the jobs' data set). */
  kbArticles?: number;
  /** Satisfaction surveys and knowledge-base deflections for the dashboard (the 1,000,000-ticket data set). */
  reports?: boolean;
}

export interface SeedResult {
  dialect: "sqlite" | "postgres";
  agent: { id: number; username: string; password: string };
  supervisor: { id: number; username: string; password: string };
  /** The support group of each tier. */
  groups: World["groupByTier"];
  /** An active employee (the knowledge-base searches are theirs). */
  employee: { username: string; password: string };
  /** Tickets now at tier 1 (the bench agent reads them), with their type for the INC-/REQ- prefix. */
  tier1: { ids: Int32Array; isRequest: Uint8Array; count: number };
  counts: {
    users: number; assets: number; tickets: number; open: number; openTier1: number; comments: number; history: number; kbArticles: number;
    surveys: number; deflections: number;
  };
  seconds: number;
}

const USER_COLUMNS = [
  "id", "username", "provider", "display_name", "email", "phone", "department", "location", "locale", "timezone", "vip",
  "role", "active", "password_hash", "created_at", "updated_at",
] as const;

/** Migrate a fresh database with the app's own code, then pour the rows straight in through SQL. */
export async function seedDatabase(o: SeedOptions, log: (s: string) => void): Promise<SeedResult> {
  const t0 = performance.now();
  const cfg = loadConfig({ ...process.env, NODE_ENV: "bench", DATA_DIR: o.dataDir, DATABASE_URL: o.databaseUrl, LOG_LEVEL: "silent" });
  const db = await connect(cfg, { migrate: true });
  let groupByTier: World["groupByTier"];
  let categories: World["categories"];
  let typeIds: Map<string, number>;
  try {
    await ensureDefaults({ db, config: cfg, clock: systemClock, logger: createLogger("silent"), bus: new EventBus() });
    const groups = await db.getRepository(SupportGroup).find();
    const byName = (name: string) => {
      const g = groups.find((x) => x.name === name);
      if (!g) throw new Error(`default group ${name} missing after ensureDefaults`);
      return g.id;
    };
    groupByTier = { 1: byName(DEFAULT_GROUPS[0].name), 2: byName(DEFAULT_GROUPS[1].name), 3: byName(DEFAULT_GROUPS[2].name) };
    categories = (await db.getRepository(Category).find({ order: { id: "ASC" } })).map((c) => ({ id: c.id, name: c.name }));
    typeIds = new Map((await db.getRepository(AssetType).find()).map((t) => [t.code, t.id] as const));
  } finally {
    await db.destroy();
  }
  // one real argon2 hash, shared by every account (hashing 20,000 would take minutes)
  const hash = await hashPassword(BENCH_PASSWORD);
  const sink: Sink = o.databaseUrl ? await new PostgresSink(o.databaseUrl).open() : new SqliteSink(cfg.sqlitePath);
  try {
    const now = Date.now();
    const rng = prng(o.seed);
    const world = await seedUsers(sink, rng, o.employees, hash, now, groupByTier, categories);
    log(`  users: ${world.users} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    const survey = o.reports ? surveyMaker(o.seed, now) : undefined;
    const result = await seedTickets(sink, rng, { ...world, total: o.tickets, start: now - SPAN_MS, step: SPAN_MS / o.tickets }, log, t0, survey);
    const assets = await seedAssets(sink, { seed: o.seed, now, employees: world.employees, typeIds, incidents: result.incidents });
    log(`  assets: ${assets.assets.toLocaleString("en")}, linked to ${assets.links.toLocaleString("en")} incidents (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    await sink.finish({ analyze: o.analyze });
    const majors = await seedMajors(cfg, now, world.employees);
    log(`  major incidents: ${majors.majors}, attached ${majors.children}, followers ${majors.followers}`);
    const kb = o.kbArticles ? await withDb(cfg, (db) => seedKb(db, { seed: o.seed, now, count: o.kbArticles!, authors: Object.values(world.agentsByTier).flat() }))
      : { articles: 0, agentsOnly: 0 };
    if (kb.articles) log(`  knowledge base: ${kb.articles.toLocaleString("en")} articles, ${kb.agentsOnly.toLocaleString("en")} for agents only (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    const deflections = o.reports
      ? await seedDeflections(sink, { seed: o.seed, start: now - SPAN_MS, now, tickets: o.tickets, articles: kb.articles, employees: world.employees })
      : 0;
    if (o.reports) log(`  satisfaction surveys: ${result.counts.surveys.toLocaleString("en")}; knowledge-base deflections: ${deflections.toLocaleString("en")}`);
    return {
      dialect: sink.dialect, agent: { id: 1, username: BENCH_AGENT, password: BENCH_PASSWORD }, employee: { username: world.firstActive, password: BENCH_PASSWORD },
      supervisor: { id: world.supervisorId, username: BENCH_SUPERVISOR, password: BENCH_PASSWORD }, groups: world.groupByTier,
      ...result, counts: { ...result.counts, users: world.users, assets: assets.assets, kbArticles: kb.articles, deflections }, seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await sink.close();
  }
}

async function seedUsers(
  sink: Sink, rng: ReturnType<typeof prng>, employees: number, hash: string, now: number,
  groupByTier: World["groupByTier"], categories: World["categories"],
): Promise<Omit<World, "total" | "start" | "step"> & { firstActive: string; supervisorId: number; users: number }> {
  const users: Row[] = [];
  const members: Row[] = [];
  const agentsByTier: World["agentsByTier"] = { 1: [], 2: [], 3: [] };
  const created = now - 800 * 24 * 3600_000;
  let id = 0;
  for (const tier of [1, 2, 3] as const) {
    for (let k = 0; k < AGENTS_PER_TIER[tier]; k++) {
      id++;
      const username = id === 1 ? BENCH_AGENT : `agent${String(id).padStart(2, "0")}`;
      const name = id === 1 ? "Bench Agent" : `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      users.push([id, username, "local", `${name} (N${tier})`, `${username}@bench.example`, null, "IT", "Paris HQ", "en", null, false,
        "agent", true, hash, created, created]);
      members.push([groupByTier[tier], id]);
      agentsByTier[tier].push(id);
    }
  }
  const first = id + 1;
  let firstActive = "";
  for (let k = 0; k < employees; k++) {
    id++;
    const fn = rng.pick(FIRST_NAMES);
    const ln = rng.pick(LAST_NAMES);
    const username = `${fn}.${ln}.${id}`.normalize("NFD").replace(/[^\w.]/g, "").toLowerCase();
    const row: Row = [id, username, "local", `${fn} ${ln}`, `${username}@bench.example`, rng.chance(0.3) ? "+33 1 40 00 00 00" : null,
      rng.pick(DEPARTMENTS), rng.pick(LOCATIONS), rng.weighted([["fr", 30], ["en", 20], [null, 50]] as const), null, isVip(id),
      "requester", rng.chance(0.98), hash, created, created];
    if (!firstActive && row[USER_COLUMNS.indexOf("active")]) firstActive = username;
    users.push(row);
  }
  // after everyone else, so every other id (and every random draw) stays as it was without them
  const supervisorId = ++id;
  users.push([supervisorId, BENCH_SUPERVISOR, "local", "Bench Supervisor", `${BENCH_SUPERVISOR}@bench.example`, null, "IT", "Paris HQ", "en", null, false,
    "supervisor", true, hash, created, created]);
  await sink.begin();
  await sink.insert("users", USER_COLUMNS, users);
  await sink.insert("group_members", ["group_id", "user_id"], members);
  await sink.commit();
  return { now, employees: { first, count: employees }, agentsByTier, groupByTier, categories, firstActive, supervisorId, users: users.length };
}

async function seedTickets(
  sink: Sink, rng: ReturnType<typeof prng>, w: World, log: (s: string) => void, t0: number, survey?: (g: TicketRows) => Row | null,
): Promise<Pick<SeedResult, "tier1"> & { counts: Omit<SeedResult["counts"], "users" | "assets" | "kbArticles" | "deflections">; incidents: { id: number; requesterId: number }[] }> {
  const ids = new Int32Array(w.total);
  const incidents: { id: number; requesterId: number }[] = [];
  const isRequest = new Uint8Array(w.total);
  let count = 0;
  const counts = { tickets: 0, open: 0, openTier1: 0, comments: 0, history: 0, surveys: 0 };
  await sink.begin();
  for (let from = 1; from <= w.total; from += BATCH) {
    const tickets: Row[] = [];
    const comments: Row[] = [];
    const history: Row[] = [];
    const segments: Row[] = [];
    const surveys: Row[] = [];
    for (let id = from; id < Math.min(from + BATCH, w.total + 1); id++) {
      const g = generateTicket(id, w, rng);
      tickets.push(g.ticket);
      if (!g.isRequest) incidents.push({ id, requesterId: Number(g.ticket[TICKET_COLUMNS.indexOf("requester_id")]) });
      for (const c of g.comments) comments.push(c);
      for (const h of g.history) history.push(h);
      for (const sg of g.segments) segments.push(sg);
      const answer = survey?.(g);
      if (answer) surveys.push(answer);
      const isOpen = g.status !== "resolved" && g.status !== "closed";
      if (isOpen) counts.open++;
      if (g.tier === 1) {
        ids[count] = id;
        isRequest[count++] = g.isRequest ? 1 : 0;
        if (isOpen) counts.openTier1++;
      }
    }
    // parents first: the comments and history point at the tickets
    await sink.insert("tickets", TICKET_COLUMNS, tickets);
    await sink.insert("ticket_comments", COMMENT_COLUMNS, comments);
    await sink.insert("ticket_history", HISTORY_COLUMNS, history);
    if (segments.length) await sink.insert("ticket_sla_segments", SEGMENT_COLUMNS, segments);
    if (surveys.length) await sink.insert("ticket_surveys", SURVEY_COLUMNS, surveys);
    counts.tickets += tickets.length;
    counts.comments += comments.length;
    counts.history += history.length;
    counts.surveys += surveys.length;
    if (counts.tickets % TICKETS_PER_TRANSACTION === 0 || counts.tickets === w.total) {
      await sink.commit();
      log(`  tickets: ${counts.tickets.toLocaleString("en")} / ${w.total.toLocaleString("en")} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      if (counts.tickets < w.total) await sink.begin();
    }
  }
  return { tier1: { ids, isRequest, count }, counts, incidents };
}

/** A TypeORM connection for the seeding done through the app's own code, closed afterwards. */
async function withDb<T>(cfg: ReturnType<typeof loadConfig>, run: (db: DataSource) => Promise<T>): Promise<T> {
  const db = await connect(cfg, { migrate: false });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Two open major incidents, as a real outage leaves them: each marked (its history row),
 * with a public update after the marking, twenty reports attached and a hundred employees
 * following it. The portal's banner reads them on every home page.
 */
async function seedMajors(cfg: ReturnType<typeof loadConfig>, now: number, employees: { first: number; count: number }): Promise<{ majors: number; children: number; followers: number }> {
  const db = await connect(cfg, { migrate: false });
  try {
    const pg = db.options.type === "postgres";
    const p = (i: number) => (pg ? `$${i}` : "?");
    const rows: { id: number }[] = await db.query(
      "SELECT id FROM tickets WHERE type = 'incident' AND tier = 1 AND status IN ('new', 'open') AND parent_id IS NULL ORDER BY id DESC LIMIT 42");
    const ids = rows.map((r) => Number(r.id));
    const titles = ["Email unavailable: we are working on it", "VPN down for the Lyon site"];
    let followers = 0;
    for (let m = 0; m < 2 && ids.length >= 2 + (m + 1) * 20; m++) {
      const parent = ids[m];
      const children = ids.slice(2 + m * 20, 2 + (m + 1) * 20);
      await db.query(`UPDATE tickets SET major = TRUE, public_title = ${p(1)} WHERE id = ${p(2)}`, [titles[m], parent]);
      await db.query(`UPDATE tickets SET parent_id = ${p(1)} WHERE id IN (${children.map((_, i) => p(i + 2)).join(", ")})`, [parent, ...children]);
      await db.query(`INSERT INTO ticket_history (ticket_id, actor_id, kind, from_value, to_value, reason, note, created_at) VALUES (${p(1)}, 1, 'major', NULL, ${p(2)}, NULL, NULL, ${p(3)})`,
        [parent, titles[m], now - 30 * 60_000]);
      await db.query(`INSERT INTO ticket_comments (ticket_id, author_id, body, internal, created_at) VALUES (${p(1)}, 1, ${p(2)}, FALSE, ${p(3)})`,
        [parent, "We found the cause and are working on it. Next update at 14:30.", now - 10 * 60_000]);
      // employees who clicked "I am affected too"
      const who = Array.from({ length: Math.min(100, employees.count) }, (_, i) => employees.first + ((i * 97 + m * 13) % employees.count));
      for (const userId of new Set(who)) {
        await db.query(`INSERT INTO ticket_watchers (ticket_id, user_id, reason, created_at) VALUES (${p(1)}, ${p(2)}, 'affected', ${p(3)})`, [parent, userId, now - 5 * 60_000]);
        followers++;
      }
    }
    return { majors: Math.min(2, Math.floor((ids.length - 2) / 20)), children: Math.min(40, Math.max(0, ids.length - 2)), followers };
  } finally {
    await db.destroy();
  }
}
