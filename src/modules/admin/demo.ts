import type { Actor } from "../../access/actor";
import { SYSTEM_ACTOR } from "../../access/policies/admin.policy";
import { ManualClock } from "../../platform/clock";
import type { Deps } from "../../platform/deps";
import { createUser } from "../users/commands/create-user";
import { loadActor } from "../users/queries/load-actor";
import { SupportGroup } from "../users/group.entity";
import { User } from "../users/user.entity";
import { Category } from "../tickets/category.entity";
import { Ticket } from "../tickets/ticket.entity";
import { createTicket } from "../tickets/commands/create-ticket";
import { takeTicket } from "../tickets/commands/take-ticket";
import { addComment } from "../tickets/commands/add-comment";
import { setPending } from "../tickets/commands/set-pending";
import { escalateTicket } from "../tickets/commands/escalate-ticket";
import { resolveTicket } from "../tickets/commands/resolve-ticket";
import { closeTicket } from "../tickets/commands/close-ticket";
import { reopenTicket } from "../tickets/commands/reopen-ticket";
import type { Channel, ChosenPendingReason, ResolutionCode, TicketStatus } from "../tickets/ticket.types";
import { ensureDefaults } from "./setup";
import { catalogDemoCounts, ensureFacilitiesGroup, prepareCatalogDemo } from "./demo-catalog";
import { loadKbDemo } from "../kb";
import { refreshKpiFacts } from "../reporting";
import { answerDemoSurveys } from "./demo-surveys";
import { DEMO_PASSWORD, EMPLOYEES, N3_REASONS, PENDING_NOTES, STAFF, TEMPLATES, type DemoPerson, type TicketTemplate } from "./demo-data";

export { DEMO_PASSWORD };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const TICKETS = 200;
const SPAN_DAYS = 30;

/** mulberry32: a tiny seeded PRNG, so every install gets the same demo (screenshots, docs, bug reports). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    let r = next() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  return { next, int, pick, weighted };
}
type Rng = ReturnType<typeof prng>;

/** Where a ticket ends up; the path to get there goes through the real commands. */
type Outcome =
  | "new" | "open" | "answered" | "pending" | "escalated2" | "open2" | "pending2" | "escalated3" | "open3"
  | "resolved" | "closed" | "reopened" | "reopenedClosed";

interface Ctx {
  id: number;
  requester: Actor;
  agents: Record<1 | 2 | 3, Actor>;
  tpl: TicketTemplate;
}
interface Step {
  offset: number;
  run: (c: Ctx) => Promise<unknown>;
}

export interface DemoSummary {
  usersCreated: number;
  tickets: number;
  byStatus: Partial<Record<TicketStatus, number>>;
  /** Totals in the database afterwards (a second run adds none). */
  assets: number;
  catalogItems: number;
  catalogRequests: number;
  kbCategories: number;
  /** Satisfaction answers given in this run. */
  surveys: number;
  kbArticles: number;
}

/** Fresh tickets are mostly untouched, old ones mostly closed: what a real desk looks like. */
function pickOutcome(ageH: number, rng: Rng): Outcome {
  if (ageH < 8) return rng.weighted([["new", 5], ["open", 3], ["pending", 1], ["escalated2", 2]] as const);
  if (ageH < 72) {
    return rng.weighted([["new", 2], ["open", 3], ["answered", 1], ["pending", 2], ["escalated2", 3], ["open2", 2],
      ["escalated3", 2], ["open3", 1], ["resolved", 4], ["reopened", 1]] as const);
  }
  if (ageH < 240) {
    return rng.weighted([["open", 1], ["pending", 2], ["pending2", 1], ["escalated2", 1], ["open2", 1], ["open3", 1], ["resolved", 3],
      ["closed", 8], ["reopened", 1], ["reopenedClosed", 1]] as const);
  }
  return rng.weighted([["pending", 1], ["pending2", 1], ["resolved", 1], ["closed", 14], ["reopenedClosed", 2]] as const);
}

