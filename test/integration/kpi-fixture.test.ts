import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { approvalOf, makeItem, order, setManager, ticketOf } from "../helpers/catalog-fixtures";
import { groupId, makeAgent, makeTicket, makeUser, N1, N2 } from "../factories";
import type { Actor } from "../../src/access/actor";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import { createGroup } from "../../src/modules/admin/commands/create-group";
import { decideApproval } from "../../src/modules/catalog/commands/decide-approval";
import { createArticle } from "../../src/modules/kb";
import { linkArticle } from "../../src/modules/kb/commands/link-article";
import { recordDeflection } from "../../src/modules/kb/commands/record-deflection";
import { Category } from "../../src/modules/tickets/category.entity";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { classifyTicket } from "../../src/modules/tickets/commands/classify-ticket";
import { closeTicket } from "../../src/modules/tickets/commands/close-ticket";
import { deescalateTicket } from "../../src/modules/tickets/commands/deescalate-ticket";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { reopenTicket } from "../../src/modules/tickets/commands/reopen-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { resumeTicket } from "../../src/modules/tickets/commands/resume-ticket";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { runStaleTickets } from "../../src/modules/sla/jobs/watch";
import { localToUtc } from "../../src/modules/sla/business-time";
import { TicketKpiFacts, answerSurvey, kpisOf, loadDashboard, refreshKpiFacts, type Dashboard, type DashboardInput } from "../../src/modules/reporting";

/**
 * The dashboard on a hand-built desk: tickets made with the real commands while the clock
 * moves (Europe/Paris, November 2026: Mon 16, Fri 20, Sat 21, Mon 23, Fri 27), then every
 * figure worked out by hand. Business hours Mon-Fri 08:00-18:00 (a business day is 600
 * minutes), P1 around the clock; targets (first response / resolution, minutes): P1 60/240,
 * P2 240/480, P3 600/1200, P4 1800/3000. The first response is the first public reply or
 * status change by staff (taking a ticket is one). "Now" is Fri 27 Nov 17:00.
 *
 * | ticket | P | resolved at (tier, group, by) | first resp. | resolution          | tier 1 / 2 | FCR | survey |
 * | T1     | 3 | Mon 16 11:00 (1, N1, A)        | 20          | 09:00-11:00 = 120   | 120 / 0    | yes | 5      |
 * | T3     | 2 | Tue 17 15:00 (2, N2, C) closed | 30          | 09:00-15:00 = 360   | 120 / 240  | esc | 2      |
 * | T4     | 3 | Thu 19 10:30 (1, N1, B)        | 10          | 120 + 90 = 210      | 210 / 0    | reo | -      |
 * | T5     | 2 | Thu 19 16:00 (1, Lyon, A)      | 300 LATE    | 09:00-16:00 = 420   | 420 / 0    | yes | -      |
 * | T2     | 3 | Tue 24 11:00 (1, N1, A)        | 60 + 30 = 90| 60 + 60 + 60 = 180  | 180 / 0    | yes | 4      |
 * | T7     | 1 | Sun 22 00:30 (1, N1, A)        | 30          | Sat 22:00-00:30=150 | 150 / 0    | yes | -      |
 * | T6     | 3 | Wed 25 11:00 (1, N1, B)        | 30          | 540+600+180 = 1320 LATE | 1320 / 0 | yes | 3    |
 * | T9     | 4 | Tue 24 14:45 (1, N1, B) KB     | 15          | 14:00-14:45 = 45    | 45 / 0     | yes | -      |
 * | T11    | 3 | Wed 25 12:00 (1, N1, A)        | 15          | 09:00-12:00 = 180   | 120 / 60   | esc | -      |
 * | T12    | 3 | Thu 26 14:00 (2, N2, C)        | 20          | 08:00-14:00 = 360   | 60 / 300   | esc | 4      |
 * | T8     | 4 | Thu 12 11:00, before the period| 5           | 60                  |            |     | 1      |
 *
 * R1, a catalog request ordered on Tue 20 Oct and refused by the requester's manager on Wed
 * 18 Nov (closed as cancelled in the period), has no facts: nobody solved it, it is counted
 * nowhere among the resolved tickets.
 */
const PARIS = "Europe/Paris";
const PERIOD: DashboardInput = { from: "2026-11-16", to: "2026-11-27", groupId: null, tier: null, categoryId: null };
const NOW = "2026-11-27 17:00";

