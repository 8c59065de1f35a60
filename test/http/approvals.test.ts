import request from "supertest";
import { expect } from "chai";
import { resetDb, testContext, type TestContext } from "../helpers/context";
import { csrfFrom, signIn } from "../helpers/http";
import { makeAgent, makeUser } from "../factories";
import { approvalOf, makeItem, order, setManager, ticketOf } from "../helpers/catalog-fixtures";
import type { Actor } from "../../src/access/actor";
import { MailOutboxRow } from "../../src/platform/mail";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import type { Ticket } from "../../src/modules/tickets/ticket.entity";

const DAY = 24 * 3600_000;

/** The approver's side: the one-click links of the email (no sign-in), and the portal's approval pages. */
describe("HTTP: approvals from the email links and the portal", function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let emp: Actor;
  let boss: Actor;
  let req: Ticket;

  /** The Approve and Reject links of the approval email as it sits in the outbox (paths, base URL removed). */
  async function mailLinks(): Promise<{ approve: string; reject: string; page: string }> {
    const mail = await ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ toAddress: "ap-boss@example.org" });
    const find = (label: string) => new RegExp(`^${label}: http://127\\.0\\.0\\.1:3000(/approvals/\\S+)$`, "m").exec(mail.text)?.[1] ?? "";
    const links = { approve: find("Approve"), reject: find("Reject"), page: find("Open the approval page") };
    expect(mail.html).to.contain(`href="http://127.0.0.1:3000${links.approve}"`);
    return links;
  }

  before(async () => {
    ctx = await testContext();
  });
  beforeEach(async () => {
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "ap-emp", name: "Emma Leroy" });
    boss = await makeUser(ctx.deps, { username: "ap-boss", name: "Bruno Marchal" });
    await setManager(ctx.deps, emp, boss);
    req = await order(ctx.deps, emp, await makeItem(ctx.deps, { approval: "manager" }), { model: "MacBook", notes: "For the <design> team" });
  });

  it("opening a link changes nothing (mail scanners prefetch them): it shows the request and a form to confirm", async () => {
    const links = await mailLinks();
    expect(links.approve).to.match(/^\/approvals\/email\/\d+\.a\./);
    expect(links.page).to.equal(`/approvals/${(await approvalOf(ctx.deps, req.id)).id}`);
    for (let i = 0; i < 3; i++) {
      const page = await request(ctx.app).get(links.approve).expect(200);
      expect(page.headers["cache-control"]).to.equal("no-store");
      expect(page.text).to.contain("Approve REQ-000001?").and.contain("Emma Leroy asks for “New laptop”").and.contain("MacBook");
      expect(page.text).to.contain("For the &lt;design&gt; team").and.not.contain("<design>");
      expect(page.text).to.match(/<form method="post" action="\/approvals\/email\/[^"]+"/).and.contain('id="approve-button"').and.not.contain('id="reject-button"');
    }
    const fr = await request(ctx.app).get(links.approve).set("accept-language", "fr").expect(200);
    expect(fr.text).to.contain("Approuver REQ-000001\u00a0?").and.contain("Emma Leroy demande «\u00a0New laptop\u00a0»");
    const reject = await request(ctx.app).get(links.reject).expect(200);
    expect(reject.text).to.contain("Reject REQ-000001?").and.contain('name="reason"').and.not.contain('id="approve-button"');
    expect(await approvalOf(ctx.deps, req.id)).to.include({ state: "pending" });
    expect(await ticketOf(ctx.deps, req.id)).to.include({ status: "pending", pendingReason: "approval", version: req.version });
  });

  it("approves without signing in: the form's POST (with the CSRF token of the GET) decides as the approver", async () => {
    const links = await mailLinks();
    const visitor = request.agent(ctx.app);
    const page = await visitor.get(links.approve).expect(200);
    // the global CSRF check applies to the public form too
    await visitor.post(links.approve).type("form").send({}).expect(403);
    const done = await visitor.post(links.approve).type("form").send({ _csrf: csrfFrom(page.text) }).expect(303);
    expect(done.headers.location).to.equal(`${links.approve}/done`);
    const thanks = await visitor.get(done.headers.location).expect(200);
    expect(thanks.text).to.contain("You approved REQ-000001 “New laptop”");
    expect(await approvalOf(ctx.deps, req.id)).to.include({ state: "approved", decidedVia: "email" });
    expect(await ticketOf(ctx.deps, req.id)).to.include({ status: "new", pendingReason: null });
    const approved = await ctx.deps.db.getRepository(TicketHistory).findOneByOrFail({ ticketId: req.id, kind: "approved" });
    expect(approved).to.include({ actorId: boss.id, toValue: "email" });

    // a second decision: 409, saying what was decided and by whom, from either link, GET or POST
    const again = await request(ctx.app).get(links.reject).expect(409);
    expect(again.text).to.contain("Already decided").and.contain("Approved by Bruno Marchal on").and.contain("(from the email link)");
    // the approval page itself needs a sign-in
    expect((await request(ctx.app).get(links.page).expect(303)).headers.location).to.match(/^\/login/);
    await visitor.post(links.reject).type("form").send({ _csrf: csrfFrom(page.text), reason: "No" }).expect(409);
    expect(await approvalOf(ctx.deps, req.id)).to.include({ state: "approved" });
  });

  it("rejects from the link with a required reason: 422 keeps what was typed, then the request is closed", async () => {
    const { reject } = await mailLinks();
    const visitor = request.agent(ctx.app);
    const token = csrfFrom((await visitor.get(reject).expect(200)).text);
    const bad = await visitor.post(reject).type("form").send({ _csrf: token, reason: "   " }).expect(422);
    expect(bad.text).to.contain("Say why you reject the request: its requester reads it.");
    const long = `Too expensive ${"x".repeat(2000)}`;
    const tooLong = await visitor.post(reject).type("form").send({ _csrf: token, reason: long }).expect(422);
    expect(tooLong.text).to.contain(`>${long}</textarea>`).and.contain('id="reason-error"');
    await visitor.post(reject).type("form").send({ _csrf: token, reason: "Not in the budget." }).expect(303);
    expect(await ticketOf(ctx.deps, req.id)).to.include({ status: "closed", resolutionCode: "cancelled", resolution: "Not in the budget." });
  });

  it("an expired link is a 410 that points to the approval page; an altered one a 404; neither changes anything", async () => {
    const links = await mailLinks();
    const visitor = request.agent(ctx.app);
    const csrf = csrfFrom((await visitor.get(links.approve).expect(200)).text);
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 7 * DAY + 1000));
    const expired = await visitor.get(links.approve).expect(410);
    expect(expired.text).to.contain("This link has expired").and.contain(`href="${links.page}"`);
    await visitor.post(links.approve).type("form").send({ _csrf: csrf }).expect(410);

    const [, id, letter, exp, sig] = /^\/approvals\/email\/(\d+)\.([ar])\.(\d+)\.(.+)$/.exec(links.approve)!;
    for (const bad of [`${id}.r.${exp}.${sig}`, `${id}.${letter}.${Number(exp) + 999999}.${sig}`, `${Number(id) + 1}.${letter}.${exp}.${sig}`, "nonsense"]) {
      const page = await visitor.get(`/approvals/email/${bad}`).expect(404);
      expect(page.text).to.contain("This link is not valid");
      await visitor.post(`/approvals/email/${bad}`).type("form").send({ _csrf: csrf }).expect(404);
    }
    expect(await approvalOf(ctx.deps, req.id)).to.include({ state: "pending" });
  });

  it("the portal: a link on the home page, the list, the approval page with its forms; decided, it says so", async () => {
    const web = await signIn(ctx.app, "ap-boss");
    const home = await web.get("/portal").expect(200);
    expect(home.text).to.contain('id="approvals-waiting"').and.contain("Requests waiting for your approval: 1");
    const id = (await approvalOf(ctx.deps, req.id)).id;
    const list = await web.get("/approvals").expect(200);
    expect(list.text).to.contain(`href="/approvals/${id}"`).and.contain("Emma Leroy").and.contain("No decision yet.");
    const page = await web.get(`/approvals/${id}`).expect(200);
    expect(page.text).to.contain("MacBook").and.contain('id="approve-button"').and.contain('id="reject-button"');
    const csrf = csrfFrom(page.text);
    const refused = await web.post(`/approvals/${id}/reject`).type("form").send({ _csrf: csrf, reason: "" }).expect(422);
    expect(refused.text).to.contain('id="reason-error"');
    await web.post(`/approvals/${id}/approve`).type("form").send({ _csrf: csrf }).expect(303);
    const after = await web.get(`/approvals/${id}`).expect(200);
    expect(after.text).to.contain("You approved REQ-000001").and.contain("Approved by Bruno Marchal on").and.not.contain('id="approve-button"');
    expect((await web.get("/portal").expect(200)).text).to.not.contain('id="approvals-waiting"');
    expect((await web.get("/approvals").expect(200)).text).to.contain("Nothing waits for your approval.").and.contain("Approved");
    await web.post(`/approvals/${id}/reject`).type("form").send({ _csrf: csrf, reason: "Oops" }).expect(409);
    // the bell leads the approver to the approval page, not to the ticket
    const bell = (await web.get("/notifications").expect(200)).text;
    expect(bell).to.contain("Emma Leroy asks for your approval: “New laptop” (REQ-000001)");
    const noticeId = /action="\/notifications\/(\d+)\/read"/.exec(bell)![1];
    const opened = await web.post(`/notifications/${noticeId}/read`).type("form").send({ _csrf: csrf }).expect(303);
    expect(opened.headers.location).to.equal(`/approvals/${id}`);
  });

  it("only the approver sees an approval (others 404); the approver does not read the ticket itself", async () => {
    const id = (await approvalOf(ctx.deps, req.id)).id;
    await makeAgent(ctx.deps, 1, { username: "ap-n1" });
    for (const who of ["ap-emp", "ap-n1"]) {
      const web = await signIn(ctx.app, who);
      await web.get(`/approvals/${id}`).expect(404);
      const page = await web.get("/approvals").expect(200);
      expect(page.text).to.not.contain(`/approvals/${id}`);
      await web.post(`/approvals/${id}/approve`).type("form").send({ _csrf: csrfFrom(page.text) }).expect(404);
    }
    const web = await signIn(ctx.app, "ap-boss");
    await web.get("/tickets/REQ-000001").expect(404);
    await web.get("/approvals/999").expect(404);
    await web.get("/approvals/abc").expect(404);
    expect(await approvalOf(ctx.deps, req.id)).to.include({ state: "pending" });
  });
});
