import request from "supertest";
import { expect } from "chai";
import { resetDb, testContext, type TestContext } from "../helpers/context";
import { csrfFrom, signIn } from "../helpers/http";
import { makeAgent, makeTicket, makeUser, N1 } from "../factories";
import type { Actor } from "../../src/access/actor";
import { MailOutboxRow } from "../../src/platform/mail";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { reopenTicket } from "../../src/modules/tickets/commands/reopen-ticket";
import { closeTicket } from "../../src/modules/tickets/commands/close-ticket";
import { Category } from "../../src/modules/tickets/category.entity";
import { TicketLink } from "../../src/modules/tickets/link.entity";
import { Ticket as TicketRow } from "../../src/modules/tickets/ticket.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { User } from "../../src/modules/users/user.entity";
import { TicketSurvey } from "../../src/modules/reporting/reporting.entity";
import { surveyToken } from "../../src/modules/reporting/survey-token";

const BASE = "http://127.0.0.1:3000";
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The requester's side (the email's one-click links, the portal's widget) and the desk's "Satisfaction" panel. */
describe("HTTP: satisfaction surveys", function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  let t: TicketRow;

  const surveys = () => ctx.deps.db.getRepository(TicketSurvey).find();
  const later = (ms: number) => ctx.clock.set(new Date(ctx.clock.now().getTime() + ms));

  /** The five rating links of the resolution email in the outbox (paths, base URL removed), 1 to 5. */
  async function mailLinks(): Promise<string[]> {
    const mail = await ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ toAddress: "hs-emp@example.org", template: "ticket-resolved" });
    const links = [...mail.text.matchAll(/^\d — [^:]+: http:\/\/127\.0\.0\.1:3000(\/survey\/\S+)$/gm)].map((m) => m[1]);
    for (const l of links) expect(mail.html).to.contain(`href="${BASE}${l}"`);
    return links;
  }

  before(async () => {
    ctx = await testContext();
  });
  beforeEach(async () => {
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "hs-emp", name: "Emma Leroy" });
    n1 = await makeAgent(ctx.deps, 1, { username: "hs-n1" });
    await makeUser(ctx.deps, { username: "hs-boss", role: "supervisor", groups: [N1] });
    t = await makeTicket(ctx.deps, emp, { title: "Badge <reader> broken" });
    await takeTicket(ctx.deps, n1, t.id);
    await resolveTicket(ctx.deps, n1, t.id, { resolution: "Replaced the reader.", code: "fixed" });
  });

  it("the resolution email carries five one-click links in words; opening one records nothing", async () => {
    const links = await mailLinks();
    expect(links).to.have.length(5);
    links.forEach((l, i) => expect(l).to.match(new RegExp(`^/survey/${t.id}\\.${emp.id}\\.\\d+\\.[\\w-]{43}\\?score=${i + 1}$`)));
    for (let i = 0; i < 3; i++) {
      const page = await request(ctx.app).get(links[1]).expect(200);
      expect(page.headers["cache-control"]).to.equal("no-store");
      expect(page.text).to.contain("About your ticket INC-000001 “Badge &lt;reader&gt; broken”.").and.not.contain("Replaced the reader");
      expect(page.text).to.match(/<form method="post" action="\/survey\/[^"?]+" id="survey-form" class="card card-body" data-survey-auto>/);
      expect(page.text).to.match(/id="survey-score-2" value="2" required checked/).and.not.match(/id="survey-score-3" value="3" required checked/);
      for (const words of ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"]) expect(page.text).to.contain(words);
      expect(page.text).to.contain('<script src="/public/js/survey.js" defer></script>').and.contain("Send my rating");
    }
    const fr = await request(ctx.app).get(links[4]).set("accept-language", "fr").expect(200);
    expect(fr.text).to.contain("Qu’avez-vous pensé de notre aide\u00a0?").and.contain("Très satisfait");
    expect(await surveys()).to.deep.equal([]);
  });

  it("the form's POST (CSRF token of the GET) records; then Thank you, changeable for 24 hours, then 409", async () => {
    const [, two] = await mailLinks();
    const path = two.replace(/\?.*$/, "");
    const visitor = request.agent(ctx.app);
    const csrf = csrfFrom((await visitor.get(two).expect(200)).text);
    await visitor.post(path).type("form").send({ score: "2" }).expect(403);
    const done = await visitor.post(path).type("form").send({ _csrf: csrf, score: "2", comment: "" }).expect(303);
    expect(done.headers.location).to.equal(path);
    const [first, ...none] = await surveys();
    expect(none).to.deep.equal([]);
    expect(first).to.include({ score: 2, comment: null });

    const thanks = await visitor.get(path).expect(200);
    expect(thanks.text).to.contain("Thank you").and.contain("Your rating of INC-000001 is recorded: 2/5 — Dissatisfied.")
      .and.contain("You can change it or add a comment until").and.not.contain("data-survey-auto").and.not.contain("survey.js");
    // the link clicked again: no second automatic answer
    expect((await visitor.get(two).expect(200)).text).to.not.contain("data-survey-auto");
    later(2 * HOUR);
    await visitor.post(path).type("form").send({ _csrf: csrf, score: "3", comment: "The reader works, but it took a week." }).expect(303);
    expect((await visitor.get(path).expect(200)).text).to.contain(">The reader works, but it took a week.</textarea>").and.contain("3/5 — Neither");

    later(DAY);
    const locked = await visitor.post(path).type("form").send({ _csrf: csrf, score: "5" }).expect(409);
    expect(locked.text).to.contain("This rating can no longer be changed");
    const page = await visitor.get(two).expect(200);
    expect(page.text).to.contain("this one can no longer be changed").and.not.contain('id="survey-form"');
    expect((await surveys())[0]).to.include({ score: 3 });
  });

  it("422 next to the field for a score out of 1-5 or a comment too long, with what was typed", async () => {
    const [one] = await mailLinks();
    const path = one.replace(/\?.*$/, "");
    const visitor = request.agent(ctx.app);
    const csrf = csrfFrom((await visitor.get(one).expect(200)).text);
    for (const score of ["0", "6", "", "x"]) {
      const bad = await visitor.post(path).type("form").send({ _csrf: csrf, score, comment: "Kept" }).expect(422);
      expect(bad.text).to.contain('id="score-error"').and.contain("Choose a rating from 1 to 5.").and.contain(">Kept</textarea>");
    }
    const long = "x".repeat(2001);
    const tooLong = await visitor.post(path).type("form").send({ _csrf: csrf, score: "4", comment: long }).expect(422);
    expect(tooLong.text).to.contain('id="comment-error"').and.contain(`>${long}</textarea>`).and.match(/id="survey-score-4" value="4" required checked/);
    expect(await surveys()).to.deep.equal([]);
  });

  it("an expired link is a 410 pointing to the portal; an altered one a 404; a reopened ticket a 409; none records", async () => {
    const [one] = await mailLinks();
    const path = one.replace(/\?.*$/, "");
    const visitor = request.agent(ctx.app);
    const csrf = csrfFrom((await visitor.get(one).expect(200)).text);
    const [, id, who, exp, sig] = /^\/survey\/(\d+)\.(\d+)\.(\d+)\.([\w-]+)$/.exec(path)!;
    for (const bad of [`${Number(id) + 1}.${who}.${exp}.${sig}`, `${id}.${Number(who) + 1}.${exp}.${sig}`, `${id}.${who}.${Number(exp) + 99}.${sig}`, "nonsense"]) {
      expect((await visitor.get(`/survey/${bad}?score=5`).expect(404)).text).to.contain("This link is not valid");
      await visitor.post(`/survey/${bad}`).type("form").send({ _csrf: csrf, score: "5" }).expect(404);
    }
    await reopenTicket(ctx.deps, emp, t.id, { reason: "Still broken" });
    expect((await visitor.get(one).expect(409)).text).to.contain("This ticket is no longer resolved");
    await visitor.post(path).type("form").send({ _csrf: csrf, score: "1" }).expect(409);

    // a link of a 1-day survey: expired on the next day, the POST too (sessions outlive it, the 14 days would not)
    const brief = surveyToken({ ...ctx.deps.config, reports: { ...ctx.deps.config.reports, surveyLinkDays: 1 } }, t.id, emp.id, ctx.clock.now());
    later(DAY + 1000);
    await visitor.post(`/survey/${brief}`).type("form").send({ _csrf: csrf, score: "1" }).expect(410);
    later(13 * DAY);
    const expired = await request(ctx.app).get(one).expect(410);
    expect(expired.headers["cache-control"]).to.equal("no-store");
    expect(expired.text).to.contain("This link has expired").and.contain("Rating links work for 14 days.").and.contain('href="/tickets/INC-000001#survey"');
    expect(await surveys()).to.deep.equal([]);
  });

  it("the portal: the requester rates on the ticket page; anyone else gets a 404", async () => {
    const web = await signIn(ctx.app, "hs-emp");
    const page = await web.get("/tickets/INC-000001").expect(200);
    expect(page.text).to.contain('id="survey"').and.contain('action="/tickets/INC-000001/survey"').and.contain("Very satisfied");
    const csrf = csrfFrom(page.text);
    const bad = await web.post("/tickets/INC-000001/survey").type("form").send({ _csrf: csrf, score: "6", comment: "Typed" }).expect(422);
    expect(bad.text).to.contain('id="score-error"').and.contain(">Typed</textarea>");
    const done = await web.post("/tickets/INC-000001/survey").type("form").send({ _csrf: csrf, score: "4", comment: "Good" }).expect(303);
    expect(done.headers.location).to.equal("/tickets/INC-000001#survey");
    const after = await web.get("/tickets/INC-000001").expect(200);
    expect(after.text).to.contain("Your rating: 4/5 — Satisfied.").and.contain("You can change it until").and.contain(">Good</textarea>");
    await web.post("/tickets/REQ-000001/survey").type("form").send({ _csrf: csrf, score: "4" }).expect(404);

    await makeUser(ctx.deps, { username: "hs-other" });
    for (const who of ["hs-other", "hs-n1", "hs-boss"]) {
      const other = await signIn(ctx.app, who);
      const token = csrfFrom((await other.get("/profile").expect(200)).text);
      await other.post("/tickets/INC-000001/survey").type("form").send({ _csrf: token, score: "1" }).expect(404);
    }
    const [only, ...none] = await surveys();
    expect(none).to.deep.equal([]);
    expect(only).to.include({ score: 4, requesterId: emp.id });
    // an unknown action of the ticket routes is still a 404
    await web.post("/tickets/INC-000001/nonsense").type("form").send({ _csrf: csrf }).expect(404);
  });

  it("the desk's Satisfaction panel: a supervisor facing a low score may reopen or reach out; an agent reads it", async () => {
    const web = await signIn(ctx.app, "hs-emp");
    const csrf = csrfFrom((await web.get("/tickets/INC-000001").expect(200)).text);
    await web.post("/tickets/INC-000001/survey").type("form").send({ _csrf: csrf, score: "1", comment: "Three days without a badge." }).expect(303);

    const boss = await signIn(ctx.app, "hs-boss");
    const desk = await boss.get("/tickets/INC-000001").expect(200);
    expect(desk.text).to.contain("Satisfaction").and.contain("1/5 — Very dissatisfied").and.contain("Three days without a badge.");
    expect(desk.text).to.contain('id="survey-reach-out" href="/tickets/INC-000001?reach_out=1#reply-body"').and.contain('id="survey-reopen"');
    // the internal note of the low score, on the desk's timeline
    expect(desk.text).to.contain("Satisfaction survey: 1/5 — Three days without a badge.");
    const reach = await boss.get("/tickets/INC-000001?reach_out=1").expect(200);
    expect(reach.text).to.match(/id="reply-body" name="body" rows="4">Hello Emma Leroy, thank you for your feedback on INC-000001\./);
    await boss.post("/tickets/INC-000001/reopen").type("form")
      .send({ _csrf: csrfFrom(desk.text), reason: /id="survey-reopen-reason" name="reason" required value="([^"]+)"/.exec(desk.text)![1] }).expect(303);

    const agent = await signIn(ctx.app, "hs-n1");
    const seen = await agent.get("/tickets/INC-000001?reach_out=1").expect(200);
    expect(seen.text).to.contain("1/5 — Very dissatisfied").and.not.contain('id="survey-reach-out"').and.not.contain('id="survey-reopen"');
    expect(seen.text).to.not.contain("thank you for your feedback");
    // the requester never reads the internal note
    expect((await web.get("/tickets/INC-000001").expect(200)).text).to.not.contain("Satisfaction survey:");
  });
  it("a deactivated requester's link is not valid any more (404, as an approver's who left); nothing records", async () => {
    const [one] = await mailLinks();
    const visitor = request.agent(ctx.app);
    const csrf = csrfFrom((await visitor.get(one).expect(200)).text);
    await ctx.deps.db.getRepository(User).update({ id: emp.id }, { active: false });
    expect((await visitor.get(one).expect(404)).text).to.contain("This link is not valid").and.not.contain("Badge &lt;reader&gt;");
    await visitor.post(one.replace(/\?.*$/, "")).type("form").send({ _csrf: csrf, score: "1" }).expect(404);
    expect(await surveys()).to.deep.equal([]);
  });

  it("surveyOn=closed: a low score on the closed ticket, the supervisor's Reach out opens a follow-up ticket with the reply started", async () => {
    const reports = ctx.deps.config.reports;
    Object.assign(reports, { surveyOn: "closed" });
    try {
      const category = await ctx.deps.db.getRepository(Category).findOneByOrFail({ active: true });
      const u = await makeTicket(ctx.deps, emp, { title: "Printer <jammed>", categoryId: category.id });
      await takeTicket(ctx.deps, n1, u.id);
      await resolveTicket(ctx.deps, n1, u.id, { resolution: "Cleared.", code: "fixed" });
      await closeTicket(ctx.deps, n1, u.id);
      const rated = await ctx.deps.db.getRepository(TicketRow).findOneByOrFail({ id: u.id });
      const web = await signIn(ctx.app, "hs-emp");
      const csrf = csrfFrom((await web.get("/tickets/INC-000002").expect(200)).text);
      await web.post("/tickets/INC-000002/survey").type("form").send({ _csrf: csrf, score: "2", comment: "Two days.\nNo call." }).expect(303);

      const boss = await signIn(ctx.app, "hs-boss");
      const desk = await boss.get("/tickets/INC-000002").expect(200);
      expect(desk.text).to.contain('action="/tickets/INC-000002/survey/follow-up"').and.contain('id="survey-follow-up"')
        .and.contain("opens a follow-up ticket for Emma Leroy").and.not.contain('id="survey-reach-out"').and.not.contain('id="survey-reopen"');
      const path = "/tickets/INC-000002/survey/follow-up";
      await boss.post(path).type("form").send({}).expect(403);
      // the requester reads the ticket (403); another employee does not (404); an agent reads it but does not follow up (403)
      await web.post(path).type("form").send({ _csrf: csrf }).expect(403);
      await makeUser(ctx.deps, { username: "hs-other" });
      for (const [who, status] of [["hs-other", 404], ["hs-n1", 403]] as const) {
        const other = await signIn(ctx.app, who);
        await other.post(path).type("form").send({ _csrf: csrfFrom((await other.get("/profile").expect(200)).text) }).expect(status);
      }
      expect(await ctx.deps.db.getRepository(TicketRow).count(), "none made").to.equal(2);

      const done = await boss.post(path).type("form").send({ _csrf: csrfFrom(desk.text) }).expect(303);
      expect(done.headers.location).to.equal("/tickets/INC-000003?reach_out=INC-000002#reply-body");
      const f = await ctx.deps.db.getRepository(TicketRow).findOneByOrFail({ id: 3 });
      const bossId = (await ctx.deps.db.getRepository(User).findOneByOrFail({ username: "hs-boss" })).id;
      expect(f).to.include({
        type: "incident", channel: "email", requesterId: emp.id, title: "Follow-up: Printer <jammed>", categoryId: category.id,
        groupId: rated.groupId, assigneeId: bossId, status: "open",
      });
      expect(f.description).to.equal("Emma Leroy rated INC-000002 “Printer <jammed>” 2/5 (Dissatisfied) once it was closed. " +
        "This ticket follows it up with them.\n\nTheir comment:\n> Two days.\n> No call.");
      expect(await ctx.deps.db.getRepository(TicketLink).findBy({ ticketId: 2, otherTicketId: 3 })).to.have.length(1);
      const landed = await boss.get(done.headers.location.replace(/#.*$/, "")).expect(200);
      expect(landed.text).to.match(/id="reply-body" name="body" rows="4">Hello Emma Leroy, thank you for your feedback on INC-000002\./)
        .and.to.contain("Follow-up INC-000003 is created and assigned to you");
      // asked again (a second click, another supervisor): the same follow-up, not a second one
      expect((await boss.post(path).type("form").send({ _csrf: csrfFrom(desk.text) }).expect(303)).headers.location).to.equal(done.headers.location);
      expect(await ctx.deps.db.getRepository(TicketRow).count()).to.equal(3);
      // the sentence names a rated ticket only on its follow-up: not on an unrelated ticket, nor for an agent
      const unrelated = await makeTicket(ctx.deps, emp, { title: "Unrelated" });
      expect((await boss.get(`/tickets/${formatNumber(unrelated.type, unrelated.id)}?reach_out=INC-000002`).expect(200)).text).to.not.contain("thank you for your feedback");
      expect((await (await signIn(ctx.app, "hs-n1")).get("/tickets/INC-000003?reach_out=INC-000002").expect(200)).text).to.not.contain("thank you for your feedback");
    } finally {
      Object.assign(reports, { surveyOn: "resolved" });
    }
  });

  it("a low score on a resolved ticket: Reach out replies on it, so no follow-up ticket (409)", async () => {
    const web = await signIn(ctx.app, "hs-emp");
    const csrf = csrfFrom((await web.get("/tickets/INC-000001").expect(200)).text);
    await web.post("/tickets/INC-000001/survey").type("form").send({ _csrf: csrf, score: "1" }).expect(303);
    const boss = await signIn(ctx.app, "hs-boss");
    const desk = await boss.get("/tickets/INC-000001").expect(200);
    expect(desk.text).to.not.contain('id="survey-follow-up"');
    const refused = await boss.post("/tickets/INC-000001/survey/follow-up").type("form").send({ _csrf: csrfFrom(desk.text) }).expect(409);
    expect(refused.text).to.contain("This ticket is not closed: reach out to the requester on the ticket itself.");
    expect(await ctx.deps.db.getRepository(TicketRow).count()).to.equal(1);
  });
});
