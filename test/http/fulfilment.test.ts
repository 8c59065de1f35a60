import { expect } from "chai";
import { resetDb, testContext, type TestContext } from "../helpers/context";
import { apiClient, csrfFrom, signIn } from "../helpers/http";
import { makeAgent, makeUser } from "../factories";
import { approvalOf, arrivalTasks, assetTypeId, makeAsset, makeItem, order, setManager, tasksOf, ticketOf } from "../helpers/catalog-fixtures";
import type { Actor } from "../../src/access/actor";
import { Asset } from "../../src/modules/assets";
import { User } from "../../src/modules/users/user.entity";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";

/** What the request, its tasks and its approval look like on the pages and in the API. */
describe("HTTP: fulfilment on the ticket pages, the approvals API, the manager of a user", function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let emp: Actor;
  let boss: Actor;
  let n1: Actor;

  before(async () => {
    ctx = await testContext();
  });
  beforeEach(async () => {
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "fu-emp", name: "Emma Leroy" });
    boss = await makeUser(ctx.deps, { username: "fu-boss", name: "Bruno Marchal" });
    await setManager(ctx.deps, emp, boss);
    n1 = await makeAgent(ctx.deps, 1, { username: "fu-n1" });
    await makeAgent(ctx.deps, 2, { username: "fu-n2" });
  });

  it("shows the approval and the tasks' progress: plain titles to the requester, links and groups to the desk; My tickets hides the tasks", async () => {
    const req = await order(ctx.deps, emp, await makeItem(ctx.deps, { name: "New employee arrival", approval: "manager", tasks: await arrivalTasks(ctx.deps) }));
    const mine = await signIn(ctx.app, "fu-emp");
    let page = (await mine.get("/tickets/REQ-000001").expect(200)).text;
    expect(page).to.contain('id="fulfilment"').and.contain("Waiting for the approval of Bruno Marchal.");

    const approval = await approvalOf(ctx.deps, req.id);
    const api = await apiClient(ctx.deps, ctx.app, boss);
    await api.post(`/approvals/${approval.id}/approve`, {}).expect(200);
    const [a, b] = await tasksOf(ctx.deps, req.id);
    await resolveTicket(ctx.deps, n1, a.id, { resolution: "Ready.", code: "fixed" });

    page = (await mine.get("/tickets/REQ-000001").expect(200)).text;
    expect(page).to.contain("Approved by Bruno Marchal on").and.contain("1 of 3 tasks done").and.contain('<progress class="w-100" id="task-progress" max="3" value="1"');
    expect(page).to.contain("Prepare the laptop").and.contain("Create the accounts").and.not.contain('href="/tickets/REQ-000002"');
    const portal = (await mine.get("/portal").expect(200)).text;
    expect(portal).to.contain('href="/tickets/REQ-000001"').and.not.contain('href="/tickets/REQ-000002"').and.not.contain('href="/tickets/REQ-000003"');

    const desk = await signIn(ctx.app, "fu-n1");
    page = (await desk.get("/tickets/REQ-000001").expect(200)).text;
    expect(page).to.contain('href="/tickets/REQ-000002"').and.contain("N1 Service Desk").and.contain("N2 Support").and.contain("approved the request (on the portal)");
    // N1 works its own task, not N2's
    await desk.get(`/tickets/REQ-00000${b.id}`).expect(404);
    page = (await desk.get("/tickets/REQ-000002").expect(200)).text;
    expect(page).to.contain('id="task-of"').and.contain('href="/tickets/REQ-000001"').and.contain("Task of REQ-000001");
  });

  it("ordering an item that needs the manager's approval without a manager known: 422 on the order form, nothing created", async () => {
    const item = await makeItem(ctx.deps, { approval: "manager" });
    await makeUser(ctx.deps, { username: "fu-alone" });
    const web = await signIn(ctx.app, "fu-alone");
    const form = (await web.get(`/catalog/${item.id}`).expect(200)).text;
    const refused = await web.post(`/catalog/${item.id}`).type("form").send({ _csrf: csrfFrom(form), model: "MacBook" }).expect(422);
    expect(refused.text).to.contain("Your manager is not known to Niveau: ask IT to record it.");
    expect((await web.get("/portal").expect(200)).text).to.not.contain("REQ-000001");
  });

  it("an agent cannot resume a request waiting for approval (409), and is offered no Resume button", async () => {
    await order(ctx.deps, emp, await makeItem(ctx.deps, { approval: "manager" }));
    const desk = await signIn(ctx.app, "fu-n1");
    const page = (await desk.get("/tickets/REQ-000001").expect(200)).text;
    expect(page).to.contain("Awaiting approval").and.not.contain('action="/tickets/REQ-000001/resume"');
    const refused = await desk.post("/tickets/REQ-000001/resume").type("form").send({ _csrf: csrfFrom(page) }).expect(409);
    expect(refused.text).to.contain("This request waits for its approver&#39;s decision");
    expect(await ticketOf(ctx.deps, 1)).to.include({ status: "pending", pendingReason: "approval" });
  });

  it("hands an in-stock asset over from the request's desk page; one taken meanwhile is a 409 on the page", async () => {
    await order(ctx.deps, emp, await makeItem(ctx.deps, { fulfilAssetTypeId: await assetTypeId(ctx.deps, "laptop") }));
    const laptop = await makeAsset(ctx.deps, "PC-00200");
    await makeAsset(ctx.deps, "PC-00201", "laptop", { status: "in_use" });
    await makeAsset(ctx.deps, "MON-00200", "monitor");
    const desk = await signIn(ctx.app, "fu-n1");
    const page = (await desk.get("/tickets/REQ-000001").expect(200)).text;
    expect(page).to.contain('action="/requests/REQ-000001/hand-over"').and.contain("PC-00200 — laptop PC-00200 — T14");
    expect(page).to.not.contain("PC-00201").and.not.contain("MON-00200");
    const csrf = csrfFrom(page);
    const done = await desk.post("/requests/REQ-000001/hand-over").type("form").send({ _csrf: csrf, assetId: String(laptop.id) }).expect(303);
    expect(done.headers.location).to.equal("/tickets/REQ-000001#fulfilment");
    const after = (await desk.get("/tickets/REQ-000001").expect(200)).text;
    expect(after).to.contain("PC-00200 is handed over to the requester.").and.contain('id="handed-over"').and.contain("No asset of this type is in stock.");
    const again = await desk.post("/requests/REQ-000001/hand-over").type("form").send({ _csrf: csrf, assetId: String(laptop.id) }).expect(409);
    expect(again.text).to.contain("PC-00200 is no longer in stock: choose another asset.");
    await desk.post("/requests/REQ-000001/hand-over").type("form").send({ _csrf: csrf, assetId: "x" }).expect(422);
    expect(await ctx.deps.db.getRepository(Asset).findOneByOrFail({ id: laptop.id })).to.include({ ownerId: emp.id, status: "in_use" });
    // the requester sees no hand-over form; they may not post one
    const mine = await signIn(ctx.app, "fu-emp");
    const own = (await mine.get("/tickets/REQ-000001").expect(200)).text;
    expect(own).to.not.contain("hand-over");
    await mine.post("/requests/REQ-000001/hand-over").type("form").send({ _csrf: csrfFrom(own), assetId: String(laptop.id) }).expect(403);
  });

  it("API v1: my pending approvals, approve, reject with a reason; someone else's is a 404, a second decision a 409", async () => {
    const item = await makeItem(ctx.deps, { approval: "manager" });
    const [r1, r2] = [await order(ctx.deps, emp, item), await order(ctx.deps, emp, item)];
    const [a1, a2] = [await approvalOf(ctx.deps, r1.id), await approvalOf(ctx.deps, r2.id)];
    const api = await apiClient(ctx.deps, ctx.app, boss);
    const list = await api.get("/approvals").expect(200);
    expect(list.body.approvals.map((a: { id: number; request: string; requester: string; state: string }) => [a.id, a.request, a.requester, a.state]))
      .to.deep.equal([[a1.id, "REQ-000001", "Emma Leroy", "pending"], [a2.id, "REQ-000002", "Emma Leroy", "pending"]]);
    const one = await api.get(`/approvals/${a1.id}`).expect(200);
    expect(one.body.answers[0]).to.deep.include({ name: "model", label: "Model", value: "ThinkPad" });

    const other = await apiClient(ctx.deps, ctx.app, emp);
    expect((await other.get("/approvals").expect(200)).body.approvals).to.deep.equal([]);
    await other.post(`/approvals/${a1.id}/approve`).expect(404);
    expect((await api.post(`/approvals/${a1.id}/reject`, {}).expect(422)).body.error.fields).to.have.property("reason");
    await api.post(`/approvals/${a1.id}/approve`, { note: "x" }).expect(422);
    expect((await api.post(`/approvals/${a1.id}/approve`).expect(200)).body).to.include({ state: "approved", request: "REQ-000001" });
    const rejected = await api.post(`/approvals/${a2.id}/reject`, { reason: "Already has one." }).expect(200);
    expect(rejected.body).to.include({ state: "rejected", reason: "Already has one." });
    expect((await api.post(`/approvals/${a1.id}/reject`, { reason: "No" }).expect(409)).body.error.code).to.equal("already_decided");
    expect((await api.get("/approvals").expect(200)).body.approvals).to.deep.equal([]);
  });

  it("the admin records a user's manager by username: unknown or oneself is a 422 next to the field", async () => {
    await makeUser(ctx.deps, { username: "fu-admin", role: "admin" });
    const other = await makeUser(ctx.deps, { username: "fu-newboss" });
    const web = await signIn(ctx.app, "fu-admin");
    const page = (await web.get(`/admin/users/${emp.id}`).expect(200)).text;
    expect(page).to.contain('name="manager"').and.contain('value="fu-boss"');
    const form = { _csrf: csrfFrom(page), displayName: "Emma Leroy", role: "requester", active: "1" };
    const unknown = await web.post(`/admin/users/${emp.id}`).type("form").send({ ...form, manager: "nobody" }).expect(422);
    expect(unknown.text).to.contain('id="manager-error"').and.contain('value="nobody"');
    const self = await web.post(`/admin/users/${emp.id}`).type("form").send({ ...form, manager: "fu-emp" }).expect(422);
    expect(self.text).to.contain("A person cannot be their own manager.");
    await web.post(`/admin/users/${emp.id}`).type("form").send({ ...form, manager: "FU-NewBoss" }).expect(303);
    expect((await ctx.deps.db.getRepository(User).findOneByOrFail({ id: emp.id })).managerId).to.equal(other.id);
    await web.post(`/admin/users/${emp.id}`).type("form").send({ ...form, manager: "" }).expect(303);
    expect((await ctx.deps.db.getRepository(User).findOneByOrFail({ id: emp.id })).managerId).to.equal(null);
  });
});
