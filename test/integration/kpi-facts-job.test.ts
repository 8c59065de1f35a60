import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import type { Actor } from "../../src/access/actor";
import { createArticle } from "../../src/modules/kb";
import { linkArticle, unlinkArticle } from "../../src/modules/kb/commands/link-article";
import { attachChildren, majorSchema, setMajor } from "../../src/modules/major";
import { localToUtc } from "../../src/modules/sla/business-time";
import { addHoliday, saveCalendar, savePolicies } from "../../src/modules/sla/commands/sla-settings";
import { BUSINESS_CALENDAR } from "../../src/modules/sla/defaults";
import { runSlaWatch } from "../../src/modules/sla/jobs/sla-watch";
import { SlaCalendar, SlaPolicy } from "../../src/modules/sla/sla.entity";
import { calendarSchema } from "../../src/modules/sla/sla.schemas";
import { classifyTicket } from "../../src/modules/tickets/commands/classify-ticket";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { reopenTicket } from "../../src/modules/tickets/commands/reopen-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { resumeTicket } from "../../src/modules/tickets/commands/resume-ticket";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketKpiFacts, loadDashboard, refreshKpiFacts } from "../../src/modules/reporting";

/**
 * The kpi-facts job against what changes behind a ticket's back: the SLA settings (a full
 * pass), a priority lowered after a breach, an article unlinked, a bulk resolution, a
 * reopen before a full pass; and its idempotence. Europe/Paris, Monday 23 November 2026;
 * business hours Mon-Fri 08:00-18:00 unless a test changes them; targets (first response /
 * resolution, business minutes): P1 60/240 around the clock, P2 240/480, P3 600/1200, P4 1800/3000.
 */
const PARIS = "Europe/Paris";
const P1 = { impact: "high", urgency: "high" } as const;
const P2 = { impact: "high", urgency: "medium" } as const;
const P3 = { impact: "medium", urgency: "medium" } as const;

