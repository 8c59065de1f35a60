import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser, N1, N2 } from "../factories";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import { classifyTicket } from "../../src/modules/tickets/commands/classify-ticket";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { runSlaWatch } from "../../src/modules/sla/jobs/sla-watch";
import type { Actor } from "../../src/access/actor";

const paris = (isoLocal: string) => new Date(`${isoLocal}+01:00`);

describe("Integration: sla-watch warns at 75%, alerts at breach, escalates where the policy says so", () => {
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  let n1b: Actor;
  let sup: Actor;
  const notices = async (userId: number) => (await ctx.deps.db.getRepository(Notification).find({ where: { userId }, order: { id: "ASC" } }))
    .map((n) => `${n.kind}:${String(n.params.target ?? n.params.tier ?? "")}`);

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "w-emp" });
    n1 = await makeAgent(ctx.deps, 1, { username: "w-n1" });
    n1b = await makeAgent(ctx.deps, 1, { username: "w-n1b" });
    sup = await makeUser(ctx.deps, { username: "w-sup", role: "supervisor", groups: [N1] });
    await makeAgent(ctx.deps, 2, { username: "w-n2" });
    ctx.clock.set(paris("2026-11-23T09:00:00"));
  });

  it("a P1 taken at once: warns the assignee at 75% of the resolution, then alerts the supervisor and escalates at the breach, once each", async () => {
    const t = await makeTicket(ctx.deps, emp, { impact: "high", urgency: "high" });
    await takeTicket(ctx.deps, n1, t.id);
    ctx.clock.set(paris("2026-11-23T11:59:00"));
    expect(await runSlaWatch(ctx.deps)).to.deep.include({ warned: 0, breached: 0 });
    ctx.clock.set(paris("2026-11-23T12:00:00"));
    expect(await runSlaWatch(ctx.deps)).to.deep.include({ warned: 1, breached: 0 });
    expect(await notices(n1.id)).to.deep.equal(["sla_warning:resolution"]);
    expect(await notices(n1b.id)).to.deep.equal([]);
    expect(await runSlaWatch(ctx.deps)).to.deep.include({ checked: 0, warned: 0 });
    ctx.clock.set(paris("2026-11-23T13:00:00"));
    expect(await runSlaWatch(ctx.deps)).to.deep.include({ breached: 1, escalated: 1 });
    expect(await notices(sup.id)).to.deep.equal(["sla_breach:resolution"]);
    const row = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id });
    expect(row).to.include({ tier: 2, status: "escalated", assigneeId: null });
    expect(row.slaResolutionBreachedAt?.toISOString()).to.equal(paris("2026-11-23T13:00:00").toISOString());
    const history = await ctx.deps.db.getRepository(TicketHistory).findOneByOrFail({ ticketId: t.id, kind: "escalated" });
    expect(history).to.include({ actorId: null, reason: "sla:resolution_breached" });
    // nothing more to say, however often it runs
    ctx.clock.set(paris("2026-11-23T13:05:00"));
    expect(await runSlaWatch(ctx.deps)).to.deep.include({ warned: 0, breached: 0, escalated: 0 });
    void N2;
  });

  it("a breach a command already passed (a priority raised late) is still alerted and escalated by the next pass", async () => {
    const t = await makeTicket(ctx.deps, emp, { impact: "medium", urgency: "medium" }); // P3
    await takeTicket(ctx.deps, n1, t.id);
    ctx.clock.set(paris("2026-11-24T12:00:00")); // 13 business hours later
    await classifyTicket(ctx.deps, n1, t.id, { impact: "high", urgency: "high", categoryId: null, groupId: null }); // now P1: 4 h, long passed
    const row = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id });
    expect(row.priority).to.equal(1);
    expect(row.slaResolutionBreachedAt).to.equal(null);
    expect(await runSlaWatch(ctx.deps)).to.deep.include({ breached: 1, escalated: 1 });
    expect(await notices(sup.id)).to.include("sla_breach:resolution");
    expect((await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id })).tier).to.equal(2);
  });

  it("warns the whole group when nobody took the ticket, and says nothing while it waits", async () => {
    const t = await makeTicket(ctx.deps, emp, { impact: "medium", urgency: "medium" }); // P3: response in 600 business minutes
    const waiting = await makeTicket(ctx.deps, emp, { impact: "medium", urgency: "medium", title: "Waiting" });
    await setPending(ctx.deps, n1, waiting.id, { reason: "requester", note: null });
    ctx.clock.set(paris("2026-11-23T16:30:00")); // 7.5 of 10 business hours
    const counts = await runSlaWatch(ctx.deps);
    expect(counts.warned).to.equal(1);
    expect(await notices(n1.id)).to.deep.equal(["sla_warning:response"]);
    expect(await notices(n1b.id)).to.deep.equal(["sla_warning:response"]);
    const row = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id });
    expect(row.slaResponseWarnedAt?.toISOString()).to.equal(paris("2026-11-23T16:30:00").toISOString());
    // the P3 response is breached the next morning at 09:00; the supervisor hears of it, no escalation for P3
    ctx.clock.set(paris("2026-11-24T09:00:00"));
    expect(await runSlaWatch(ctx.deps)).to.deep.include({ breached: 1, escalated: 0 });
    // (the supervisor is also a member of the N1 group: warned with it)
    expect(await notices(sup.id)).to.deep.equal(["sla_warning:response", "sla_breach:response"]);
  });
});