/** The commands, in order, with realistic gaps (minutes) between them. */
function plan(o: Outcome, deps: Deps, rng: Rng, channel: Channel): Step[] {
  const steps: Step[] = [];
  let at = 0;
  const add = (lo: number, hi: number, run: Step["run"]) => {
    at += rng.int(lo, hi) * MIN;
    steps.push({ offset: at, run });
  };
  const reply = (c: Ctx, who: Actor, body: string, internal: boolean) => addComment(deps, who, c.id, { body, internal, files: [] });
  const take = (tier: 1 | 2 | 3) => add(5, tier === 1 ? 90 : 360, (c) => takeTicket(deps, c.agents[tier], c.id));
  const ask = (tier: 1 | 2 | 3) => add(2, 30, (c) => reply(c, c.agents[tier], c.tpl.ask, false));
  const answer = () => add(20, 600, (c) => reply(c, c.requester, c.tpl.answer, false));
  const pending = (tier: 1 | 2 | 3, reason: ChosenPendingReason) =>
    add(1, 15, (c) => setPending(deps, c.agents[tier], c.id, { reason, note: PENDING_NOTES[reason] }));
  const escalate = (tier: 1 | 2) => {
    add(5, 60, (c) => reply(c, c.agents[tier], tier === 1 ? c.tpl.note : `Checked at N2: ${c.tpl.note}`, true));
    const reason = tier === 1 ? null : rng.pick(N3_REASONS);
    add(5, 120, (c) => escalateTicket(deps, c.agents[tier], c.id, { groupId: null, reason: reason ?? c.tpl.escalate, note: c.tpl.note }));
  };
  const resolve = (tier: 1 | 2 | 3) => {
    const code = rng.weighted<ResolutionCode>([["fixed", 15], ["workaround", 3], ["no_fault", 2]]);
    add(30, 2880, (c) => resolveTicket(deps, c.agents[tier], c.id, { resolution: c.tpl.resolution, code }));
  };
  const close = () => add(240, 4320, (c) => closeTicket(deps, c.requester, c.id));
  const reopen = () => add(60, 2880, (c) => reopenTicket(deps, c.requester, c.id, { reason: "Still happening this morning, sorry." }));
  /** Up to which tier a ticket that gets solved had to go. */
  const workUpTo = (depth: 1 | 2 | 3) => {
    take(1);
    // a phone call is answered live: no written question first
    if (channel !== "phone") ask(1);
    if (channel !== "phone" && rng.next() < 0.6) answer();
    if (depth >= 2) { escalate(1); take(2); }
    if (depth >= 3) { escalate(2); take(3); }
    return depth;
  };

  add(0, 0, async () => undefined); // the creation itself, replaced by the caller
  switch (o) {
    case "new": break;
    case "open": take(1); ask(1); break;
    case "answered": take(1); ask(1); pending(1, "requester"); answer(); break;
    case "pending": take(1); ask(1); pending(1, rng.weighted([["requester", 3], ["third_party", 1]] as const)); break;
    case "escalated2": take(1); escalate(1); break;
    case "open2": workUpTo(2); break;
    case "pending2": workUpTo(2); pending(2, rng.weighted([["third_party", 2], ["change", 1]] as const)); break;
    case "escalated3": workUpTo(2); escalate(2); break;
    case "open3": workUpTo(3); break;
    default: {
      const depth = workUpTo(rng.weighted([[1, 13], [2, 5], [3, 2]] as const));
      resolve(depth);
      if (o === "closed") close();
      if (o === "reopened" || o === "reopenedClosed") reopen();
      if (o === "reopenedClosed") {
        add(10, 120, (c) => reply(c, c.agents[depth], "Reopened: the first fix did not hold, looking again.", true));
        resolve(depth);
        close();
      }
    }
  }
  return steps;
}

/** Mostly weekday office hours, as tickets really arrive; more of them recent than old. */
function creationTimes(rng: Rng, now: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const d = new Date(now - SPAN_DAYS * DAY * Math.pow(rng.next(), 1.8));
    if ((d.getUTCDay() === 0 || d.getUTCDay() === 6) && rng.next() < 0.85) {
      // to the Friday before or the Monday after, whichever is not in the future
      const monday = d.getTime() + (d.getUTCDay() === 6 ? 2 : 1) * DAY;
      if (monday < now && rng.next() < 0.5) d.setTime(monday);
      else d.setUTCDate(d.getUTCDate() - (d.getUTCDay() === 0 ? 2 : 1));
    }
    if ((d.getUTCHours() < 7 || d.getUTCHours() >= 17) && rng.next() < 0.8) d.setUTCHours(rng.int(7, 16), rng.int(0, 59));
    let t = d.getTime();
    if (t > now - 10 * MIN) t = now - rng.int(10, 180) * MIN;
    times.push(t);
  }
  return times.sort((a, b) => a - b);
}

async function ensurePeople(deps: Deps, groupIds: Map<string, number>): Promise<{ created: number; actors: Map<string, Actor> }> {
  const people: (DemoPerson & { role: "requester" | "agent" | "supervisor"; groups: string[] })[] = [
    ...EMPLOYEES.map((p) => ({ ...p, role: "requester" as const, groups: [] })),
    ...STAFF,
  ];
  const actors = new Map<string, Actor>();
  let created = 0;
  for (const p of people) {
    // re-running after the tickets were purged reuses the demo accounts rather than failing
    let user = await deps.db.getRepository(User).findOne({ where: { provider: "local", username: p.username } });
    if (!user) {
      user = await createUser(deps, SYSTEM_ACTOR, {
        username: p.username, password: DEMO_PASSWORD, displayName: p.displayName, email: `${p.username}@example.org`,
        phone: p.phone, department: p.department, location: p.location, locale: p.locale, vip: p.vip ?? false,
        role: p.role, groupIds: p.groups.map((g) => groupIds.get(g)).filter((id): id is number => id !== undefined),
      });
      created++;
    }
    const actor = await loadActor(deps.db.manager, user.id);
    if (!actor) throw new Error(`Demo user ${p.username} exists but is deactivated; reactivate or rename it first.`);
    actors.set(p.username, actor);
  }
  return { created, actors };
}

