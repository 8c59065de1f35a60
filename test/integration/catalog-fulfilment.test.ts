import { expect } from "chai";
import { resetDb, testContext, type TestContext } from "../helpers/context";
import { refusal } from "../helpers/refusal";
import { groupId, makeAgent, makeTicket, makeUser, N1, N2, N3 } from "../factories";
import { approvalOf, arrivalTasks, makeItem, order, requestRow, setManager, tasksOf, ticketOf } from "../helpers/catalog-fixtures";
import type { Actor } from "../../src/access/actor";
import { CatalogApproval, CatalogTask } from "../../src/modules/catalog";
import { decideApproval } from "../../src/modules/catalog/commands/decide-approval";
import { MailOutboxRow } from "../../src/platform/mail";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { User } from "../../src/modules/users/user.entity";
import { SlaSegment } from "../../src/modules/sla/sla.entity";
import { resumeTicket } from "../../src/modules/tickets/commands/resume-ticket";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import { reopenTicket } from "../../src/modules/tickets/commands/reopen-ticket";
import { mergeTicket } from "../../src/modules/tickets/commands/merge-ticket";
import { runPendingReminders, runStaleTickets } from "../../src/modules/sla/jobs/watch";
import { closeTicket } from "../../src/modules/tickets/commands/close-ticket";

const DAY = 24 * 3600_000;

