import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import { resumeTicket } from "../../src/modules/tickets/commands/resume-ticket";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { classifyTicket } from "../../src/modules/tickets/commands/classify-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { reopenTicket } from "../../src/modules/tickets/commands/reopen-ticket";
import { savePolicies } from "../../src/modules/sla/commands/sla-settings";
import { SlaPolicy } from "../../src/modules/sla/sla.entity";
import { loadSegments } from "../../src/modules/sla/engine";
import { slaBadge } from "../../src/modules/sla/badge";
import { cachedPolicies } from "../../src/modules/sla/policies";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import type { Actor } from "../../src/access/actor";

/** Paris wall-clock time in November (UTC+1) as an instant. */
const paris = (isoLocal: string) => new Date(`${isoLocal}+01:00`);

describe("Integration: SLA clocks on tickets", () => {
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  const reload = (id: number) => ctx.deps.db.getRepository(Ticket).findOneOrFail({ where: { id } });

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "emp" });
    n1 = await makeAgent(ctx.deps, 1, { username: "n1" });
    ctx.clock.set(paris("2026-11-23T09:00:00")); // a Monday
  });

  it("computes both due dates in business time at creation (P3: one and two business days)", async () => {
    const t = await makeTicket(ctx.deps, emp, { impact: "medium", urgency: "medium" });
    expect(t.priority).to.equal(3);
    const row = await reload(t.id);
    expect(row.firstResponseDueAt?.toISOString()).to.equal(paris("2026-11-24T09:00:00").toISOString());
    expect(row.resolutionDueAt?.toISOString()).to.equal(paris("2026-11-25T09:00:00").toISOString());
    expect(row.slaNextDueAt?.toISOString()).to.equal(row.firstResponseDueAt?.toISOString());
    expect((await loadSegments(ctx.deps.db.manager, t.id)).map((s) => s.kind)).to.deep.equal(["start"]);
  });

  it("counts the first response, pauses while pending, and never loses the paused time when the priority changes", async () => {
    const t = await makeTicket(ctx.deps, emp, { impact: "medium", urgency: "medium" });
    ctx.clock.set(paris("2026-11-23T10:00:00"));
    await takeTicket(ctx.deps, n1, t.id);
    let row = await reload(t.id);
    expect(row.firstResponseAt?.toISOString()).to.equal(paris("2026-11-23T10:00:00").toISOString());
    expect(row.slaNextDueAt?.toISOString()).to.equal(row.resolutionDueAt?.toISOString());
    ctx.clock.set(paris("2026-11-23T11:00:00"));
    await setPending(ctx.deps, n1, t.id, { reason: "requester", note: null });
    row = await reload(t.id);
    expect(row.slaPausedAt?.toISOString()).to.equal(paris("2026-11-23T11:00:00").toISOString());
    expect(row.slaNextDueAt).to.equal(null);
    expect(row.resolutionDueAt).to.equal(null);
    // waiting Monday 11:00 to Wednesday 15:00, then back to work
    ctx.clock.set(paris("2026-11-25T15:00:00"));
    await resumeTicket(ctx.deps, n1, t.id);
    row = await reload(t.id);
    // P3 = 20 business hours; 2 used before the pause, 18 left from Wednesday 15:00: Wed 3 h, Thu 10 h, Fri 5 h -> Friday 13:00
    expect(row.resolutionDueAt?.toISOString()).to.equal(paris("2026-11-27T13:00:00").toISOString());
    // raised to P2 (8 business hours): 2 used, 6 left from Wednesday 15:00 -> Thursday 11:00
    await classifyTicket(ctx.deps, n1, t.id, { impact: "high", urgency: "medium", categoryId: row.categoryId, groupId: row.groupId });
    row = await reload(t.id);
    expect(row.priority).to.equal(2);
    expect(row.resolutionDueAt?.toISOString()).to.equal(paris("2026-11-26T11:00:00").toISOString());
    expect((await loadSegments(ctx.deps.db.manager, t.id)).map((s) => s.kind)).to.deep.equal(["start", "pause", "resume"]);
  });

  it("stops at the resolution (met), resumes on reopen, and records a breach", async () => {
    const t = await makeTicket(ctx.deps, emp, { impact: "high", urgency: "high" }); // P1: 1 h / 4 h around the clock
    await takeTicket(ctx.deps, n1, t.id);
    ctx.clock.set(paris("2026-11-23T10:00:00"));
    await resolveTicket(ctx.deps, n1, t.id, { resolution: "Restarted the service.", code: "fixed" });
    let row = await reload(t.id);
    const policies = await cachedPolicies(ctx.deps.db);
    expect(slaBadge(row, policies, ctx.clock.now())?.state).to.equal("met");
    const dueBefore = row.resolutionDueAt?.toISOString();
    // the requester says it is still broken an hour later: the clock resumes where it stopped
    ctx.clock.set(paris("2026-11-23T11:00:00"));
    await reopenTicket(ctx.deps, emp, t.id, { reason: "Still broken." });
    row = await reload(t.id);
    expect(row.resolutionDueAt?.toISOString()).to.equal(paris("2026-11-23T14:00:00").toISOString());
    expect(dueBefore).to.equal(paris("2026-11-23T13:00:00").toISOString());
    ctx.clock.set(paris("2026-11-23T14:30:00"));
    expect(slaBadge(row, policies, ctx.clock.now())?.state).to.equal("breached");
    ctx.clock.set(paris("2026-11-23T13:30:00"));
    expect(slaBadge(row, policies, ctx.clock.now())?.state).to.equal("at_risk");
    ctx.clock.set(paris("2026-11-23T11:30:00"));
    expect(slaBadge(row, policies, ctx.clock.now())?.state).to.equal("on_track");
  });

  it("a public reply by an agent is a first response; an internal note is not", async () => {
    const t = await makeTicket(ctx.deps, emp);
    ctx.clock.set(paris("2026-11-23T09:30:00"));
    await addComment(ctx.deps, n1, t.id, { body: "Looking into it (internal).", internal: true, files: [] });
    expect((await reload(t.id)).firstResponseAt).to.equal(null);
    await addComment(ctx.deps, n1, t.id, { body: "We are on it.", internal: false, files: [] });
    expect((await reload(t.id)).firstResponseAt?.toISOString()).to.equal(paris("2026-11-23T09:30:00").toISOString());
  });

  it("replays the open tickets when a policy changes", async () => {
    const t = await makeTicket(ctx.deps, emp, { impact: "medium", urgency: "medium" });
    const policies = await ctx.deps.db.getRepository(SlaPolicy).find({ order: { priority: "ASC" } });
    const input = policies.map((p) => ({ priority: p.priority, calendarId: p.calendarId, firstResponseMinutes: p.firstResponseMinutes, resolutionMinutes: p.resolutionMinutes, autoEscalate: p.autoEscalate }));
    input[2].resolutionMinutes = 60 * 12;
    const recomputed = await savePolicies(ctx.deps, SYSTEM_ACTOR, input);
    expect(recomputed).to.equal(1);
    expect((await reload(t.id)).resolutionDueAt?.toISOString()).to.equal(paris("2026-11-24T11:00:00").toISOString());
  });
});
