import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser, N1 } from "../factories";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { listQueue } from "../../src/modules/tickets/queries/queue";
import { queueFilterSchema } from "../../src/modules/tickets/ticket.schemas";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { MailOutboxRow } from "../../src/platform/mail";
import { runAutoClose, runPendingReminders, runStaleTickets, runUnassignedWatch } from "../../src/modules/sla/jobs/watch";
import type { Actor } from "../../src/access/actor";

const paris = (isoLocal: string) => new Date(`${isoLocal}+01:00`);

describe("Integration: stale, unassigned, pending reminders and auto-close jobs", () => {
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  let sup: Actor;
  // what the watch jobs said (the tickets' own lifecycle notices are tested elsewhere)
  const kinds = async (userId: number) => (await ctx.deps.db.getRepository(Notification).find({ where: { userId }, order: { id: "ASC" } }))
    .map((n) => n.kind).filter((k) => !["ticket_created", "ticket_pending", "ticket_resolved", "ticket_reply", "ticket_escalated", "ticket_closed"].includes(k));
  const row = (id: number) => ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id });

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "j-emp" });
    n1 = await makeAgent(ctx.deps, 1, { username: "j-n1" });
    sup = await makeUser(ctx.deps, { username: "j-sup", role: "supervisor", groups: [N1] });
    ctx.clock.set(paris("2026-11-23T09:00:00")); // Monday
  });

  it("stale: the assignee after one quiet business day, the supervisor at the next run, one digest each, cleared by a reply", async () => {
    const t = await makeTicket(ctx.deps, emp, { title: "Forgotten" });
    ctx.clock.set(paris("2026-11-23T09:10:00"));
    await takeTicket(ctx.deps, n1, t.id);
    ctx.clock.set(paris("2026-11-24T09:00:00"));
    expect(await runStaleTickets(ctx.deps)).to.deep.include({ stale: 0 });
    ctx.clock.set(paris("2026-11-24T09:10:00"));
    expect(await runStaleTickets(ctx.deps)).to.deep.include({ stale: 1, toldWorkers: 1, digests: 1 });
    expect(await kinds(n1.id)).to.deep.equal(["stale_digest"]);
    const stale = await listQueue(ctx.deps, n1, 1, queueFilterSchema.parse({ view: "stale" }));
    expect(stale.rows.map((r) => r.id)).to.deep.equal([t.id]);
    ctx.clock.set(paris("2026-11-24T10:10:00"));
    expect(await runStaleTickets(ctx.deps)).to.deep.include({ toldSupervisors: 1 });
    expect(await kinds(sup.id)).to.deep.equal(["stale_digest"]);
    ctx.clock.set(paris("2026-11-24T11:10:00"));
    expect(await runStaleTickets(ctx.deps)).to.deep.include({ toldWorkers: 0, toldSupervisors: 0, digests: 0 });
    await addComment(ctx.deps, n1, t.id, { body: "Still on it.", internal: false, files: [] });
    expect(await row(t.id)).to.include({ staleSince: null, staleLevel: 0 });
    // an internal note is not public activity
    ctx.clock.set(paris("2026-11-25T12:00:00"));
    await addComment(ctx.deps, n1, t.id, { body: "note", internal: true, files: [] });
    expect(await runStaleTickets(ctx.deps)).to.deep.include({ stale: 1 });
  });

  it("unassigned: the group hears once after 30 business minutes untaken", async () => {
    const t = await makeTicket(ctx.deps, emp);
    ctx.clock.set(paris("2026-11-23T09:29:00"));
    expect(await runUnassignedWatch(ctx.deps)).to.deep.include({ alerted: 0 });
    ctx.clock.set(paris("2026-11-23T09:30:00"));
    expect(await runUnassignedWatch(ctx.deps)).to.deep.include({ alerted: 1 });
    expect(await kinds(n1.id)).to.deep.equal(["unassigned"]);
    ctx.clock.set(paris("2026-11-23T09:35:00"));
    expect(await runUnassignedWatch(ctx.deps)).to.deep.include({ alerted: 0 });
    await takeTicket(ctx.deps, n1, t.id);
    expect((await row(t.id)).queuedAt).to.equal(null);
  });

  it("pending on the requester: reminders at 2 and 4 business days, resolved for them at 6", async () => {
    const t = await makeTicket(ctx.deps, emp);
    ctx.clock.set(paris("2026-11-23T10:00:00"));
    await setPending(ctx.deps, n1, t.id, { reason: "requester", note: "Which printer?" });
    ctx.clock.set(paris("2026-11-25T09:59:00"));
    expect(await runPendingReminders(ctx.deps)).to.deep.include({ reminded: 0 });
    ctx.clock.set(paris("2026-11-25T10:00:00"));
    expect(await runPendingReminders(ctx.deps)).to.deep.include({ reminded: 1 });
    // the reminder says what is awaited
    const mail = await ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ template: "pending-reminder" });
    expect(mail.text).to.contain("Which printer?");
    expect(await runPendingReminders(ctx.deps)).to.deep.include({ reminded: 0 });
    ctx.clock.set(paris("2026-11-27T10:00:00"));
    expect(await runPendingReminders(ctx.deps)).to.deep.include({ reminded: 1 });
    expect(await kinds(emp.id)).to.deep.equal(["pending_reminder", "pending_reminder"]);
    ctx.clock.set(paris("2026-12-01T10:00:00"));
    expect(await runPendingReminders(ctx.deps)).to.deep.include({ resolved: 1 });
    expect(await row(t.id)).to.include({ status: "resolved", resolutionCode: "no_fault" });
    const h = await ctx.deps.db.getRepository(TicketHistory).findOneByOrFail({ ticketId: t.id, kind: "resolved" });
    expect(h).to.include({ actorId: null, reason: "sla:pending_timeout" });
    expect(await kinds(emp.id)).to.deep.equal(["pending_reminder", "pending_reminder", "pending_resolved"]);
  });

  it("auto-close: a resolved ticket nobody confirmed is closed after five days, once", async () => {
    const t = await makeTicket(ctx.deps, emp);
    ctx.clock.set(paris("2026-11-23T10:00:00"));
    await resolveTicket(ctx.deps, n1, t.id, { resolution: "Replaced the cable.", code: "fixed" });
    ctx.clock.set(paris("2026-11-28T09:59:00"));
    expect(await runAutoClose(ctx.deps)).to.deep.equal({ closed: 0 });
    ctx.clock.set(paris("2026-11-28T10:00:00"));
    expect(await runAutoClose(ctx.deps)).to.deep.equal({ closed: 1 });
    expect(await row(t.id)).to.include({ status: "closed" });
    expect(await runAutoClose(ctx.deps)).to.deep.equal({ closed: 0 });
    expect(await kinds(emp.id)).to.deep.equal(["ticket_auto_closed"]);
  });
});