describe("Integration: the kpi-facts job (SLA settings, recorded breaches, unlinked articles, bulk resolutions, idempotence)", () => {
  let ctx: TestContext;
  let emp: Actor, emp2: Actor, n1: Actor, n2: Actor, admin: Actor;

  const utc = (local: string) => localToUtc(PARIS, local);
  const step = <T>(local: string, run: () => Promise<T>): Promise<T> => {
    ctx.clock.set(utc(local));
    return run();
  };
  const refresh = (local: string) => step(local, () => refreshKpiFacts(ctx.deps));
  const ticket = async (local: string, over: Record<string, unknown> = {}, who = emp) => (await step(local, () => makeTicket(ctx.deps, who, over))).id;
  const take = (who: Actor, id: number, local: string) => step(local, () => takeTicket(ctx.deps, who, id));
  const resolve = (who: Actor, id: number, local: string, solvedWith?: number) =>
    step(local, () => resolveTicket(ctx.deps, who, id, { resolution: "Fixed.", code: "fixed", solvedWith }));
  const row = (id: number) => ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id });
  const facts = (id: number) => ctx.deps.db.getRepository(TicketKpiFacts).findOneBy({ ticketId: id });
  /** priority, first response, resolution, time at N1 (business minutes), response met, resolution met */
  const times = async (...ids: number[]) => (await Promise.all(ids.map(facts))).map((f) => f && [
    f.priority, f.firstResponseSeconds === null ? null : f.firstResponseSeconds / 60, f.resolutionSeconds / 60, f.tier1Seconds / 60, f.responseMet, f.resolutionMet,
  ]);
  /** Every facts row but the instant it was computed, by ticket. */
  const snapshot = async () => (await ctx.deps.db.getRepository(TicketKpiFacts).find({ order: { ticketId: "ASC" } }))
    .map((f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== "computedAt")));
  /** The admin sets the business calendar's hours, the same ranges Monday to Friday, closed at the weekend. */
  const businessHours = async (ranges: string, local: string) => {
    const calendar = await ctx.deps.db.getRepository(SlaCalendar).findOneByOrFail({ name: BUSINESS_CALENDAR });
    const days = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [`day${d}`, ranges]));
    const input = calendarSchema.parse({ name: calendar.name, timezone: calendar.timezone, alwaysOpen: "", day6: "", day0: "", ...days });
    await step(local, () => saveCalendar(ctx.deps, admin, calendar.id, input));
  };

  before(async () => {
    ctx = await testContext();
  });
  beforeEach(async () => {
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "kj-emp" });
    emp2 = await makeUser(ctx.deps, { username: "kj-emp2" });
    n1 = await makeAgent(ctx.deps, 1, { username: "kj-n1" });
    n2 = await makeAgent(ctx.deps, 2, { username: "kj-n2" });
    admin = await makeUser(ctx.deps, { username: "kj-admin", role: "admin" });
  });

  it("an admin's change of the business hours, then of a policy: the next run is a full pass; durations follow the calendar, met or late stays what the ticket recorded", async () => {
    const x = await ticket("2026-11-23 09:00", P2);
    await take(n1, x, "2026-11-23 09:30");
    const y = await ticket("2026-11-23 14:00", P2);
    await take(n1, y, "2026-11-23 14:20");
    await resolve(n1, x, "2026-11-24 10:00");
    await resolve(n1, y, "2026-11-24 11:00");
    expect(await refresh("2026-11-24 12:00")).to.deep.equal({ read: 2, written: 2, removed: 0, full: 1 });
    // X: 09:00-09:30 = 30; Mon 09:00-18:00 + Tue 08:00-10:00 = 540 + 120 = 660 > 480: late, recorded when resolved
    // (the target fell on Mon 17:00). Y: 14:00-14:20 = 20; Mon 14:00-18:00 + Tue 08:00-11:00 = 240 + 180 = 420: in time.
    expect(await times(x, y)).to.deep.equal([[2, 30, 660, 660, true, false], [2, 20, 420, 420, true, true]]);
    expect((await row(x)).slaResolutionBreachedAt?.toISOString()).to.equal(utc("2026-11-23 17:00").toISOString());
    expect(await refresh("2026-11-24 12:05")).to.deep.equal({ read: 0, written: 0, removed: 0, full: 0 });

    await businessHours("09:00-13:00", "2026-11-24 12:10");
    expect(await refresh("2026-11-24 12:15")).to.deep.equal({ read: 2, written: 2, removed: 0, full: 1 });
    // X: 30; Mon 09:00-13:00 + Tue 09:00-10:00 = 240 + 60 = 300, under 480 now, yet still late as it was.
    // Y: taken at 14:20, after 13:00: 0; Tue 09:00-11:00 = 120.
    expect(await times(x, y)).to.deep.equal([[2, 30, 300, 300, true, false], [2, 0, 120, 120, true, true]]);
    const d = await loadDashboard(ctx.deps, n1, { from: "2026-11-24", to: "2026-11-24", groupId: null, tier: null, categoryId: null });
    // (300 + 120) / 2 = 210; X late, Y in time: 1 of 2
    expect(d.times.all).to.include({ resolutionMedian: 210, resolutionCompliance: 50, responseCompliance: 100 });

    // P2 down to 60 / 100 minutes: Y's 120 would be late if replayed today; it was in time when it happened
    const policies = (await ctx.deps.db.getRepository(SlaPolicy).find({ order: { priority: "ASC" } })).map((p) => ({
      priority: p.priority, calendarId: p.calendarId, firstResponseMinutes: p.firstResponseMinutes, resolutionMinutes: p.resolutionMinutes, autoEscalate: p.autoEscalate,
    }));
    Object.assign(policies[1], { firstResponseMinutes: 60, resolutionMinutes: 100 });
    await step("2026-11-24 12:20", () => savePolicies(ctx.deps, admin, policies));
    expect(await refresh("2026-11-24 12:25")).to.deep.equal({ read: 2, written: 2, removed: 0, full: 1 });
    expect(await times(x, y)).to.deep.equal([[2, 30, 300, 300, true, false], [2, 0, 120, 120, true, true]]);
  });

  it("a P1 whose response target passed (sla-watch), lowered to P4 and resolved: the response stays late in the facts", async () => {
    const t = await ticket("2026-11-23 09:00", P1);
    // nobody answered within the hour (10:00): the watch records the breach
    expect(await step("2026-11-23 10:30", () => runSlaWatch(ctx.deps))).to.deep.include({ breached: 1, escalated: 0 });
    expect((await row(t)).slaResponseBreachedAt?.toISOString()).to.equal(utc("2026-11-23 10:00").toISOString());
    await step("2026-11-23 10:35", () => classifyTicket(ctx.deps, n1, t, { impact: "low", urgency: "low", categoryId: null, groupId: null }));
    await take(n1, t, "2026-11-23 10:40");
    await resolve(n1, t, "2026-11-23 11:00");
    const after = await row(t);
    expect([after.priority, after.firstResponseAt?.toISOString(), after.slaResponseBreachedAt?.toISOString()])
      .to.deep.equal([4, utc("2026-11-23 10:40").toISOString(), utc("2026-11-23 10:00").toISOString()]);
    expect(await refresh("2026-11-23 12:00")).to.deep.equal({ read: 1, written: 1, removed: 0, full: 1 });
    // on P4's calendar: 09:00-10:40 = 100, 09:00-11:00 = 120, both well within P4's targets if replayed; the response was late
    expect(await times(t)).to.deep.equal([[4, 100, 120, 120, false, true]]);
  });

  it("the article a resolved ticket was solved with is unlinked: the next incremental run reads it again", async () => {
    const article = await step("2026-11-23 08:00", () => createArticle(ctx.deps, n1, { title: "Reset your password", body: "Use the portal.", audience: "everyone", status: "published" }));
    const t = await ticket("2026-11-23 09:00");
    await take(n1, t, "2026-11-23 09:10");
    await step("2026-11-23 09:30", () => linkArticle(ctx.deps, n1, t, article.id));
    await resolve(n1, t, "2026-11-23 09:40", article.id);
    expect(await refresh("2026-11-23 10:00")).to.deep.equal({ read: 1, written: 1, removed: 0, full: 1 });
    expect(await facts(t)).to.include({ kbSolved: true });
    await step("2026-11-23 10:30", () => unlinkArticle(ctx.deps, n1, t, article.id));
    expect(await refresh("2026-11-23 10:35")).to.deep.equal({ read: 1, written: 1, removed: 0, full: 0 });
    expect(await facts(t)).to.include({ kbSolved: false });
  });

  it("a child resolved with its major incident is not a first-contact resolution; the major incident itself can be", async () => {
    const parent = await ticket("2026-11-23 09:00", { title: "Mail is down" });
    await take(n1, parent, "2026-11-23 09:05");
    await step("2026-11-23 09:06", () => setMajor(ctx.deps, n1, parent, majorSchema.parse({ major: true })));
    const child = await ticket("2026-11-23 09:10", { title: "No mail since 9" }, emp2);
    await step("2026-11-23 09:15", () => attachChildren(ctx.deps, n1, parent, [child]));
    await resolve(n1, parent, "2026-11-23 10:00");
    // the child was resolved with it, by the same hand, given to that hand: its first assignee and resolver
    expect(await row(child)).to.include({ status: "resolved", assigneeId: n1.id });
    expect(await ctx.deps.db.getRepository(TicketHistory).findOneByOrFail({ ticketId: child, kind: "resolved" })).to.include({ reason: "sla:with_major" });
    expect(await refresh("2026-11-23 11:00")).to.deep.equal({ read: 2, written: 2, removed: 0, full: 1 });
    const fcr = async (id: number) => {
      const f = (await facts(id))!;
      return [f.tier, f.resolverId, f.firstAssigneeId, f.escalated, f.reopened, f.fcr];
    };
    expect([await fcr(parent), await fcr(child)]).to.deep.equal([[1, n1.id, n1.id, false, false, true], [1, n1.id, n1.id, false, false, false]]);
    const d = await loadDashboard(ctx.deps, n1, { from: "2026-11-23", to: "2026-11-23", groupId: null, tier: null, categoryId: null });
    expect(d.quality).to.include({ resolved: 2, fcr: 1, fcrRate: 50 });
  });

  it("a ticket reopened between two runs, the SLA settings changed before the second: the full pass removes its facts", async () => {
    const t1 = await ticket("2026-11-23 09:00");
    await take(n1, t1, "2026-11-23 09:10");
    const t2 = await ticket("2026-11-23 09:20");
    await take(n1, t2, "2026-11-23 09:30");
    await resolve(n1, t1, "2026-11-23 10:00");
    await resolve(n1, t2, "2026-11-23 10:30");
    expect(await refresh("2026-11-23 11:00")).to.deep.equal({ read: 2, written: 2, removed: 0, full: 1 });
    await step("2026-11-23 11:10", () => reopenTicket(ctx.deps, emp, t1, { reason: "Still broken" }));
    const calendar = await ctx.deps.db.getRepository(SlaCalendar).findOneByOrFail({ name: BUSINESS_CALENDAR });
    await step("2026-11-23 11:20", () => addHoliday(ctx.deps, admin, calendar.id, { day: "2026-12-25", name: "Christmas Day" }));
    // the full pass reads the resolved and closed tickets (T2 alone now); T1's row goes before it
    expect(await refresh("2026-11-23 11:30")).to.deep.equal({ read: 1, written: 1, removed: 1, full: 1 });
    // T2: 09:20-09:30 = 10, 09:20-10:30 = 70 (a holiday in December changes nothing of a Monday in November)
    expect(await times(t1, t2)).to.deep.equal([null, [4, 10, 70, 70, true, true]]);
  });

  it("is idempotent: a run reading tickets again, and a full pass after the hours are changed and put back, give the same rows", async () => {
    const a = await ticket("2026-11-23 09:00", P3);
    await take(n1, a, "2026-11-23 09:10");
    await step("2026-11-23 09:30", () => escalateTicket(ctx.deps, n1, a, { groupId: null, reason: "Needs N2", note: "Logs attached." }));
    await take(n2, a, "2026-11-23 10:00");
    const b = await ticket("2026-11-23 09:15");
    await take(n1, b, "2026-11-23 09:20");
    await step("2026-11-23 09:30", () => setPending(ctx.deps, n1, b, { reason: "requester", note: "Which office?" }));
    await step("2026-11-23 10:30", () => resumeTicket(ctx.deps, n1, b));
    await resolve(n2, a, "2026-11-23 11:00");
    await resolve(n1, b, "2026-11-23 11:58");
    expect(await refresh("2026-11-23 12:00")).to.deep.equal({ read: 2, written: 2, removed: 0, full: 1 });
    // A: 09:00-09:10 = 10; 09:00-11:00 = 120, at N1 09:00-09:30 = 30, at N2 90. B: 09:15-09:20 = 5; 15 + (10:30-11:58) 88 = 103
    expect(await times(a, b)).to.deep.equal([[3, 10, 120, 30, true, true], [4, 5, 103, 103, true, true]]);
    expect(await facts(a)).to.include({ tier2Seconds: 90 * 60, escalated: true, fcr: false });
    const first = await snapshot();

    // B changed at 11:58, within the two minutes the next run reads again: computed again, the same
    expect(await refresh("2026-11-23 12:01")).to.deep.equal({ read: 1, written: 1, removed: 0, full: 0 });
    expect(await snapshot()).to.deep.equal(first);

    await businessHours("10:00-18:00", "2026-11-23 12:05");
    expect(await refresh("2026-11-23 12:06")).to.deep.equal({ read: 2, written: 2, removed: 0, full: 1 });
    // A: 0 before 10:00; 10:00-11:00 = 60, nothing at N1, 60 at N2. B: 0; 0 + (10:30-11:58) 88
    expect(await times(a, b)).to.deep.equal([[3, 0, 60, 0, true, true], [4, 0, 88, 88, true, true]]);
    expect(await facts(a)).to.include({ tier2Seconds: 60 * 60 });

    await businessHours("08:00-18:00", "2026-11-23 12:10");
    expect(await refresh("2026-11-23 12:11")).to.deep.equal({ read: 2, written: 2, removed: 0, full: 1 });
    expect(await snapshot()).to.deep.equal(first);
  });
});