/**
 * Load the demo data set: people, then ~200 tickets replayed through the real commands
 * on a clock moved back in time, so ages, history, SLA dates and first responses are
 * exactly what real use would have produced. Deterministic for a given "now". The
 * inventory and the service catalog come first (demo-catalog.ts); their requests and
 * a failing laptop's incidents are woven into the same timeline.
 */
export async function loadDemo(deps: Deps): Promise<DemoSummary> {
  const now = deps.clock.now().getTime();
  const clock = new ManualClock(new Date(now - (SPAN_DAYS + 30) * DAY));
  const d: Deps = { ...deps, clock };
  const rng = prng(0x4e1f0a);

  await ensureDefaults(d);
  const ticketsBefore = await d.db.getRepository(Ticket).count();
  await ensureFacilitiesGroup(d);
  const groupIds = new Map((await d.db.getRepository(SupportGroup).find()).map((g) => [g.name, g.id] as const));
  const categoryIds = new Map((await d.db.getRepository(Category).find()).map((c) => [c.name, c.id] as const));
  const { created, actors } = await ensurePeople(d, groupIds);
  const catalog = await prepareCatalogDemo(d, actors, now);
  const byTier = (tier: string) => STAFF.filter((s) => s.role === "agent" && s.groups.includes(tier)).map((s) => actors.get(s.username) as Actor);
  const tiers = { 1: byTier("N1 Service Desk"), 2: byTier("N2 Support"), 3: byTier("N3 Engineering") };
  const supervisor = actors.get(STAFF.find((s) => s.role === "supervisor")?.username ?? "") as Actor;

  const events: { at: number; ticket: number; seq: number; run: () => Promise<unknown> }[] = [];
  const made: { ctx: Ctx; locale: "en" | "fr" }[] = [];
  creationTimes(rng, now).forEach((createdAt, ticket) => {
    const tpl = rng.pick(TEMPLATES);
    const person = rng.pick(EMPLOYEES);
    const channel = rng.weighted<Channel>([["portal", 12], ["email", 4], ["phone", 3], ["chat", 1]]);
    const urgency = rng.next() < 0.2 ? rng.pick(["high", "medium", "low"] as const) : tpl.urgency;
    const ctx: Ctx = {
      id: 0, tpl, requester: actors.get(person.username) as Actor,
      // a P1-looking incident at N1 is taken by the supervisor, as on a real desk
      agents: { 1: tpl.impact === "high" && urgency === "high" ? supervisor : rng.pick(tiers[1]), 2: rng.pick(tiers[2]), 3: rng.pick(tiers[3]) },
    };
    made.push({ ctx, locale: person.locale });
    const steps = plan(pickOutcome((now - createdAt) / HOUR, rng), d, rng, channel);
    steps[0].run = async (c) => {
      c.id = (await createTicket(d, c.requester, {
        type: tpl.type, title: tpl.title, description: tpl.description, categoryId: categoryIds.get(tpl.category) ?? null,
        impact: tpl.impact, urgency, callbackPhone: channel === "phone" ? person.phone : null, channel,
        assets: catalog.devicesFor(person.username, tpl.title),
      })).id;
    };
    // squeeze a ticket's story into the time it has had, so nothing happens after "now"
    const last = steps[steps.length - 1].offset;
    const room = now - 2 * MIN - createdAt;
    const scale = last > room ? room / last : 1;
    steps.forEach((s, seq) => events.push({ at: createdAt + Math.floor(s.offset * scale), ticket, seq, run: () => s.run(ctx) }));
  });
  catalog.timeline.forEach((e, seq) => events.push({ at: e.at, ticket: TICKETS, seq, run: e.run }));

  events.sort((a, b) => a.at - b.at || a.ticket - b.ticket || a.seq - b.seq);
  for (const e of events) {
    clock.set(new Date(e.at));
    await e.run();
  }
  clock.set(new Date(now));
  // the knowledge base the desk wrote meanwhile, and the known error of a problem it found
  const kb = await loadKbDemo({ ...d, clock }, actors, now);
  // the requesters' ratings (their own random draws: the timeline above stays as it was),
  // then the dashboard's facts, so the reports show the demo at once
  const surveys = await answerDemoSurveys(d, clock, prng(0x5a7e), made.filter((m) => m.ctx.id).map((m) => ({ id: m.ctx.id, requesterId: m.ctx.requester.id, locale: m.locale })), now);
  await refreshKpiFacts(deps);

  const rows = await d.db.getRepository(Ticket).createQueryBuilder("t")
    .select("t.status", "status").addSelect("COUNT(*)", "n").groupBy("t.status").getRawMany<{ status: TicketStatus; n: string | number }>();
  const tickets = (await d.db.getRepository(Ticket).count()) - ticketsBefore;
  return { usersCreated: created, tickets, byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])), ...(await catalogDemoCounts(d.db)),
    kbCategories: kb.categories, kbArticles: kb.articles, surveys };
}