describe("Integration: KPI figures on a hand-built fixture", () => {
  let ctx: TestContext;
  let emp: Actor, a1: Actor, a2: Actor, b1: Actor, sup: Actor, boss: Actor;
  const id: Record<string, number> = {};
  const cat: Record<string, number> = {};
  let n1 = 0, n2 = 0, lyon = 0;

  const at = (local: string) => ctx.clock.set(localToUtc(PARIS, local));
  const step = async <T>(local: string, run: () => Promise<T>): Promise<T> => {
    at(local);
    return run();
  };
  const LEVEL = { 1: { impact: "high", urgency: "high" }, 2: { impact: "high", urgency: "medium" }, 3: { impact: "medium", urgency: "medium" }, 4: {} } as const;
  const ticket = async (name: string, local: string, p: 1 | 2 | 3 | 4, category: string | null, channel: string) => {
    id[name] = (await step(local, () => makeTicket(ctx.deps, emp, { ...LEVEL[p], categoryId: category ? cat[category] : undefined, channel, title: name }))).id;
  };
  const take = (who: Actor, name: string, local: string) => step(local, () => takeTicket(ctx.deps, who, id[name]));
  const reply = (who: Actor, name: string, local: string) => step(local, () => addComment(ctx.deps, who, id[name], { body: "Looking into it.", internal: false, files: [] }));
  const resolve = (who: Actor, name: string, local: string, solvedWith?: number) =>
    step(local, () => resolveTicket(ctx.deps, who, id[name], { resolution: "Fixed.", code: "fixed", solvedWith }));
  const escalate = (who: Actor, name: string, local: string) => step(local, () => escalateTicket(ctx.deps, who, id[name], { groupId: null, reason: "Needs N2", note: "Logs attached." }));
  const survey = (name: string, score: number, local: string) => step(local, () => answerSurvey(ctx.deps, emp.id, { id: id[name] }, { score, comment: null }));
  const dash = (who: Actor, over: Partial<DashboardInput> = {}): Promise<Dashboard> => loadDashboard(ctx.deps, who, { ...PERIOD, ...over });
  const byKey = <T>(rows: T[], key: (r: T) => string, value: (r: T) => unknown) => Object.fromEntries(rows.map((r) => [key(r), value(r)]));

  before(async function () {
    this.timeout(60_000);
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "kf-emp" });
    a1 = await makeAgent(ctx.deps, 1, { username: "kf-alice", name: "Alice" });
    a2 = await makeAgent(ctx.deps, 1, { username: "kf-bruno", name: "Bruno" });
    b1 = await makeAgent(ctx.deps, 2, { username: "kf-chloe", name: "Chloé" });
    sup = await makeUser(ctx.deps, { username: "kf-sup", role: "supervisor", groups: [N1] });
    boss = await makeUser(ctx.deps, { username: "kf-boss", name: "Bernard" });
    await setManager(ctx.deps, emp, boss);
    [n1, n2] = [await groupId(ctx.deps, N1), await groupId(ctx.deps, N2)];
    lyon = (await createGroup(ctx.deps, SYSTEM_ACTOR, { name: "Lyon Desk", tier: 1, email: null })).id; // a tier-1 group Alice is not a member of
    for (const c of await ctx.deps.db.getRepository(Category).find()) cat[c.name] = c.id;
    const article = await step("2026-11-02 09:00", () => createArticle(ctx.deps, a2, { title: "Reset your password", body: "Use the portal.", audience: "everyone", status: "published" }));

    // R1: waits on the manager's approval (its clock paused) from before the 30 days, refused in the period
    const screen = await step("2026-10-19 09:00", () => makeItem(ctx.deps, { name: "Second screen", approval: "manager" }));
    id.R1 = (await step("2026-10-20 10:00", () => order(ctx.deps, emp, screen))).id;
    await step("2026-11-18 11:00", async () => decideApproval(ctx.deps, boss, (await approvalOf(ctx.deps, id.R1)).id, { decision: "reject", reason: "Not this year.", via: "portal" }));

    await ticket("T8", "2026-11-12 10:00", 4, "Other", "portal");
    await take(a1, "T8", "2026-11-12 10:05");
    await resolve(a1, "T8", "2026-11-12 11:00");
    await ticket("T1", "2026-11-16 09:00", 3, "Software", "portal");
    await take(a1, "T1", "2026-11-16 09:20");
    await resolve(a1, "T1", "2026-11-16 11:00");
    await ticket("T3", "2026-11-17 09:00", 2, "Hardware", "phone");
    await take(a1, "T3", "2026-11-17 09:30");
    await escalate(a1, "T3", "2026-11-17 11:00");
    await take(b1, "T3", "2026-11-17 12:00");
    await resolve(b1, "T3", "2026-11-17 15:00");
    await step("2026-11-18 09:00", () => closeTicket(ctx.deps, emp, id.T3));
    await ticket("T4", "2026-11-18 10:00", 3, "Software", "portal");
    await take(a2, "T4", "2026-11-18 10:10");
    await resolve(a2, "T4", "2026-11-18 12:00");
    await step("2026-11-19 09:00", () => reopenTicket(ctx.deps, emp, id.T4, { reason: "Still broken" }));
    await resolve(a2, "T4", "2026-11-19 10:30");
    await ticket("T5", "2026-11-19 09:00", 2, "Email", "chat");
    await reply(a1, "T5", "2026-11-19 14:00");
    await step("2026-11-19 14:02", () => classifyTicket(ctx.deps, a1, id.T5, { impact: "high", urgency: "medium", categoryId: cat.Email, groupId: lyon }));
    await take(a1, "T5", "2026-11-19 14:05");
    await resolve(a1, "T5", "2026-11-19 16:00");
    await ticket("T2", "2026-11-20 17:00", 3, "Network", "email");
    await reply(a1, "T2", "2026-11-23 08:30");
    await take(a1, "T2", "2026-11-23 08:45");
    await step("2026-11-23 09:00", () => setPending(ctx.deps, a1, id.T2, { reason: "requester", note: "Which office?" }));
    await step("2026-11-24 10:00", () => resumeTicket(ctx.deps, a1, id.T2));
    await resolve(a1, "T2", "2026-11-24 11:00");
    await ticket("T7", "2026-11-21 22:00", 1, "Network", "phone");
    await take(a1, "T7", "2026-11-21 22:30");
    await resolve(a1, "T7", "2026-11-22 00:30");
    await ticket("T6", "2026-11-23 09:00", 3, "Printing", "portal");
    await take(a2, "T6", "2026-11-23 09:30");
    await resolve(a2, "T6", "2026-11-25 11:00");
    await ticket("T9", "2026-11-24 14:00", 4, "Accounts & access", "portal");
    await take(a2, "T9", "2026-11-24 14:15");
    await step("2026-11-24 14:30", () => linkArticle(ctx.deps, a2, id.T9, article.id));
    await resolve(a2, "T9", "2026-11-24 14:45", article.id);
    await ticket("T11", "2026-11-25 09:00", 3, "Hardware", "email");
    await take(a1, "T11", "2026-11-25 09:15");
    await escalate(a1, "T11", "2026-11-25 10:00");
    await step("2026-11-25 11:00", () => deescalateTicket(ctx.deps, b1, id.T11, { groupId: n1, reason: "An N1 matter" }));
    await take(a1, "T11", "2026-11-25 11:30");
    await resolve(a1, "T11", "2026-11-25 12:00");
    await ticket("T12", "2026-11-26 08:00", 3, "Network", "email");
    await reply(a2, "T12", "2026-11-26 08:20");
    await escalate(a2, "T12", "2026-11-26 09:00");
    await take(b1, "T12", "2026-11-26 10:00");
    await resolve(b1, "T12", "2026-11-26 14:00");

    // open now (Fri 27 17:00): age, state, and the last public activity the stale job reads
    await ticket("O1", "2026-11-27 10:00", 4, null, "portal"); // 7 h, new, unassigned
    await ticket("O2", "2026-11-25 12:00", 3, "Software", "portal"); // 2 d 5 h, moved to Lyon, Alice's, pending
    await step("2026-11-25 12:05", () => classifyTicket(ctx.deps, a1, id.O2, { impact: "medium", urgency: "medium", categoryId: cat.Software, groupId: lyon }));
    await take(a1, "O2", "2026-11-25 12:10");
    await step("2026-11-25 13:00", () => setPending(ctx.deps, a1, id.O2, { reason: "third_party", note: null }));
    await ticket("O3", "2026-11-23 10:00", 3, "Software", "api"); // 4 d 7 h, escalated, Chloé's
    await take(a1, "O3", "2026-11-23 10:10");
    await escalate(a1, "O3", "2026-11-23 10:30");
    await take(b1, "O3", "2026-11-23 11:00");
    await ticket("O4", "2026-11-10 10:00", 4, "Other", "portal"); // 17 d 7 h, Bruno's, answered today
    await take(a2, "O4", "2026-11-10 10:30");
    await reply(a2, "O4", "2026-11-27 15:00");
    await ticket("O5", "2026-10-25 23:30", 4, "Other", "portal"); // winter time: 22:30 UTC, 32 d 17 h 30, new
    await ticket("O6", "2026-10-25 00:30", 4, "Other", "portal"); // summer time: 22:30 UTC on the 24th, 33 d, Alice's
    await take(a1, "O6", "2026-10-26 09:00");
    await reply(a1, "O6", "2026-11-27 14:00");
    await ticket("O7", "2026-11-26 09:00", 2, "Hardware", "monitoring"); // 1 d 8 h, escalated to N2, in its queue
    await take(a1, "O7", "2026-11-26 09:05");
    await escalate(a1, "O7", "2026-11-26 09:30");

    for (const [name, score, local] of [["T8", 1, "2026-11-12 12:00"], ["T1", 5, "2026-11-16 12:00"], ["T3", 2, "2026-11-17 16:00"],
      ["T2", 4, "2026-11-24 12:00"], ["T6", 3, "2026-11-25 12:00"], ["T12", 4, "2026-11-26 15:00"]] as const) await survey(name, score, local);
    await step("2026-11-12 09:00", () => recordDeflection(ctx.deps, emp, article.id, "password"));
    await step("2026-11-20 10:00", () => recordDeflection(ctx.deps, emp, article.id, "reset password"));

    at(NOW);
    // quiet for at least their tier's threshold (N1 1 business day, N2 3): O2 Wed 13:00 -> Fri 17:00 = 5 + 10 + 9 = 24 h
    // = 2.4 days; O3 Mon 11:00 -> Fri 17:00 = 7 + 30 + 9 = 46 h = 4.6 days; O5 a month. Not O1 (7 h), O7 (8.5 + 9 = 17.5 h
    // at N2), O4 and O6 (answered today).
    expect(await runStaleTickets(ctx.deps)).to.include({ stale: 3 });
    // the first run reads every resolved or closed ticket: T1-T9, T11, T12, and R1, which it writes no facts for
    expect(await refreshKpiFacts(ctx.deps)).to.deep.equal({ read: 12, written: 11, removed: 1, full: 1 });
  });

  it("writes each resolved ticket's facts as worked out by hand (business minutes)", async () => {
    const rows = await ctx.deps.db.getRepository(TicketKpiFacts).find();
    const name = (ticketId: number) => Object.keys(id).find((k) => id[k] === ticketId)!;
    const got = byKey(rows, (r) => name(r.ticketId), (r) => [r.priority, r.tier, r.groupId, r.resolverId, r.firstAssigneeId,
      r.firstResponseSeconds! / 60, r.resolutionSeconds / 60, r.tier1Seconds / 60, r.tier2Seconds / 60, r.responseMet, r.resolutionMet,
      r.escalated, r.reopened, r.fcr, r.kbSolved]);
    //         P  tier group  resolver first  resp res   N1    N2   respMet resMet esc    reopen fcr    kb
    expect(got).to.deep.equal({
      T8: [4, 1, n1, a1.id, a1.id, 5, 60, 60, 0, true, true, false, false, true, false],
      T1: [3, 1, n1, a1.id, a1.id, 20, 120, 120, 0, true, true, false, false, true, false],
      T3: [2, 2, n2, b1.id, a1.id, 30, 360, 120, 240, true, true, true, false, false, false],
      T4: [3, 1, n1, a2.id, a2.id, 10, 210, 210, 0, true, true, false, true, false, false],
      T5: [2, 1, lyon, a1.id, a1.id, 300, 420, 420, 0, false, true, false, false, true, false],
      T2: [3, 1, n1, a1.id, a1.id, 90, 180, 180, 0, true, true, false, false, true, false],
      T7: [1, 1, n1, a1.id, a1.id, 30, 150, 150, 0, true, true, false, false, true, false],
      T6: [3, 1, n1, a2.id, a2.id, 30, 1320, 1320, 0, true, false, false, false, true, false],
      T9: [4, 1, n1, a2.id, a2.id, 15, 45, 45, 0, true, true, false, false, true, true],
      T11: [3, 1, n1, a1.id, a1.id, 15, 180, 120, 60, true, true, true, false, false, false],
      T12: [3, 2, n2, b1.id, b1.id, 20, 360, 60, 300, true, true, true, false, false, false],
    });
    // the refused request is closed, as cancelled, in the period: no facts
    expect(await ticketOf(ctx.deps, id.R1)).to.include({ status: "closed", resolutionCode: "cancelled" });
    expect(rows.map((r) => r.ticketId)).to.not.include(id.R1);
    // the latest resolution, also for the closed one
    expect(rows.find((r) => r.ticketId === id.T3)!.resolvedAt.toISOString()).to.equal(localToUtc(PARIS, "2026-11-17 15:00").toISOString());
  });

  it("flow: created and resolved in the period, per Paris day, by channel and category", async () => {
    const d = await dash(sup);
    // created 16 Nov 00:00 -> 28 Nov 00:00: T1 T3 T4 T5 T2 T7 T6 T9 T11 T12 O1 O2 O3 O7 (not T8, O4, O5, O6, R1);
    // resolved: the ten T (not R1, refused on the 18th)
    expect(d.flow).to.include({ created: 14, resolved: 10 });
    expect(d.flow.perDay.map((p) => p.day)).to.deep.equal(["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21",
      "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]);
    //  created: T1 T3 T4 T5 T2 T7 - T6+O3 T9 T11+O2 T12+O7 O1
    expect(d.flow.perDay.map((p) => p.created)).to.deep.equal([1, 1, 1, 1, 1, 1, 0, 2, 1, 2, 2, 1]);
    // resolved: T1 T3 - T4+T5 - - T7 (Sun 00:30 Paris, still Sat 23:30 UTC) - T2+T9 T6+T11 T12 -
    expect(d.flow.perDay.map((p) => p.resolved)).to.deep.equal([1, 1, 0, 2, 0, 0, 1, 0, 2, 2, 1, 0]);
    // portal T1 T4 T6 T9 O1 O2, email T2 T11 T12, phone T3 T7, chat T5, api O3, monitoring O7
    expect(byKey(d.flow.byChannel, (c) => c.channel, (c) => c.count)).to.deep.equal({ portal: 6, email: 3, phone: 2, chat: 1, api: 1, monitoring: 1 });
    expect(d.flow.byChannel.slice(0, 3).map((c) => c.channel)).to.deep.equal(["portal", "email", "phone"]);
    // Software T1 T4 O2 O3, Hardware T3 T11 O7, Network T2 T7 T12, one each for Email, Printing, Accounts, none (O1)
    expect(byKey(d.flow.byCategory, (c) => c.name ?? "-", (c) => c.count)).to.deep.equal(
      { Software: 4, Hardware: 3, Network: 3, Email: 1, Printing: 1, "Accounts & access": 1, "-": 1 });
    expect(d.flow.byCategory[0]).to.deep.equal({ categoryId: cat.Software, name: "Software", count: 4 });
  });

  it("times: first response and resolution, median and 90th percentile, overall, per priority, per tier; time per tier", async () => {
    const { times } = await dash(sup);
    type Pair = [number | null, number | null];
    type Sla = [number | null, number, number];
    // count, [median, p90] of first responses and of resolutions, [compliance, met, with a verdict] of each target
    const figures = (count: number, response: Pair, resolution: Pair, rSla: Sla, sSla: Sla) => ({
      count, responseMedian: response[0], responseP90: response[1], resolutionMedian: resolution[0], resolutionP90: resolution[1],
      responseCompliance: rSla[0], responseMet: rSla[1], responseTotal: rSla[2], resolutionCompliance: sSla[0], resolutionMet: sSla[1], resolutionTotal: sSla[2],
    });
    // responses 10 15 15 20 20 30 30 30 90 300: median (20 + 30) / 2 = 25, p90 rank 9 = 90
    // resolutions 45 120 150 180 180 210 360 360 420 1320: median (180 + 210) / 2 = 195, p90 rank 9 = 420
    // T5 answered late, T6 resolved late: 9 of 10 each = 90 %
    expect(times.all).to.deep.equal(figures(10, [25, 90], [195, 420], [90, 9, 10], [90, 9, 10]));
    expect(times.byPriority).to.deep.equal([
      { priority: 1, ...figures(1, [30, 30], [150, 150], [100, 1, 1], [100, 1, 1]) }, // T7
      // T3, T5: responses 30 300 -> (30 + 300) / 2 = 165, rank ceil(1.8) = 2 -> 300; resolutions 360 420 -> 390, 420; T5 late: 1 of 2
      { priority: 2, ...figures(2, [165, 300], [390, 420], [50, 1, 2], [100, 2, 2]) },
      // T1 T4 T2 T6 T11 T12: responses 10 15 20 20 30 90 -> 20, rank ceil(5.4) = 6 -> 90; resolutions 120 180 180 210 360 1320
      // -> (180 + 210) / 2 = 195, 1320; T6 late: 5 of 6 = 83.33 -> 83.3
      { priority: 3, ...figures(6, [20, 90], [195, 1320], [100, 6, 6], [83.3, 5, 6]) },
      { priority: 4, ...figures(1, [15, 15], [45, 45], [100, 1, 1], [100, 1, 1]) }, // T9
    ]);
    expect(times.byTier).to.deep.equal([
      // at tier 1 when resolved, the 8 others: responses 10 15 15 20 30 30 90 300 -> 25, rank ceil(7.2) = 8 -> 300;
      // resolutions 45 120 150 180 180 210 420 1320 -> 180, 1320; T5 and T6 late: 7 of 8 = 87.5 each
      { tier: 1, ...figures(8, [25, 300], [180, 1320], [87.5, 7, 8], [87.5, 7, 8]) },
      { tier: 2, ...figures(2, [25, 30], [360, 360], [100, 2, 2], [100, 2, 2]) }, // T3, T12: responses 30 20, resolutions 360 360
      { tier: 3, ...figures(0, [null, null], [null, null], [null, 0, 0], [null, 0, 0]) },
    ]);
    expect(times.tierTime).to.deep.equal([
      // at N1, all ten: 120 + 120 + 210 + 420 + 180 + 150 + 1320 + 45 + 120 + 60 = 2745 -> 274.5; sorted 45 60 120 120 120 | 150 ... -> 135
      { tier: 1, tickets: 10, average: 274.5, median: 135 },
      // at N2: T3 240, T11 60, T12 300 -> 600 / 3 = 200, median 240
      { tier: 2, tickets: 3, average: 200, median: 240 },
      { tier: 3, tickets: 0, average: null, median: null },
    ]);
  });

  it("quality: FCR, reopen and escalation rates, escalation per category, solved with an article, deflections", async () => {
    const { quality } = await dash(sup);
    // FCR: T1 T5 T2 T7 T6 T9 (not T3 T11 T12 escalated, not T4 reopened) = 6 / 10; reopened T4 = 1 / 10; escalated T3 T11 T12 = 3 / 10
    expect(quality).to.deep.include({ resolved: 10, fcr: 6, fcrRate: 60, reopened: 1, reopenRate: 10, escalated: 3, escalationRate: 30, kbSolved: 1, deflections: 1 });
    // resolved per category: Hardware T3 T11 (both escalated), Network T2 T7 T12 (T12), Software T1 T4, Email T5, Printing T6, Accounts T9
    expect(byKey(quality.escalationByCategory, (c) => c.name!, (c) => [c.resolved, c.escalated, c.rate])).to.deep.equal({
      Hardware: [2, 2, 100], Network: [3, 1, 33.3], Software: [2, 0, 0], Email: [1, 0, 0], Printing: [1, 0, 0], "Accounts & access": [1, 0, 0],
    });
    expect(quality.escalationByCategory.slice(0, 3).map((c) => c.name)).to.deep.equal(["Hardware", "Network", "Software"]);
  });

  it("satisfaction (overall, per tier, per group) and people", async () => {
    const { quality, people } = await dash(sup);
    // T1 5, T3 2, T2 4, T6 3, T12 4 (T8's 1 is before the period): 18 / 5 = 3.6
    expect(quality.satisfaction).to.deep.equal({ average: 3.6, count: 5, distribution: [0, 1, 1, 2, 1] });
    expect(quality.satisfactionByTier).to.deep.equal([
      { tier: 1, average: 4, count: 3, distribution: [0, 0, 1, 1, 1] }, // T1 5, T2 4, T6 3
      { tier: 2, average: 3, count: 2, distribution: [0, 1, 0, 1, 0] }, // T3 2, T12 4
      { tier: 3, average: null, count: 0, distribution: [0, 0, 0, 0, 0] },
    ]);
    // a supervisor sees every group by its name
    expect(quality.satisfactionByGroup).to.deep.equal([
      { groupId: lyon, name: "Lyon Desk", othersHeld: false, average: null, count: 0, distribution: [0, 0, 0, 0, 0] }, // T5, unrated
      { groupId: n1, name: N1, othersHeld: false, average: 4, count: 3, distribution: [0, 0, 1, 1, 1] },
      { groupId: n2, name: N2, othersHeld: false, average: 3, count: 2, distribution: [0, 1, 0, 1, 0] },
    ]);
    expect(people).to.deep.equal([
      // open O2 O6; resolved T1 T5 T2 T7 T11: 120 150 180 180 420 -> 180; rated T1 5, T2 4 -> 4.5
      { id: a1.id, name: "Alice", open: 2, resolved: 5, resolutionMedian: 180, csatAverage: 4.5, csatCount: 2 },
      // open O4; resolved T4 T6 T9: 45 210 1320 -> 210; rated T6 3
      { id: a2.id, name: "Bruno", open: 1, resolved: 3, resolutionMedian: 210, csatAverage: 3, csatCount: 1 },
      // open O3; resolved T3 T12: 360 360; rated 2 and 4
      { id: b1.id, name: "Chloé", open: 1, resolved: 2, resolutionMedian: 360, csatAverage: 3, csatCount: 2 },
    ]);
  });

  it("backlog now: by tier, priority and status, aging, unassigned, pending, stale", async () => {
    const { backlog } = await dash(sup);
    expect(backlog).to.deep.equal({
      total: 7, unassigned: 3, pending: 1, stale: 3, // unassigned O1 O5 O7; pending O2; stale O2 O3 O5
      byTier: [{ tier: 1, count: 5 }, { tier: 2, count: 2 }, { tier: 3, count: 0 }], // N2: O3 O7
      byPriority: [{ priority: 1, count: 0 }, { priority: 2, count: 1 }, { priority: 3, count: 2 }, { priority: 4, count: 4 }], // P2 O7, P3 O2 O3
      byStatus: [{ status: "new", count: 2 }, { status: "open", count: 3 }, { status: "pending", count: 1 }, { status: "escalated", count: 1 }],
      // 0-1 d O1 (7 h); 1-3 d O2 (2 d 5 h) O7 (1 d 8 h); 3-7 d O3 (4 d 7 h); 7-30 d O4 (17 d); 30 d and more O5 O6
      aging: [{ bucket: "0-1", count: 1 }, { bucket: "1-3", count: 2 }, { bucket: "3-7", count: 1 }, { bucket: "7-30", count: 1 }, { bucket: "30+", count: 2 }],
    });
  });

  it("an agent's dashboard: their groups' tickets (group at resolution, current group for the live ones) and those they hold", async () => {
    const alice = await dash(a1);
    // N1's and Alice's: created T1 T4 T5 (Lyon, hers) T2 T7 T6 T9 T11 O1 O2 (Lyon, hers); resolved the 8 at tier 1 (T5 resolved by her)
    expect(alice.flow).to.include({ created: 10, resolved: 8 });
    // open O1 O2 O4 O5 O6 (not N2's O3 O7): unassigned O1 O5, pending O2, stale O2 O5
    expect(alice.backlog).to.include({ total: 5, unassigned: 2, pending: 1, stale: 2 });
    expect(alice.backlog.aging.map((a) => a.count)).to.deep.equal([1, 1, 0, 1, 2]);
    // FCR T1 T5 T2 T7 T6 T9 = 6 / 8; escalated T11 = 1 / 8; reopened T4 = 1 / 8
    expect(alice.quality).to.include({ fcrRate: 75, escalationRate: 12.5, reopenRate: 12.5 });
    expect(alice.times.all).to.include({ resolutionMedian: 180, responseMedian: 25 }); // the tier-1 figures above
    // her group by its name (T1 5, T2 4, T6 3); Lyon's T5, which she resolved, in one row that names no other group
    expect(alice.quality.satisfactionByGroup).to.deep.equal([
      { groupId: n1, name: N1, othersHeld: false, average: 4, count: 3, distribution: [0, 0, 1, 1, 1] },
      { groupId: null, name: null, othersHeld: true, average: null, count: 0, distribution: [0, 0, 0, 0, 0] },
    ]);
    // nobody of N2 in her people: Chloé's O3 and T3 T12 are not hers to see
    expect(alice.people.map((p) => [p.name, p.open, p.resolved])).to.deep.equal([["Alice", 2, 5], ["Bruno", 1, 3]]);

    const bruno = await dash(a2);
    // the same without Lyon's T5 and O2, which Alice holds
    expect(bruno.flow).to.include({ created: 8, resolved: 7 });
    expect(bruno.backlog).to.include({ total: 4, unassigned: 2, pending: 0, stale: 1 });
    expect(bruno.quality).to.include({ fcr: 5, fcrRate: 71.4, escalationRate: 14.3 }); // 5 / 7, 1 / 7
    expect(bruno.quality.satisfactionByGroup.map((g) => [g.name, g.othersHeld, g.count])).to.deep.equal([[N1, false, 3]]);

    const chloe = await dash(b1);
    // N2: created T3 T12 O3 O7 (T11 went back to N1); resolved T3 T12; open O3 O7
    expect(chloe.flow).to.include({ created: 4, resolved: 2 });
    expect(chloe.backlog).to.include({ total: 2, unassigned: 1, pending: 0, stale: 1 });
    expect(chloe.quality).to.include({ fcrRate: 0, escalationRate: 100 });
    expect(chloe.quality.satisfaction).to.include({ average: 3, count: 2 });
    expect(chloe.times.tierTime.map((t) => t.tickets)).to.deep.equal([2, 2, 0]);
    expect(chloe.people.map((p) => [p.name, p.open, p.resolved])).to.deep.equal([["Chloé", 1, 2]]);
    // another group's figures: as if it did not exist
    await dash(b1, { groupId: n1 }).then(() => expect.fail("N1's figures for an N2 agent"), (e) => expect(e).to.include({ status: 404, code: "report_group_not_found" }));
  });

  it("group, tier and category filters", async () => {
    const group = await dash(sup, { groupId: n1 }); // not Lyon's T5 and O2
    expect([group.flow.created, group.flow.resolved, group.backlog.total]).to.deep.equal([8, 7, 4]);
    const lyonOnly = await dash(sup, { groupId: lyon });
    expect([lyonOnly.flow.created, lyonOnly.flow.resolved, lyonOnly.backlog.total, lyonOnly.backlog.pending]).to.deep.equal([2, 1, 1, 1]);
    const tier1 = await dash(sup, { tier: 1 }); // created at tier 1 now: 14 - T3 T12 O3 O7
    expect([tier1.flow.created, tier1.flow.resolved, tier1.backlog.total]).to.deep.equal([10, 8, 5]);
    const tier2 = await dash(sup, { tier: 2 });
    expect([tier2.flow.created, tier2.flow.resolved, tier2.backlog.total]).to.deep.equal([4, 2, 2]);
    expect(tier2.times.all).to.include({ responseMedian: 25, resolutionMedian: 360 });
    const hardware = await dash(sup, { categoryId: cat.Hardware }); // T3 T11 O7
    expect([hardware.flow.created, hardware.flow.resolved, hardware.backlog.total, hardware.quality.escalationRate]).to.deep.equal([3, 2, 1, 100]);
  });

  it("the default period is the last 30 days; a day of 25 hours is one Paris day", async () => {
    const d = await loadDashboard(ctx.deps, sup, { groupId: null, tier: null, categoryId: null });
    expect(d.period).to.include({ from: "2026-10-29", to: "2026-11-27", timezone: PARIS });
    // T8 (12 Nov) and O4 (10 Nov) now in; T8's 1 joins the ratings: (18 + 1) / 6 = 3.17; the 12 Nov deflection too
    expect(d.flow).to.include({ created: 16, resolved: 11 });
    expect(d.quality.satisfaction).to.deep.equal({ average: 3.17, count: 6, distribution: [1, 1, 1, 2, 1] });
    expect(d.quality.deflections).to.equal(2);
    // 25 October: 00:30 summer time (22:30 UTC the day before) and 23:30 winter time (22:30 UTC), both that Paris day
    const dst = await dash(sup, { from: "2026-10-24", to: "2026-10-26" });
    expect(dst.flow.perDay).to.deep.equal([
      { day: "2026-10-24", created: 0, resolved: 0 }, { day: "2026-10-25", created: 2, resolved: 0 }, { day: "2026-10-26", created: 0, resolved: 0 }]);
  });

  it("the headline figures (the API's kpis) are the same numbers", async () => {
    const k = kpisOf(await dash(sup), "en");
    expect(Object.fromEntries(Object.entries(k).map(([name, v]) => [name, v.value]))).to.deep.equal({
      backlog: 7, unassigned: 3, pending: 1, stale: 3, createdCount: 14, resolvedCount: 10,
      firstResponseMedian: 25, firstResponseP90: 90, resolutionMedian: 195, resolutionP90: 420,
      slaResponseCompliance: 90, slaResolutionCompliance: 90, fcrRate: 60, reopenRate: 10, escalationRate: 30,
      kbSolvedCount: 1, kbDeflections: 1, csatAverage: 3.6, csatResponses: 5,
    });
  });

  it("a change after a refresh: reopened, its facts go at the next refresh; resolved again, they come back", async () => {
    expect(await refreshKpiFacts(ctx.deps)).to.deep.equal({ read: 0, written: 0, removed: 0, full: 0 });
    await step("2026-11-27 17:05", () => reopenTicket(ctx.deps, emp, id.T1, { reason: "Again" }));
    expect(await refreshKpiFacts(ctx.deps)).to.deep.equal({ read: 1, written: 0, removed: 1, full: 0 });
    let d = await dash(sup);
    expect(d.flow).to.include({ created: 14, resolved: 9 });
    expect(d.flow.perDay[0]).to.deep.equal({ day: "2026-11-16", created: 1, resolved: 0 });
    expect(d.backlog).to.include({ total: 8 });

    await resolve(a1, "T1", "2026-11-27 17:20");
    expect(await refreshKpiFacts(ctx.deps)).to.deep.equal({ read: 1, written: 1, removed: 0, full: 0 });
    const t1 = await ctx.deps.db.getRepository(TicketKpiFacts).findOneByOrFail({ ticketId: id.T1 });
    // Mon 16 09:00-11:00 (120) + Fri 27 17:05-17:20 (15) = 135; reopened, so no longer FCR
    expect(t1).to.include({ resolutionSeconds: 135 * 60, tier1Seconds: 135 * 60, firstResponseSeconds: 20 * 60, reopened: true, fcr: false });
    d = await dash(sup);
    // counted on the day of its latest resolution
    expect(d.flow.perDay[0].resolved).to.equal(0);
    expect(d.flow.perDay[11].resolved).to.equal(1);
    // FCR 6 - 1 = 5 / 10; reopened T4 T1 = 2 / 10; resolutions 45 135 150 180 180 | 210 ... -> still (180 + 210) / 2 = 195
    expect(d.quality).to.include({ resolved: 10, fcrRate: 50, reopenRate: 20 });
    expect(d.times.all.resolutionMedian).to.equal(195);
    // at N1: 2745 - 120 + 135 = 2760 over 10 -> 276
    expect(d.times.tierTime[0]).to.include({ tickets: 10, average: 276 });
    expect(d.backlog.total).to.equal(7);
  });
});
