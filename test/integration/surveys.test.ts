import { expect } from "chai";
import { runAutoClose } from "../../src/modules/sla/jobs/watch";
import { resetDb, testContext, type TestContext } from "../helpers/context";
import { refusal } from "../helpers/refusal";
import { makeAgent, makeTicket, makeUser, N1, N2 } from "../factories";
import type { Actor } from "../../src/access/actor";
import { withTransaction } from "../../src/platform/db/transaction";
import { MailOutboxRow } from "../../src/platform/mail";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { notify } from "../../src/modules/notifications/notify";
import { TicketComment } from "../../src/modules/tickets/comment.entity";
import { User } from "../../src/modules/users/user.entity";
import type { Ticket } from "../../src/modules/tickets/ticket.entity";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { closeTicket } from "../../src/modules/tickets/commands/close-ticket";
import { reopenTicket } from "../../src/modules/tickets/commands/reopen-ticket";
import { answerSurvey } from "../../src/modules/reporting/commands/answer-survey";
import { TicketSurvey } from "../../src/modules/reporting/reporting.entity";
import { refreshKpiFacts } from "../../src/modules/reporting/jobs/kpi-facts";
import { loadDashboard } from "../../src/modules/reporting/queries/dashboard";

const HOUR = 3600_000;

describe("integration: satisfaction surveys", function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  let boss: Actor;

  const later = (ms: number) => ctx.clock.set(new Date(ctx.clock.now().getTime() + ms));
  const answer = (t: Ticket, score: number, comment: string | null = null, who = emp) => answerSurvey(ctx.deps, who.id, { id: t.id }, { score, comment });
  const surveys = () => ctx.deps.db.getRepository(TicketSurvey).find({ order: { id: "ASC" } });
  const notes = (t: Ticket) => ctx.deps.db.getRepository(TicketComment).find({ where: { ticketId: t.id, internal: true }, order: { id: "ASC" } });
  const lowNotices = () => ctx.deps.db.getRepository(Notification).find({ where: { kind: "survey_low_score" }, order: { userId: "ASC" } });
  const outbox = (to: string) => ctx.deps.db.getRepository(MailOutboxRow).find({ where: { toAddress: to }, order: { id: "ASC" } });
  async function resolved(title = "Printer jammed"): Promise<Ticket> {
    const t = await makeTicket(ctx.deps, emp, { title });
    await takeTicket(ctx.deps, n1, t.id);
    return resolveTicket(ctx.deps, n1, t.id, { resolution: "Cleared the jam.", code: "fixed" });
  }

  before(async () => {
    ctx = await testContext();
  });
  beforeEach(async () => {
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "sv-emp", name: "Emma Leroy" });
    n1 = await makeAgent(ctx.deps, 1, { username: "sv-n1" });
    boss = await makeUser(ctx.deps, { username: "sv-boss", role: "supervisor", groups: [N1] });
  });

  it("records the first answer, lets it change for 24 hours, then refuses with survey_locked", async () => {
    const t = await resolved();
    const start = ctx.clock.now();
    await answer(t, 4, "Quick, thanks");
    const [first] = await surveys();
    expect(first).to.include({ ticketId: t.id, requesterId: emp.id, score: 4, comment: "Quick, thanks", alertedAt: null });
    expect(first.firstAnsweredAt.getTime()).to.equal(start.getTime());

    later(23 * HOUR);
    await answer(t, 5, null);
    const [changed, ...none] = await surveys();
    expect(none).to.deep.equal([]);
    expect(changed).to.include({ id: first.id, score: 5, comment: null });
    expect(changed.firstAnsweredAt.getTime()).to.equal(start.getTime());
    expect(changed.answeredAt.getTime()).to.equal(start.getTime() + 23 * HOUR);

    later(HOUR);
    const locked = await refusal(answer(t, 3, "Changed my mind"));
    expect([locked.status, locked.code]).to.deep.equal([409, "survey_locked"]);
    expect(await surveys()).to.have.length(1).and.to.have.nested.property("[0].score", 5);
  });

  it("only the requester rates, only a resolved or closed ticket: another person 404, a reopened ticket 409", async () => {
    const t = await resolved();
    const other = await makeUser(ctx.deps, { username: "sv-other" });
    for (const who of [other, n1, boss]) expect((await refusal(answer(t, 5, null, who))).status, who.username).to.equal(404);
    expect((await refusal(answerSurvey(ctx.deps, emp.id, { id: t.id, prefix: "REQ" }, { score: 5, comment: null }))).status).to.equal(404);
    await reopenTicket(ctx.deps, emp, t.id, { reason: "Jammed again" });
    const reopened = await refusal(answer(t, 5));
    expect([reopened.status, reopened.code]).to.deep.equal([409, "survey_not_open"]);
    const open = await makeTicket(ctx.deps, emp);
    expect((await refusal(answer(open, 5))).code).to.equal("survey_not_open");
    expect(await surveys()).to.deep.equal([]);
  });

  it("two first answers at once make one row (the unique index), the second a change", async () => {
    const t = await resolved();
    await Promise.all([answer(t, 2, "first"), answer(t, 1, "second")]);
    const rows = await surveys();
    expect(rows).to.have.length(1);
    expect(["first", "second"]).to.include(rows[0].comment);
    // a low score either way: one alert, not two (the change's new words are a quiet note of their own)
    expect(await lowNotices()).to.have.length(1);
    expect((await notes(t)).map((n) => n.body).sort()).to.deep.equal(["Satisfaction survey: 1/5 — second", "Satisfaction survey: 2/5 — first"]);
  });

  it("a low score: an internal note in the desk's language and a notice to the group's supervisors, once", async () => {
    const elsewhere = await makeUser(ctx.deps, { username: "sv-boss2", role: "supervisor", groups: [N2] });
    const fr = await makeUser(ctx.deps, { username: "sv-boss-fr", role: "supervisor", groups: [N1], locale: "fr" });
    const t = await resolved();
    await answer(t, 4, "Fine");
    expect(await notes(t)).to.deep.equal([]);
    later(HOUR);
    await answer(t, 2, "It took three days.\nNobody called back.");
    const [note, ...more] = await notes(t);
    expect(more).to.deep.equal([]);
    expect(note).to.include({ body: "Satisfaction survey: 2/5 — It took three days.\nNobody called back.", internal: true, authorId: emp.id });
    expect(note.createdAt.getTime()).to.equal(ctx.clock.now().getTime());
    const told = await lowNotices();
    expect(told.map((n) => n.userId)).to.deep.equal([boss.id, fr.id]);
    expect(told[0]).to.include({ ticketId: t.id });
    expect(told[0].params).to.deep.equal({ number: "INC-000001", title: "Printer jammed", name: "Emma Leroy", score: 2 });
    expect(told.some((n) => n.userId === elsewhere.id)).to.equal(false);
    expect((await surveys())[0].alertedAt?.getTime()).to.equal(ctx.clock.now().getTime());
    const [mailEn] = await outbox("sv-boss@example.org");
    expect(mailEn).to.include({ template: "survey-low-score", subject: "[INC-000001] Low satisfaction score (2/5): Printer jammed" });
    expect(mailEn.text).to.contain("Emma Leroy rated INC-000001 “Printer jammed” 2/5 (Dissatisfied).")
      .and.contain("> It took three days.\n> Nobody called back.").and.contain("http://127.0.0.1:3000/tickets/INC-000001#survey");
    const [mailFr] = await outbox("sv-boss-fr@example.org");
    expect(mailFr.subject).to.equal("[INC-000001] Note de satisfaction basse (2/5)\u00a0: Printer jammed");
    expect(mailFr.text).to.contain("(Insatisfait)");

    // changed again, still low, or up and down: never a second alert (new words are a quiet note)
    await answer(t, 1, "Worse");
    await answer(t, 5, null);
    await answer(t, 2, null);
    expect((await notes(t)).map((n) => n.body)).to.deep.equal([note.body, "Satisfaction survey: 1/5 — Worse"]);
    expect(await lowNotices()).to.have.length(2);
  });

  it("a comment added or changed after the alert, still low: a quiet note of its own, never two for the same words", async () => {
    const t = await resolved();
    await answer(t, 2);
    expect((await notes(t)).map((n) => n.body)).to.deep.equal(["Satisfaction survey: 2/5"]);
    later(HOUR);
    await answer(t, 2, "Nobody called back.");
    await answer(t, 1, "Nobody called back.");
    // up, then low again with words never noted: noted; the first words again: not
    await answer(t, 4, "Fine after all");
    await answer(t, 2, "Fine after all");
    await answer(t, 5, "Nobody called back.");
    await answer(t, 1, "Nobody called back.");
    await answer(t, 1, null);
    const bodies = (await notes(t)).map((n) => n.body);
    expect(bodies).to.deep.equal(["Satisfaction survey: 2/5", "Satisfaction survey: 2/5 — Nobody called back.", "Satisfaction survey: 2/5 — Fine after all"]);
    expect(await lowNotices(), "the supervisors were told once").to.have.length(1);
    expect((await notes(t)).every((n) => n.internal && n.authorId === emp.id)).to.equal(true);
  });

  it("a deactivated requester no longer rates (404, as an approval link of an approver who left)", async () => {
    const t = await resolved();
    await ctx.deps.db.getRepository(User).update({ id: emp.id }, { active: false });
    const refused = await refusal(answer(t, 1, "Gone"));
    expect([refused.status, refused.code]).to.deep.equal([404, "ticket_not_found"]);
    expect(await surveys()).to.deep.equal([]);
    expect(await notes(t)).to.deep.equal([]);
  });

  it("with no supervisor in the ticket's group, every active supervisor hears of a low score", async () => {
    await ctx.deps.db.query(ctx.deps.db.options.type === "postgres" ? "DELETE FROM group_members WHERE user_id = $1" : "DELETE FROM group_members WHERE user_id = ?", [boss.id]);
    const other = await makeUser(ctx.deps, { username: "sv-boss2", role: "supervisor", groups: [N2] });
    const t = await resolved();
    await answer(t, 1, null);
    expect((await lowNotices()).map((n) => n.userId)).to.deep.equal([boss.id, other.id]);
    expect((await notes(t))[0].body).to.equal("Satisfaction survey: 1/5");
  });

  it("the requester's resolution email carries the five links; a follower's does not; surveyOn=closed moves them to the closing email", async () => {
    const t = await resolved();
    const [mail] = await outbox("sv-emp@example.org").then((m) => m.filter((x) => x.template === "ticket-resolved"));
    for (let n = 1; n <= 5; n++) expect(mail.text).to.match(new RegExp(`: http://127\\.0\\.0\\.1:3000/survey/${t.id}\\.${emp.id}\\.\\d+\\.[\\w-]{43}\\?score=${n}$`, "m"));
    expect(mail.text).to.contain("1 — Very dissatisfied: http").and.contain("5 — Very satisfied: http");
    // the same notice to someone else (a follower): no links, they did not ask
    const other = await makeUser(ctx.deps, { username: "sv-follower" });
    await withTransaction(ctx.deps.db, (tx) => notify(tx, ctx.deps, [other.id, emp.id], { kind: "ticket_resolved", ticket: { id: t.id, number: "INC-000001", title: t.title } }));
    expect((await outbox("sv-follower@example.org"))[0].text).to.not.contain("/survey/");
    expect((await outbox("sv-emp@example.org")).at(-1)!.text).to.contain("/survey/");

    const reports = ctx.deps.config.reports;
    Object.assign(reports, { surveyOn: "closed" });
    try {
      const u = await resolved("Screen flickers");
      const resolvedMail = (await outbox("sv-emp@example.org")).at(-1)!;
      expect(resolvedMail.subject).to.contain("Resolved: Screen flickers");
      expect(resolvedMail.text).to.not.contain("/survey/");
      // not rateable until closed
      expect((await refusal(answer(u, 5))).code).to.equal("survey_not_open");
      await closeTicket(ctx.deps, n1, u.id);
      const closedMail = (await outbox("sv-emp@example.org")).at(-1)!;
      expect(closedMail.template).to.equal("ticket-closed");
      expect(closedMail.text.match(/\/survey\/\S+\?score=\d/g)).to.have.length(5);
      await answer(u, 5);
      expect((await surveys()).map((s) => s.ticketId)).to.deep.equal([u.id]);
      // closed by the auto-close job: its email carries the links too
      const v = await resolved("Keyboard sticky");
      ctx.clock.set(new Date(ctx.clock.now().getTime() + (ctx.deps.config.automation.autoCloseDays + 1) * 86_400_000));
      await runAutoClose(ctx.deps);
      const autoMail = (await outbox("sv-emp@example.org")).at(-1)!;
      expect(autoMail.template).to.equal("ticket-auto-closed");
      expect(autoMail.text.match(new RegExp(`/survey/${v.id}\\.\\S+\\?score=\\d`, "g"))).to.have.length(5);
    } finally {
      Object.assign(reports, { surveyOn: "resolved" });
    }
  });

  it("a rating shows in the dashboard's satisfaction once the kpi-facts job ran", async () => {
    const t = await resolved();
    const u = await resolved("Mouse broken");
    await answer(t, 2);
    await answer(u, 5);
    await refreshKpiFacts(ctx.deps);
    const day = ctx.clock.now().toISOString().slice(0, 10);
    const d = await loadDashboard(ctx.deps, boss, { from: day, to: day, groupId: null, tier: null, categoryId: null });
    expect(d.quality.satisfaction).to.deep.equal({ average: 3.5, count: 2, distribution: [0, 1, 0, 0, 1] });
  });
});
