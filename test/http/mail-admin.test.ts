import { expect } from "chai";
import request from "supertest";
import type { TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import { type SmtpServer, mailOff, smtpSuite } from "../helpers/smtp";
import type { Actor } from "../../src/access/actor";
import { AuditEntry } from "../../src/modules/admin/audit.entity";
import { getSetting } from "../../src/platform/db/settings";
import { withTransaction } from "../../src/platform/db/transaction";
import { MAIL_SETTING_KEY, MailOutboxRow, queueMail, sendPending, type OutgoingMail } from "../../src/platform/mail";

const PAGES = ["/admin/mail", "/admin/mail/outbox", "/admin/mail/outbox?status=failed"];
/** "&#39;" and friends back to text, to read a page as a person does. */
const unescape = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

describe("HTTP: the email admin pages", function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let smtp: SmtpServer;
  let root: Actor;
  let admin: Agent;

  const outbox = () => ctx.deps.db.getRepository(MailOutboxRow).find({ order: { id: "ASC" } });
  const row = (id: number) => ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ id });
  const post = async (url: string, body: Record<string, unknown>, page = "/admin/mail") =>
    admin.post(url).type("form").send({ _csrf: await csrf(admin, page), ...body });
  const queue = (over: Partial<OutgoingMail> = {}) => withTransaction(ctx.deps.db, (tx) => queueMail(tx, ctx.deps, {
    to: "emma@example.org", toName: "Emma Leroy", locale: "en", template: "test",
    data: { admin: "Ada", server: "x:25", from: "a@b.c", queuedAt: new Date() }, ...over,
  }));
  const settingsForm = { host: "127.0.0.1", port: "2525", user: "", from: "IT Service Desk <servicedesk@example.org>" };

  const suite = smtpSuite();
  beforeEach(async () => {
    ({ ctx, smtp } = suite);
    root = await makeUser(ctx.deps, { username: "root", name: "Ada Admin", role: "admin" });
    admin = await signIn(ctx.app, "root");
  });

  it("sends an anonymous visitor to sign in and refuses everyone but admins (403), changing nothing", async () => {
    for (const url of PAGES) {
      const res = await request(ctx.app).get(url).expect(303);
      expect(res.headers.location).to.match(/^\/login\?next=/);
    }
    const failed = await queue();
    await ctx.deps.db.getRepository(MailOutboxRow).update({ id: failed }, { status: "failed" });
    await makeUser(ctx.deps, { username: "req1" });
    await makeAgent(ctx.deps, 1, { username: "agt1" });
    await makeUser(ctx.deps, { username: "sup1", role: "supervisor" });
    for (const who of ["req1", "agt1", "sup1"]) {
      const agent = await signIn(ctx.app, who);
      for (const url of PAGES) await agent.get(url).expect(403);
      const token = await csrf(agent, "/profile");
      await agent.post("/admin/mail").type("form").send({ _csrf: token, ...settingsForm }).expect(403);
      await agent.post("/admin/mail/test").type("form").send({ _csrf: token, to: "rogue@example.org" }).expect(403);
      await agent.post(`/admin/mail/outbox/${failed}/retry`).type("form").send({ _csrf: token }).expect(403);
      await agent.post("/admin/mail/outbox/retry-failed").type("form").send({ _csrf: token }).expect(403);
    }
    expect(await outbox()).to.have.length(1);
    expect((await row(failed)).status).to.equal("failed");
    expect(await getSetting(ctx.deps.db.manager, MAIL_SETTING_KEY, null)).to.equal(null);
    expect(smtp.messages).to.have.length(0);
  });

  it("shows the effective settings, never the password, and says when mail is off", async () => {
    ctx.deps.config.mail.password = "smtp-secret-value";
    let page = await admin.get("/admin/mail").expect(200);
    expect(page.text).to.contain(`value="${smtp.port}"`);
    expect(page.text).to.contain("Set by SMTP_PASSWORD.");
    expect(page.text).to.not.contain("smtp-secret-value");
    expect(page.text).to.contain(`Sending through 127.0.0.1:${smtp.port}.`);
    mailOff(ctx.deps);
    ctx.deps.config.mail.password = "";
    page = await admin.get("/admin/mail").expect(200);
    expect(page.text).to.contain('id="mail-off"');
    expect(page.text).to.contain("Not set (SMTP_PASSWORD)");
    // the test form is addressed to the admin by default
    expect(page.text).to.match(/id="f-to" name="to" type="email" value="root@example.org"/);
  });

  it("keeps only what differs from the environment, and goes back to it", async () => {
    const res = await post("/admin/mail", { ...settingsForm, host: smtp.host, port: String(smtp.port), secure: "", user: "relay" });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal("/admin/mail");
    expect(await getSetting(ctx.deps.db.manager, MAIL_SETTING_KEY, {})).to.deep.equal({ user: "relay", from: settingsForm.from });
    const page = await admin.get("/admin/mail").expect(200);
    expect(page.text).to.contain("Email settings saved.");
    expect(page.text).to.contain('value="relay"');
    expect(page.text).to.match(/id="user-help">[^<]*set here/);
    expect(page.text).to.match(/id="host-help">[^<]*from the environment/);
    const audit = await ctx.deps.db.getRepository(AuditEntry).findOneByOrFail({ action: "mail.settings" });
    expect(audit.actorId).to.equal(root.id);

    expect((await post("/admin/mail/reset", {})).status).to.equal(303);
    expect(await getSetting(ctx.deps.db.manager, MAIL_SETTING_KEY, null)).to.deep.equal({});
  });

  it("refuses bad input with 422, the message next to each field and what was typed", async () => {
    const res = await post("/admin/mail", { host: "smtp server!", port: "seventy", user: "", from: "not an address" });
    expect(res.status).to.equal(422);
    const html = unescape(res.text);
    expect(html).to.contain("Some fields need your attention.");
    expect(html).to.match(/id="host-error">Enter a host name or an IP address/);
    expect(html).to.match(/id="port-error">Enter a port between 1 and 65535./);
    expect(html).to.match(/id="from-error">Enter an address such as/);
    expect(res.text).to.contain('value="smtp server!"');
    expect(res.text).to.contain('value="seventy"');
    expect(res.text).to.contain('value="not an address"');
    expect(res.text).to.match(/id="f-port"[^>]*aria-invalid="true"/);
    expect((await post("/admin/mail", { ...settingsForm, port: "70000" })).status).to.equal(422);
    expect(await getSetting(ctx.deps.db.manager, MAIL_SETTING_KEY, null)).to.equal(null);
  });

  it("sends the environment's password only to the environment's server, over TLS when it uses TLS", async () => {
    Object.assign(ctx.deps.config.mail, { host: "smtp.corp.example", port: 465, secure: true, user: "niveau", password: "smtp-secret-value" });
    let res = await post("/admin/mail", { ...settingsForm, host: "attacker.example", port: "465", secure: "1" });
    expect(res.status).to.equal(422);
    expect(unescape(res.text)).to.match(/id="host-error">The server must be the one of SMTP_HOST/);
    res = await post("/admin/mail", { ...settingsForm, host: "smtp.corp.example", port: "25" });
    expect(res.status).to.equal(422);
    expect(unescape(res.text)).to.match(/id="secure-error">The environment reaches the server over TLS/);
    // the same server, another port, TLS kept: fine
    res = await post("/admin/mail", { ...settingsForm, host: "SMTP.corp.example", port: "2465", secure: "1" });
    expect(res.status).to.equal(303);
  });

  it("sends a test email through the outbox at once and says the server accepted it", async () => {
    const res = await post("/admin/mail/test", { to: "helpdesk-check@example.org" });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal("/admin/mail");
    const page = await admin.get("/admin/mail").expect(200);
    expect(page.text).to.contain("Test email sent to helpdesk-check@example.org: the server accepted it.");
    expect(smtp.messages).to.have.length(1);
    const [mail] = smtp.messages;
    expect(mail.envelope.to).to.deep.equal(["helpdesk-check@example.org"]);
    expect(mail.parsed.subject).to.equal("Niveau test email");
    expect(mail.parsed.text).to.contain("Ada Admin sent this test");
    const [sent] = await outbox();
    expect(sent).to.include({ status: "sent", template: "test", toAddress: "helpdesk-check@example.org", attempts: 1 });
    expect(await ctx.deps.db.getRepository(AuditEntry).countBy({ action: "mail.test", actorId: root.id })).to.equal(1);

    // in the language of the page: a French-speaking admin's test is in French
    await makeUser(ctx.deps, { username: "root-fr", name: "Aude Admin", role: "admin", locale: "fr" });
    const french = await signIn(ctx.app, "root-fr");
    const fr = await french.post("/admin/mail/test").type("form").send({ _csrf: await csrf(french, "/admin/mail"), to: "controle@example.org" });
    expect(fr.status).to.equal(303);
    expect((await french.get("/admin/mail").expect(200)).text).to.contain("E-mail de test envoyé à controle@example.org\u00a0: le serveur l’a accepté.");
    expect(smtp.messages[1].parsed.subject).to.equal("E-mail de test de Niveau");
    expect(smtp.messages[1].parsed.text).to.contain("Aude Admin a envoyé ce test");
  });

  it("shows the server's error when the test email cannot be sent, and does not try it again later", async () => {
    await smtp.stop();
    const res = await post("/admin/mail/test", { to: "helpdesk-check@example.org" });
    expect(res.status).to.equal(303);
    const page = unescape((await admin.get("/admin/mail").expect(200)).text);
    expect(page).to.match(/The test email to helpdesk-check@example.org could not be sent: .*ECONNREFUSED/);
    const [failed] = await outbox();
    expect(failed).to.include({ status: "failed", attempts: 1 });
    await smtp.start();
    ctx.clock.advance(2 * 60 * 60_000);
    expect((await sendPending(ctx.deps)).sent).to.equal(0);
    expect(smtp.messages).to.have.length(0);
  });

  it("refuses a test email to a bad address (422, typed value kept) or while mail is off (409), queueing nothing", async () => {
    let res = await post("/admin/mail/test", { to: "not-an-address" });
    expect(res.status).to.equal(422);
    expect(unescape(res.text)).to.match(/id="to-error">Enter a valid email address./);
    expect(res.text).to.match(/id="f-to" name="to" type="email" value="not-an-address"/);
    mailOff(ctx.deps);
    res = await post("/admin/mail/test", { to: "helpdesk-check@example.org" });
    expect(res.status).to.equal(409);
    expect(unescape(res.text)).to.contain("No SMTP server is set: set one and save before sending a test email.");
    expect(await outbox()).to.deep.equal([]);
  });

  it("lists the outbox newest first with counts, a status filter and keyset pages", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 53; i++) ids.push(await queue({ to: `person${i}@example.org` }));
    smtp.rejected.add("person0@example.org");
    await sendPending(ctx.deps, { ids: [ids[0], ids[52]] });
    let page = await admin.get("/admin/mail/outbox").expect(200);
    const shown = [...page.text.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(shown).to.deep.equal(ids.slice(3).reverse());
    expect(page.text).to.contain("person52@example.org");
    expect(page.text).to.match(/Sent <span class="badge[^"]*ms-1">1<\/span>/);
    expect(page.text).to.match(/Waiting <span class="badge[^"]*ms-1">51<\/span>/);
    expect(page.text).to.match(/Failed <span class="badge[^"]*ms-1">1<\/span>/);
    const next = /href="(\/admin\/mail\/outbox\?cursor=[^"]+)" rel="next"/.exec(page.text)?.[1];
    expect(next).to.be.a("string");
    page = await admin.get(unescape(next!)).expect(200);
    expect([...page.text.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]))).to.deep.equal([3, 2, 1]);
    expect(page.text).to.contain("person0@example.org");

    page = await admin.get("/admin/mail/outbox?status=failed").expect(200);
    expect([...page.text.matchAll(/<tr data-id="(\d+)" data-status="(\w+)"/g)].map((m) => [Number(m[1]), m[2]])).to.deep.equal([[1, "failed"]]);
    expect(unescape(page.text)).to.contain("No such user here");
    // an unknown status shows everything rather than an error
    await admin.get("/admin/mail/outbox?status=bogus&cursor=%%%").expect(200);
  });

  it("retries a failed message (tries kept, due now) and all failed ones, back to the list it came from", async () => {
    smtp.rejected.add("a@example.org");
    smtp.rejected.add("b@example.org");
    const a = await queue({ to: "a@example.org" });
    const b = await queue({ to: "b@example.org" });
    const c = await queue({ to: "c@example.org" });
    await sendPending(ctx.deps);
    expect((await row(a)).status).to.equal("failed");
    smtp.rejected.clear();
    ctx.clock.advance(10 * 60_000);

    let page = await admin.get("/admin/mail/outbox?status=failed").expect(200);
    expect(page.text).to.contain(`action="/admin/mail/outbox/${a}/retry"`);
    expect(page.text).to.contain("Retry all failed (2)");
    let res = await post(`/admin/mail/outbox/${a}/retry`, { status: "failed" }, "/admin/mail/outbox?status=failed");
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal("/admin/mail/outbox?status=failed");
    const retried = await row(a);
    expect(retried).to.include({ status: "pending", attempts: 1 });
    expect(retried.nextAttemptAt.getTime()).to.equal(ctx.clock.now().getTime());
    page = await admin.get("/admin/mail/outbox?status=failed").expect(200);
    expect(page.text).to.contain("The message will be tried again within a minute.");

    // a message that is not failed is left alone
    res = await post(`/admin/mail/outbox/${c}/retry`, {}, "/admin/mail/outbox");
    expect(res.headers.location).to.equal("/admin/mail/outbox");
    expect((await row(c)).status).to.equal("sent");
    expect((await admin.get("/admin/mail/outbox").expect(200)).text).to.contain("There was no failed message to retry.");

    res = await post("/admin/mail/outbox/retry-failed", {}, "/admin/mail/outbox");
    expect(res.status).to.equal(303);
    expect((await row(b)).status).to.equal("pending");
    expect(await sendPending(ctx.deps)).to.deep.include({ sent: 2 });
    expect(smtp.messages.map((m) => m.envelope.to[0]).sort()).to.deep.equal(["a@example.org", "b@example.org", "c@example.org"]);
    expect(await ctx.deps.db.getRepository(AuditEntry).countBy({ action: "mail.retry", actorId: root.id })).to.equal(2);
  });
});