describe("integration: catalog approvals and fulfilment tasks", function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let emp: Actor;
  let boss: Actor;
  let n1: Actor;
  let n2: Actor;
  let n3: Actor;

  const notices = (userId: number, kind?: string) =>
    ctx.deps.db.getRepository(Notification).find({ where: { userId, ...(kind ? { kind } : {}) }, order: { id: "ASC" } });
  const history = (ticketId: number) => ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId }, order: { id: "ASC" } });
  const decide = (who: Actor, ticketId: number, decision: "approve" | "reject", reason?: string) =>
    approvalOf(ctx.deps, ticketId).then((a) => decideApproval(ctx.deps, who, a.id, { decision, reason, via: "portal" }));
  const resolve = (who: Actor, id: number) => resolveTicket(ctx.deps, who, id, { resolution: "Done.", code: "fixed" });

  before(async () => {
    ctx = await testContext();
  });
  beforeEach(async () => {
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "cf-emp", name: "Emma Leroy" });
    boss = await makeUser(ctx.deps, { username: "cf-boss", name: "Bruno Marchal" });
    await setManager(ctx.deps, emp, boss);
    n1 = await makeAgent(ctx.deps, 1, { username: "cf-n1" });
    n2 = await makeAgent(ctx.deps, 2, { username: "cf-n2" });
    n3 = await makeAgent(ctx.deps, 3, { username: "cf-n3" });
  });

  it("without approval creates the tasks at once: one ticket per group, the request open, the requester told once", async () => {
    const item = await makeItem(ctx.deps, { name: "New employee arrival", tasks: await arrivalTasks(ctx.deps), slaPriority: 2 });
    const req = await order(ctx.deps, emp, item);
    expect(req).to.include({ status: "open", type: "request" });
    expect((await requestRow(ctx.deps, req.id)).approvalState).to.equal("none");
    const tasks = await tasksOf(ctx.deps, req.id);
    expect(tasks.map((t) => t.title)).to.deep.equal(["Prepare the laptop (REQ-000001)", "Create the accounts (REQ-000001)", "Activate the badge (REQ-000001)"]);
    expect(tasks.map((t) => [t.groupId, t.tier, t.tiersVisited])).to.deep.equal([
      [await groupId(ctx.deps, N1), 1, 1], [await groupId(ctx.deps, N2), 2, 2], [await groupId(ctx.deps, N3), 3, 4],
    ]);
    for (const t of tasks) {
      expect(t).to.include({ type: "request", requesterId: emp.id, priority: 2, status: "new", assigneeId: null, parentId: null });
      expect(t.queuedAt, "waits untaken in its group's queue").to.not.equal(null);
      expect(t.firstResponseDueAt, "its SLA clock runs").to.not.equal(null);
      expect(t.description).to.contain("REQ-000001").and.contain("Emma Leroy").and.contain("Model: ThinkPad");
      expect(await ctx.deps.db.getRepository(SlaSegment).countBy({ ticketId: t.id, kind: "start" })).to.equal(1);
      expect((await history(t.id)).map((h) => [h.kind, h.fromValue])).to.deep.equal([["created", null], ["task", "REQ-000001"]]);
    }
    expect((await history(req.id)).filter((h) => h.kind === "task").map((h) => h.toValue)).to.deep.equal(tasks.map((t) => `REQ-00000${t.id}`));
    // one acknowledgement, of the request; nothing per task
    expect((await notices(emp.id)).map((n) => [n.kind, n.ticketId])).to.deep.equal([["ticket_created", req.id]]);
  });

  it("without approval nor tasks, the request waits in its item's group queue", async () => {
    const item = await makeItem(ctx.deps, { groupId: await groupId(ctx.deps, N2) });
    const req = await order(ctx.deps, emp, item);
    expect(req).to.include({ status: "new", tier: 2, groupId: await groupId(ctx.deps, N2) });
    expect(await tasksOf(ctx.deps, req.id)).to.deep.equal([]);
  });

  it("with the manager's approval: pending 'approval' with its SLA clock paused, the manager told; approving creates the tasks", async () => {
    const item = await makeItem(ctx.deps, { approval: "manager", tasks: await arrivalTasks(ctx.deps) });
    const req = await order(ctx.deps, emp, item);
    const t = await ticketOf(ctx.deps, req.id);
    expect(t).to.include({ status: "pending", pendingReason: "approval", slaNextDueAt: null, queuedAt: null });
    expect(t.slaPausedAt).to.not.equal(null);
    expect(await tasksOf(ctx.deps, req.id)).to.deep.equal([]);
    expect(await approvalOf(ctx.deps, req.id)).to.include({ approverId: boss.id, state: "pending", decidedAt: null });
    expect((await requestRow(ctx.deps, req.id)).approvalState).to.equal("pending");
    const [notice] = await notices(boss.id, "approval_requested");
    expect(notice.params).to.include({ number: "REQ-000001", name: "Emma Leroy", item: "New laptop" });
    const mail = await ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ toAddress: "cf-boss@example.org" });
    expect(mail.subject).to.equal("[REQ-000001] Your approval is needed: New laptop");
    expect(mail.text).to.match(/Approve: http:\/\/127\.0\.0\.1:3000\/approvals\/email\/\d+\.a\.\d+\.[\w-]{43}/);
    expect(mail.text).to.match(/Reject: http:\/\/127\.0\.0\.1:3000\/approvals\/email\/\d+\.r\.\d+\.[\w-]{43}/);
    expect(mail.text).to.contain("  Model: ThinkPad");

    // a reply of the requester does not end the wait; nobody resumes, escalates it
    await addComment(ctx.deps, emp, req.id, { body: "Any news?", internal: false, files: [] });
    expect(await ticketOf(ctx.deps, req.id)).to.include({ status: "pending", pendingReason: "approval" });
    expect(await refusal(resumeTicket(ctx.deps, n1, req.id))).to.include({ status: 409, code: "awaiting_approval" });
    expect(await refusal(escalateTicket(ctx.deps, n1, req.id, { groupId: null, reason: "x", note: "y" }))).to.include({ status: 409, code: "awaiting_approval" });

    ctx.clock.set(new Date(ctx.clock.now().getTime() + 3600_000));
    const approved = await decide(boss, req.id, "approve");
    expect(approved).to.include({ state: "approved", decidedVia: "portal" });
    const after = await ticketOf(ctx.deps, req.id);
    expect(after).to.include({ status: "open", pendingReason: null, slaPausedAt: null });
    expect((await requestRow(ctx.deps, req.id)).approvalState).to.equal("approved");
    expect(await tasksOf(ctx.deps, req.id)).to.have.length(3);
    expect((await history(req.id)).map((h) => h.kind)).to.include.members(["pending", "approved", "status", "task"]);
    expect((await notices(emp.id, "request_approved")).map((n) => n.params.name)).to.deep.equal(["Bruno Marchal"]);
    expect(await refusal(decide(boss, req.id, "reject", "Too late"))).to.include({ status: 409, code: "already_decided" });
  });

  it("picks the approver: the manager, else the item's approver; never the requester; nobody is a 422 that saves nothing", async () => {
    const backup = await makeUser(ctx.deps, { username: "cf-backup" });
    const managed = await makeItem(ctx.deps, { approval: "manager", approverId: backup.id });
    expect((await approvalOf(ctx.deps, (await order(ctx.deps, emp, managed)).id)).approverId).to.equal(boss.id);
    // no manager, or an inactive one: the item's approver
    await ctx.deps.db.getRepository(User).update({ id: boss.id }, { active: false });
    expect((await approvalOf(ctx.deps, (await order(ctx.deps, emp, managed)).id)).approverId).to.equal(backup.id);
    // the named approver ordering for themselves: their manager
    const named = await makeItem(ctx.deps, { approval: "named", approverId: backup.id });
    await setManager(ctx.deps, backup, n1);
    expect((await approvalOf(ctx.deps, (await order(ctx.deps, backup, named)).id)).approverId).to.equal(n1.id);

    const before = await ctx.deps.db.getRepository(Ticket).count();
    const lonely = await makeUser(ctx.deps, { username: "cf-lonely" });
    const noFallback = await makeItem(ctx.deps, { approval: "manager" });
    const err = await refusal(order(ctx.deps, lonely, noFallback));
    expect(err).to.include({ status: 422, code: "no_approver", messageKey: "approvals.errors.no_manager" });
    expect(err.fields).to.deep.equal({ approval: "approvals.errors.no_manager" });
    await setManager(ctx.deps, backup, null);
    expect(await refusal(order(ctx.deps, backup, named))).to.include({ status: 422, code: "no_approver" });
    expect(await ctx.deps.db.getRepository(Ticket).count(), "nothing saved").to.equal(before);
  });

  it("rejection closes the request as cancelled with the reason, and tells the requester why", async () => {
    const item = await makeItem(ctx.deps, { approval: "manager", tasks: await arrivalTasks(ctx.deps) });
    const req = await order(ctx.deps, emp, item);
    expect(await refusal(decide(boss, req.id, "reject", "  "))).to.include({ status: 422 });
    expect(await refusal(decide(emp, req.id, "approve")), "only the approver").to.include({ status: 404 });
    await decide(boss, req.id, "reject", "Budget frozen until March.");
    expect(await ticketOf(ctx.deps, req.id)).to.include({ status: "closed", resolutionCode: "cancelled", resolution: "Budget frozen until March.", pendingReason: null });
    expect(await approvalOf(ctx.deps, req.id)).to.include({ state: "rejected", reason: "Budget frozen until March." });
    expect((await requestRow(ctx.deps, req.id)).approvalState).to.equal("rejected");
    expect(await tasksOf(ctx.deps, req.id)).to.deep.equal([]);
    const rejected = (await history(req.id)).find((h) => h.kind === "rejected");
    expect(rejected).to.include({ actorId: boss.id, reason: "Budget frozen until March.", toValue: "portal" });
    const mail = await ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ toAddress: "cf-emp@example.org", subject: "[REQ-000001] Not approved: New laptop" });
    expect(mail.text).to.contain("Budget frozen until March.");
  });

  it("two decisions at once: one wins, the other is a 409", async () => {
    const item = await makeItem(ctx.deps, { approval: "manager" });
    const req = await order(ctx.deps, emp, item);
    const results = await Promise.allSettled([decide(boss, req.id, "approve"), decide(boss, req.id, "reject", "No.")]);
    expect(results.filter((r) => r.status === "fulfilled")).to.have.length(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).to.include({ status: 409 });
    expect(await ctx.deps.db.getRepository(CatalogApproval).countBy({ ticketId: req.id, state: "pending" })).to.equal(0);
  });

  it("resolves the request once its last task is resolved, not before, and asks its requester to confirm only then", async () => {
    const item = await makeItem(ctx.deps, { tasks: await arrivalTasks(ctx.deps) });
    const req = await order(ctx.deps, emp, item);
    const [a, b, c] = await tasksOf(ctx.deps, req.id);
    await resolve(n1, a.id);
    await resolve(n2, b.id);
    expect((await ticketOf(ctx.deps, req.id)).status).to.equal("open");
    await resolve(n3, c.id);
    const done = await ticketOf(ctx.deps, req.id);
    expect(done).to.include({ status: "resolved", resolutionCode: "fixed", resolution: "All fulfilment tasks are done." });
    expect(done.resolvedAt).to.not.equal(null);
    expect((await notices(emp.id, "ticket_resolved")).map((n) => n.ticketId), "once, for the request").to.deep.equal([req.id]);
    const last = (await history(req.id)).at(-1)!;
    expect(last).to.include({ kind: "resolved", actorId: null, toValue: "fixed" });

    // a task reopened by its requester reopens the request; resolved again, the request resolves again
    await reopenTicket(ctx.deps, emp, b.id, { reason: "My account does not work." });
    expect(await ticketOf(ctx.deps, req.id)).to.include({ status: "open", resolvedAt: null, resolution: null });
    expect((await history(req.id)).at(-1)).to.include({ kind: "reopened", reason: "its fulfilment task REQ-000003 was reopened" });
    await resolve(n2, b.id);
    expect((await ticketOf(ctx.deps, req.id)).status).to.equal("resolved");
  });

  it("two last tasks resolved at the same moment still resolve the request (once)", async () => {
    const item = await makeItem(ctx.deps, { tasks: (await arrivalTasks(ctx.deps)).slice(0, 2) });
    const req = await order(ctx.deps, emp, item);
    const [a, b] = await tasksOf(ctx.deps, req.id);
    await Promise.all([resolve(n1, a.id), resolve(n2, b.id)]);
    expect((await ticketOf(ctx.deps, req.id)).status).to.equal("resolved");
    expect((await history(req.id)).filter((h) => h.kind === "resolved")).to.have.length(1);
  });

  it("counts a task merged into another as done (the merge path reaches the request too)", async () => {
    const item = await makeItem(ctx.deps, { tasks: (await arrivalTasks(ctx.deps)).slice(0, 1).concat([{ title: "Prepare the dock", groupId: await groupId(ctx.deps, N1) }]) });
    const req = await order(ctx.deps, emp, item);
    const [a, b] = await tasksOf(ctx.deps, req.id);
    await resolve(n1, a.id);
    await mergeTicket(ctx.deps, n1, b.id, { into: { id: a.id, prefix: "REQ" } });
    expect((await ticketOf(ctx.deps, req.id)).status).to.equal("resolved");
  });

  it("an agent who resolves a request waiting for approval cancels the approval: a later decision is a 409", async () => {
    const item = await makeItem(ctx.deps, { approval: "manager" });
    const req = await order(ctx.deps, emp, item);
    await resolve(n1, req.id);
    expect(await approvalOf(ctx.deps, req.id)).to.include({ state: "cancelled" });
    expect((await requestRow(ctx.deps, req.id)).approvalState).to.equal("cancelled");
    expect(await refusal(decide(boss, req.id, "approve"))).to.include({ status: 409, messageKey: "approvals.errors.already_cancelled" });
  });

  it("the pending reminders and the automatic resolution leave approval waits alone", async () => {
    const item = await makeItem(ctx.deps, { approval: "manager" });
    const req = await order(ctx.deps, emp, item);
    const other = await makeTicket(ctx.deps, emp);
    await setPending(ctx.deps, n1, other.id, { reason: "requester", note: "Which room?" });
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 20 * DAY));
    const counts = await runPendingReminders(ctx.deps);
    expect(counts).to.include({ resolved: 1 });
    expect((await ticketOf(ctx.deps, other.id)).status, "the control: waiting on its requester").to.equal("resolved");
    expect(await ticketOf(ctx.deps, req.id)).to.include({ status: "pending", pendingReason: "approval", pendingReminders: 0 });
    expect(await notices(emp.id, "pending_reminder")).to.have.length(0);
    expect(await ctx.deps.db.getRepository(CatalogTask).count()).to.equal(0);
  });

  it("a request worked through tasks is finished by them: resolving it around them is a 409, a task's resolved -> closed changes nothing", async () => {
    const item = await makeItem(ctx.deps, { tasks: (await arrivalTasks(ctx.deps)).slice(0, 2) });
    const req = await order(ctx.deps, emp, item);
    const [a, b] = await tasksOf(ctx.deps, req.id);
    expect(await refusal(resolve(n1, req.id))).to.include({ status: 409, code: "request_tasks_open" });
    expect((await ticketOf(ctx.deps, req.id)).status, "nothing half-saved").to.equal("open");
    await resolve(n1, a.id);
    await resolve(n2, b.id);
    expect((await ticketOf(ctx.deps, req.id)).status).to.equal("resolved");
    // the requester says it does not work: the request is reopened; a task confirmed later must not resolve it again
    await reopenTicket(ctx.deps, emp, req.id, { reason: "The badge does not open the door." });
    await closeTicket(ctx.deps, emp, a.id);
    expect((await ticketOf(ctx.deps, req.id)).status).to.equal("open");
    expect((await notices(emp.id, "ticket_resolved")).filter((n) => n.ticketId === req.id)).to.have.length(1);
  });

  it("the stale sweep leaves alone a request waiting for approval and one worked through its tasks (the tasks are watched)", async () => {
    const waiting = await order(ctx.deps, emp, await makeItem(ctx.deps, { approval: "manager" }));
    const parent = await order(ctx.deps, emp, await makeItem(ctx.deps, { name: "Arrival", tasks: (await arrivalTasks(ctx.deps)).slice(0, 1) }));
    const [task] = await tasksOf(ctx.deps, parent.id);
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 30 * DAY));
    await runStaleTickets(ctx.deps);
    expect((await ticketOf(ctx.deps, waiting.id)).staleLevel).to.equal(0);
    expect((await ticketOf(ctx.deps, parent.id)).staleLevel).to.equal(0);
    expect((await ticketOf(ctx.deps, task.id)).staleLevel, "the control: its task is stale").to.equal(1);
  });

  it("a duplicate request merged away closes its open tasks (pointing at the request kept); the silence never resolves a request around its tasks", async () => {
    const item = await makeItem(ctx.deps, { tasks: (await arrivalTasks(ctx.deps)).slice(0, 2) });
    const kept = await order(ctx.deps, emp, item);
    const dup = await order(ctx.deps, emp, item);
    await mergeTicket(ctx.deps, n1, dup.id, { into: { id: kept.id, prefix: "REQ" } });
    const dupTasks = await tasksOf(ctx.deps, dup.id);
    expect(dupTasks.map((x) => [x.status, x.resolutionCode, x.resolution])).to.deep.equal(dupTasks.map(() => ["closed", "duplicate", `REQ-${String(kept.id).padStart(6, "0")}`]));
    expect((await tasksOf(ctx.deps, kept.id)).map((x) => x.status)).to.deep.equal(["new", "new"]);

    // the request waits on its requester; its tasks are still open: twenty days of silence resolve nothing
    await setPending(ctx.deps, n1, kept.id, { reason: "requester", note: "Which floor?" });
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 20 * DAY));
    await runPendingReminders(ctx.deps);
    expect((await ticketOf(ctx.deps, kept.id)).status).to.equal("pending");
  });

  it("a request reopened after its tasks are all done is watched again like any ticket", async () => {
    const req = await order(ctx.deps, emp, await makeItem(ctx.deps, { tasks: (await arrivalTasks(ctx.deps)).slice(0, 1) }));
    const [task] = await tasksOf(ctx.deps, req.id);
    await resolve(n1, task.id);
    await reopenTicket(ctx.deps, emp, req.id, { reason: "The badge does not work." });
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 30 * DAY));
    await runStaleTickets(ctx.deps);
    expect((await ticketOf(ctx.deps, req.id)).staleLevel).to.equal(1);
  });
});
