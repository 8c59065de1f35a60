import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser, N1 } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { withTransaction } from "../../src/platform/db/transaction";
import { MailOutboxRow, renderMail } from "../../src/platform/mail";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import type { Ticket } from "../../src/modules/tickets/ticket.entity";
import { Notification, NotificationMute } from "../../src/modules/notifications/notification.entity";
import { notify, OPTIONAL_KINDS, type Notice } from "../../src/modules/notifications/notify";

/** "&#39;" and friends back to text, to read a page as a person does. */
const unescape = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
/** The bell's accessible name, from its fragment: its text without the aria-hidden badge. */
const bellName = (html: string) => unescape(html.replace(/<span[^>]*aria-hidden="true"[^>]*>[^<]*<\/span>/g, "").replace(/<[^>]+>/g, "")).replace(/[ \t\n]+/g, " ").trim();
const DUE = "2026-11-25T13:00:00.000Z"; // 14:00 in Paris, the default time zone

describe("HTTP: notifications (the bell, the list, read, preferences)", function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let emp: Actor;
  let agent: Actor;
  let other: Actor;
  let ticket: Ticket;
  let number: string;
  let web: Agent;

  const noticeTicket = () => ({ id: ticket.id, number, title: ticket.title });
  const tell = (userIds: number[], notice: Partial<Notice> = {}) => withTransaction(ctx.deps.db, (tx) => notify(tx, ctx.deps, userIds, {
    kind: "sla_warning", ticket: noticeTicket(), params: { target: "resolution", due: DUE }, ...notice,
  } as Notice));
  const notices = (userId: number) => ctx.deps.db.getRepository(Notification).find({ where: { userId }, order: { id: "ASC" } });
  const post = async (who: Agent, url: string, status: number, body: Record<string, unknown> = {}) =>
    who.post(url).type("form").send({ _csrf: await csrf(who, "/notifications"), ...body }).expect(status);

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "notif-emp", name: "Emma Leroy" });
    agent = await makeAgent(ctx.deps, 1, { username: "notif-n1", name: "Noah Martin" });
    other = await makeAgent(ctx.deps, 1, { username: "notif-other", name: "Olga Ortiz" });
    ticket = await makeTicket(ctx.deps, emp, { title: "Printer offline" });
    number = formatNumber(ticket.type, ticket.id);
    web = await signIn(ctx.app, "notif-n1");
  });

  it("puts a plain bell link in the nav and leaves the count to htmx", async () => {
    await tell([agent.id]);
    const page = await web.get("/profile").expect(200);
    const bell = /<a class="nav-link bell"[^>]*>[\s\S]*?<\/a>/.exec(page.text)?.[0] ?? "";
    expect(bell).to.contain('href="/notifications"').and.contain('hx-get="/notifications/count"').and.contain('hx-trigger="load, every 60s"');
    // the page itself does not count: no badge until htmx asks
    expect(bellName(bell)).to.equal("Notifications");
    expect(bell).to.not.contain("bell-badge");
    const anonymous = await request(ctx.app).get("/login").expect(200);
    expect(anonymous.text).to.not.contain('id="bell"');
  });

  it("answers the count fragment: the badge, the accessible name, 99+ past the cap", async () => {
    let res = await web.get("/notifications/count").expect(200);
    expect(res.headers["cache-control"]).to.equal("no-store");
    expect(res.text).to.not.contain("<html").and.not.contain("bell-badge");
    expect(bellName(res.text)).to.equal("Notifications");

    await tell([agent.id]);
    await tell([agent.id], { kind: "sla_breach" });
    await tell([other.id]);
    res = await web.get("/notifications/count").expect(200);
    expect(bellName(res.text)).to.equal("Notifications, 2 unread");
    expect(res.text).to.match(/class="badge rounded-pill bell-badge" aria-hidden="true">2</);

    const now = ctx.clock.now();
    await ctx.deps.db.getRepository(Notification).insert(Array.from({ length: 150 }, () => ({
      userId: agent.id, kind: "sla_breach", ticketId: ticket.id, params: { number, title: ticket.title, target: "response", due: DUE }, createdAt: now, readAt: null,
    })));
    res = await web.get("/notifications/count").expect(200);
    expect(bellName(res.text)).to.equal("Notifications, 99+ unread");
    expect(res.text).to.contain(">99+<");

    const away = await request(ctx.app).get("/notifications/count").expect(303);
    expect(away.headers.location).to.match(/^\/login\?next=/);
  });

  it("lists one's own notices only, newest first, unread ones labelled, each with its time and ticket", async () => {
    await tell([agent.id]);
    ctx.clock.set(new Date("2026-11-23T10:30:00Z"));
    await tell([agent.id, other.id], { kind: "sla_breach", params: { target: "response", due: DUE } });
    await tell([agent.id], { kind: "ticket_escalated_auto", params: { tier: 2 } });
    await tell([other.id], { ticket: { id: ticket.id, number, title: "Someone else's notice" } });
    const page = unescape((await web.get("/notifications").expect(200)).text);

    const warning = `${number} “Printer offline”: the resolution target is at 75% — due 25 Nov 2026, 14:00`;
    const breach = `${number} “Printer offline”: first response target breached (was due 25 Nov 2026, 14:00)`;
    const escalated = `${number} “Printer offline” escalated automatically to N2: resolution target breached`;
    const at = [escalated, breach, warning].map((s) => page.indexOf(s));
    expect(at[0], page).to.be.greaterThan(0);
    expect(at).to.deep.equal([...at].sort((a, b) => a - b));
    expect(page).to.not.contain("Someone else's notice");
    expect(page.match(/class="badge text-bg-primary notice-new">New</g)).to.have.length(3);
    expect(page).to.contain('id="unread-count">3 unread<');
    expect(page).to.contain('<time datetime="2026-11-23T10:30:00.000Z">23 Nov 2026, 11:30</time>');
    expect(page).to.contain(`action="/notifications/`).and.contain("Mark all as read");
  });

  it("pages by id (keyset), 30 a page", async () => {
    const now = ctx.clock.now();
    await ctx.deps.db.getRepository(Notification).insert(Array.from({ length: 35 }, (_v, i) => ({
      userId: agent.id, kind: "ticket_escalated_auto", ticketId: ticket.id, params: { number, title: `Ticket ${i + 1}`, tier: 2 }, createdAt: now, readAt: now,
    })));
    const first = unescape((await web.get("/notifications").expect(200)).text);
    expect(first).to.contain("“Ticket 35”").and.contain("“Ticket 6”").and.not.contain("“Ticket 5”");
    const next = /href="(\/notifications\?cursor=[^"]+)" rel="next"/.exec(first)?.[1];
    expect(next).to.be.a("string");
    const second = unescape((await web.get(unescape(next!)).expect(200)).text);
    expect(second).to.contain("“Ticket 5”").and.contain("“Ticket 1”").and.not.contain("“Ticket 6”").and.not.contain('rel="next"');
    expect(second).to.contain('href="/notifications">Newest</a>');
    // read ones are plain links to the ticket, with no "New" label and no form
    expect(second).to.contain(`href="/tickets/${number}"`).and.not.contain("notice-new");
    // a bad cursor is the first page
    await web.get("/notifications?cursor=nonsense").expect(200);
  });

  it("reads one (303 to its ticket), then all (303 back to the list)", async () => {
    await tell([agent.id]);
    await tell([agent.id], { kind: "sla_breach" });
    await tell([other.id]);
    const [a] = await notices(agent.id);
    const res = await post(web, `/notifications/${a.id}/read`, 303);
    expect(res.headers.location).to.equal(`/tickets/${number}`);
    let mine = await notices(agent.id);
    expect(mine.map((n) => n.readAt !== null)).to.deep.equal([true, false]);
    expect(bellName((await web.get("/notifications/count")).text)).to.equal("Notifications, 1 unread");
    // again: still to the ticket, nothing changes
    await post(web, `/notifications/${a.id}/read`, 303);

    const all = await post(web, "/notifications/read-all", 303);
    expect(all.headers.location).to.equal("/notifications");
    mine = await notices(agent.id);
    expect(mine.every((n) => n.readAt)).to.equal(true);
    expect((await notices(other.id))[0].readAt).to.equal(null);
    const page = await web.get("/notifications").expect(200);
    expect(page.text).to.contain("All notifications are marked as read.").and.not.contain("Mark all as read");
  });

  it("answers 404 for someone else's notice or a bad id, and refuses a POST without the CSRF token", async () => {
    await tell([other.id]);
    const [theirs] = await notices(other.id);
    await post(web, `/notifications/${theirs.id}/read`, 404);
    await post(web, "/notifications/abc/read", 404);
    await post(web, "/notifications/999999/read", 404);
    expect((await notices(other.id))[0].readAt).to.equal(null);

    await tell([agent.id]);
    const [mine] = await notices(agent.id);
    await web.post(`/notifications/${mine.id}/read`).type("form").send({}).expect(403);
    await web.post("/notifications/read-all").type("form").send({ _csrf: "forged" }).expect(403);
    await web.post("/profile/notifications").type("form").send({}).expect(403);
    expect((await notices(agent.id))[0].readAt).to.equal(null);
    expect(await ctx.deps.db.getRepository(NotificationMute).count()).to.equal(0);
    await request(ctx.app).post("/notifications/read-all").type("form").send({}).expect(403);
  });

  it("a muted sla_warning is not created for that person, a breach still is", async () => {
    let profile = await web.get("/profile").expect(200);
    expect(profile.text).to.match(/<input class="form-check-input" type="checkbox" name="receive" value="sla_warning" id="notify-sla_warning" checked>/);
    const res = await web.post("/profile/notifications").type("form").send({ _csrf: await csrf(web) }).expect(303);
    expect(res.headers.location).to.equal("/profile#notification-prefs");
    const muted = await ctx.deps.db.getRepository(NotificationMute).findBy({ userId: agent.id });
    expect(muted.map((m) => m.kind)).to.include("sla_warning").and.have.length(OPTIONAL_KINDS.length);
    profile = await web.get("/profile").expect(200);
    expect(profile.text).to.contain("Notification preferences saved.");
    expect(profile.text).to.match(/id="notify-sla_warning" >/);

    expect(await tell([agent.id, other.id])).to.equal(1);
    expect(await tell([agent.id, other.id], { kind: "sla_breach" })).to.equal(2);
    expect((await notices(agent.id)).map((n) => n.kind)).to.deep.equal(["sla_breach"]);
    expect((await notices(other.id)).map((n) => n.kind)).to.deep.equal(["sla_warning", "sla_breach"]);

    // checked again: received again; an unknown kind is ignored
    await web.post("/profile/notifications").type("form").send({ _csrf: await csrf(web), receive: [...OPTIONAL_KINDS, "made_up"] }).expect(303);
    expect(await ctx.deps.db.getRepository(NotificationMute).count()).to.equal(0);
    expect(await tell([agent.id])).to.equal(1);
  });

  it("speaks French to a person whose language is French", async () => {
    const elodie = await makeUser(ctx.deps, { username: "notif-fr", name: "Élodie Dupré", role: "agent", groups: [N1], locale: "fr" });
    const fr = await signIn(ctx.app, "notif-fr");
    await tell([elodie.id]);
    await tell([elodie.id], { kind: "sla_breach", params: { target: "response", due: DUE } });
    await tell([elodie.id], { kind: "ticket_escalated_auto", params: { tier: 3 } });
    const page = unescape((await fr.get("/notifications").expect(200)).text);
    expect(page).to.contain(`${number} «\u00a0Printer offline\u00a0»\u00a0: le délai de résolution est consommé à 75\u00a0% — échéance le 25 nov. 2026, 14:00`);
    expect(page).to.contain(`${number} «\u00a0Printer offline\u00a0»\u00a0: délai de première réponse dépassé (échéance le 25 nov. 2026, 14:00)`);
    expect(page).to.contain(`${number} «\u00a0Printer offline\u00a0» escaladé automatiquement en N3\u00a0: délai de résolution dépassé`);
    expect(page).to.contain(">Nouveau<").and.contain("Tout marquer comme lu").and.contain("Non lues\u00a0: 3");
    expect(bellName((await fr.get("/notifications/count")).text)).to.equal("Notifications, non lues\u00a0: 3");
    expect((await fr.get("/profile")).text).to.contain("Alertes de délai\u00a0: un ticket que je traite a consommé 75\u00a0%");
  });

  it("still shows a kind it does not know: its code and the ticket", async () => {
    await ctx.deps.db.getRepository(Notification).insert({
      userId: agent.id, kind: "problem_linked", ticketId: ticket.id, params: { number, title: ticket.title, problem: "PRB-000001" }, createdAt: ctx.clock.now(), readAt: null,
    });
    await tell([agent.id], { kind: "unassigned", ticket: null, params: { count: 2, numbers: `${number}, INC-000009` } });
    const page = unescape((await web.get("/notifications").expect(200)).text);
    expect(page).to.contain(`problem_linked · ${number}`);
    expect(page).to.contain(`2 tickets wait in your group with nobody assigned: ${number}, INC-000009`);
    const n = (await notices(agent.id)).find((x) => x.kind === "problem_linked")!;
    expect((await post(web, `/notifications/${n.id}/read`, 303)).headers.location).to.equal(`/tickets/${number}`);
  });

  it("queues a mail per kind in the recipient's language, subject led by the ticket number, with a button to the ticket", async () => {
    const fr = await makeUser(ctx.deps, { username: "notif-mail-fr", role: "agent", groups: [N1], locale: "fr" });
    await tell([agent.id, fr.id]);
    await tell([agent.id, fr.id], { kind: "sla_breach" });
    await tell([agent.id, fr.id], { kind: "ticket_escalated_auto", params: { tier: 2 } });
    const rows = (await ctx.deps.db.getRepository(MailOutboxRow).find({ order: { id: "ASC" } })).filter((r) => r.template !== "ticket-created");
    expect(rows.map((r) => r.template)).to.deep.equal(["sla-warning", "sla-warning", "sla-breach", "sla-breach", "ticket-escalated-auto", "ticket-escalated-auto"]);
    // (render.ts folds every white space of a subject, the no-break ones of French too, into one space)
    const subjects = rows.map((r) => r.subject.replace(/\u00a0/g, " "));
    expect(subjects).to.deep.equal([
      `[${number}] SLA at risk: Printer offline`, `[${number}] Délai bientôt dépassé : Printer offline`,
      `[${number}] SLA breached: Printer offline`, `[${number}] Délai dépassé : Printer offline`,
      `[${number}] Escalated to N2: Printer offline`, `[${number}] Escaladé en N2 : Printer offline`,
    ]);
    const base = { toName: "Noah Martin", baseUrl: "http://desk.example.org", timezone: "Europe/Paris" };
    const data = { number, title: "Printer <offline>", target: "resolution", due: DUE, ticketPath: `/tickets/${number}` };
    const warning = await renderMail({ ...base, template: "sla-warning", locale: "en", data });
    expect(warning.text).to.contain(`The resolution target of ${number} “Printer <offline>” is close: it is due 25 Nov 2026, 14:00.`);
    expect(warning.text).to.contain(`Open the ticket: http://desk.example.org/tickets/${number}`);
    expect(warning.html).to.contain(`href="http://desk.example.org/tickets/${number}"`).and.contain("Printer &lt;offline&gt;");
    expect(warning.html).to.contain('href="http://desk.example.org/profile#notification-prefs"');
    const breach = await renderMail({ ...base, template: "sla-breach", locale: "fr", data: { ...data, target: "response" } });
    expect(breach.text).to.contain(`Le délai de première réponse de ${number} «\u00a0Printer <offline>\u00a0» est dépassé\u00a0: l’échéance était le 25 nov. 2026, 14:00.`);
    expect(breach.text).to.contain(`Ouvrir le ticket\u00a0: http://desk.example.org/tickets/${number}`);
    const escalated = await renderMail({ ...base, template: "ticket-escalated-auto", locale: "en", data: { number, title: "Printer offline", tier: 2, ticketPath: `/tickets/${number}` } });
    expect(escalated.subject).to.equal(`[${number}] Escalated to N2: Printer offline`);
    expect(escalated.html).to.contain(`href="http://desk.example.org/tickets/${number}"`);
    // a notice without a ticket or a due date still renders (no button)
    const bare = await renderMail({ ...base, template: "sla-breach", locale: "en", data: { ticketPath: null } });
    expect(bare.html).to.not.contain("/tickets/");
  });
});
