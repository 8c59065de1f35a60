import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, csrfFrom, signIn, type Agent } from "../helpers/http";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketComment } from "../../src/modules/tickets/comment.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { TicketWatcher } from "../../src/modules/tickets/link.entity";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { MailOutboxRow } from "../../src/platform/mail";
import { attachChildren, followMajor, invalidateOpenMajors, majorSchema, setMajor } from "../../src/modules/major";
import type { Actor } from "../../src/access/actor";

describe("HTTP: major incidents (desk, portal banner, public page, fan-out)", () => {
  let ctx: TestContext;
  let emp: Actor;
  let emp2: Actor;
  let emp3: Actor;
  let n1: Actor;
  const num = (t: Pick<Ticket, "type" | "id">) => formatNumber(t.type, t.id);
  const tickets = () => ctx.deps.db.getRepository(Ticket);
  const reload = (t: Ticket) => tickets().findOneByOrFail({ id: t.id });
  /** A major incident as a technician makes one: raised by `by`, with an internal title, description and note. */
  const makeMajor = async (by: Actor, publicTitle: string, title = "Exchange DAG failover loop on MBX02") => {
    const t = await makeTicket(ctx.deps, by, { title, description: "SECRET-DESCRIPTION: the DAG witness share is gone." });
    await setMajor(ctx.deps, n1, t.id, { major: true, publicTitle });
    await addComment(ctx.deps, n1, t.id, { body: "SECRET-NOTE: restart the witness on FS01.", internal: true, files: [] });
    return reload(t);
  };
  const post = async (agent: Agent, url: string, form: Record<string, string>, page: string) =>
    agent.post(url).type("form").send({ _csrf: await csrf(agent, page), ...form });

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    // rows were removed behind the commands' back (as resetDb does for the other caches)
    invalidateOpenMajors(ctx.deps.db);
    emp = await makeUser(ctx.deps, { username: "mj-emp", name: "Emma Employee" });
    emp2 = await makeUser(ctx.deps, { username: "mj-emp2", name: "Eric Employee" });
    emp3 = await makeUser(ctx.deps, { username: "mj-emp3", name: "Paula Parent" });
    n1 = await makeAgent(ctx.deps, 1, { username: "mj-n1", name: "Nina Tech" });
  });

  it("marks an incident as major: staff who work it may, its requester may not (403), others do not see it (404), not a request (422), not once resolved (409)", async () => {
    const t = await makeTicket(ctx.deps, emp, { title: "Mail server down" });
    const n = num(t);
    const own = await signIn(ctx.app, "mj-emp");
    await post(own, `/tickets/${n}/major`, { major: "1", publicTitle: "Email unavailable" }, `/tickets/${n}`).then((r) => expect(r.status).to.equal(403));
    const other = await signIn(ctx.app, "mj-emp2");
    expect((await other.post(`/tickets/${n}/major`).type("form").send({ _csrf: await csrf(other, "/portal"), major: "1" })).status).to.equal(404);
    const tech = await signIn(ctx.app, "mj-n1");
    const done = await post(tech, `/tickets/${n}/major`, { major: "1", publicTitle: "Email unavailable", version: String(t.version) }, `/tickets/${n}`);
    expect(done.status).to.equal(303);
    expect(await reload(t)).to.include({ major: true, publicTitle: "Email unavailable" });
    const page = await tech.get(`/tickets/${n}`).expect(200);
    expect(page.text).to.contain('class="badge major-badge');
    expect(page.text).to.contain("marked as a major incident, shown to employees as “Email unavailable”");
    expect(page.text).to.contain("Major incident updated.");
    // the queue shows it with its badge
    expect((await tech.get("/desk/queues/1").expect(200)).text).to.match(/major-badge[^>]*>Major incident<\/span><a class="text-body" href="\/tickets\/INC-\d+">Mail server down/);

    const request = await makeTicket(ctx.deps, emp, { type: "request", title: "New laptop" });
    const refused = await post(tech, `/tickets/${num(request)}/major`, { major: "1" }, `/tickets/${num(request)}`);
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain("is a request: only incidents can be major incidents");
    const resolved = await makeTicket(ctx.deps, emp, { title: "Old outage" });
    await resolveTicket(ctx.deps, n1, resolved.id, { resolution: "Fixed.", code: "fixed" });
    expect((await post(tech, `/tickets/${num(resolved)}/major`, { major: "1" }, `/tickets/${num(resolved)}`)).status).to.equal(409);

    // unmarked: no longer major, the public title goes
    expect((await post(tech, `/tickets/${n}/major`, { major: "0" }, `/tickets/${n}`)).status).to.equal(303);
    expect(await reload(t)).to.include({ major: false, publicTitle: null });
    expect((await tickets().findOneByOrFail({ id: t.id })).version).to.equal(3);
    const kinds = await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId: t.id, kind: "major" }, order: { id: "ASC" } });
    expect(kinds.map((h) => [h.fromValue, h.toValue])).to.deep.equal([[null, "Email unavailable"], ["Email unavailable", null]]);
  });

  it("attaches children from the parent's page and from the child's page, refuses what makes no sense, detaches, and will not unmark a parent with children", async () => {
    const parent = await makeMajor(emp3, "Email unavailable");
    const [c1, c2, c3, loose] = [
      await makeTicket(ctx.deps, emp, { title: "Outlook offline" }), await makeTicket(ctx.deps, emp2, { title: "Cannot send mail" }),
      await makeTicket(ctx.deps, emp, { title: "Mail stuck in outbox" }), await makeTicket(ctx.deps, emp2, { title: "Printer jam" }),
    ];
    const P = num(parent);
    const tech = await signIn(ctx.app, "mj-n1");
    const page = await tech.get(`/tickets/${P}`).expect(200);
    expect(page.text).to.contain("Attach incidents (their numbers");
    const attached = await tech.post(`/major/${P}/children`).type("form").send({ _csrf: csrfFrom(page.text), tickets: `${num(c1)}, ${num(c2)}` });
    expect(attached.status).to.equal(303);
    expect(attached.headers.location).to.equal(`/tickets/${P}#major`);
    expect((await reload(c1)).parentId).to.equal(parent.id);
    expect((await reload(c2)).parentId).to.equal(parent.id);
    const onParent = await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId: parent.id, kind: "child" }, order: { id: "ASC" } });
    expect(onParent.map((h) => h.toValue)).to.deep.equal([num(c1), num(c2)]);
    expect((await ctx.deps.db.getRepository(TicketHistory).findOneByOrFail({ ticketId: c1.id, kind: "parent" })).toValue).to.equal(P);

    // from the child's page: a select of the open major incidents
    const childPage = await tech.get(`/tickets/${num(c3)}`).expect(200);
    expect(childPage.text).to.contain("Attach to a major incident");
    expect(childPage.text).to.contain(`${P} — Email unavailable`);
    const fromChild = await tech.post(`/tickets/${num(c3)}/parent`).type("form")
      .send({ _csrf: csrfFrom(childPage.text), parentId: String(parent.id), version: String(c3.version) });
    expect(fromChild.status).to.equal(303);
    expect((await reload(c3)).parentId).to.equal(parent.id);
    const shown = await tech.get(`/tickets/${P}`).expect(200);
    for (const c of [c1, c2, c3]) expect(shown.text).to.contain(num(c));
    expect(shown.text).to.contain("Incidents attached: 3 ·");
    expect((await tech.get(`/tickets/${num(c1)}`).expect(200)).text).to.contain(`Attached to the major incident “Email unavailable”`);

    // refusals, each with its reason on the page
    const self = await post(tech, `/major/${P}/children`, { tickets: P }, `/tickets/${P}`);
    expect(self.status).to.equal(422);
    expect(self.text).to.contain("cannot be attached to itself");
    const other = await makeMajor(emp2, "Wi-Fi down on floor 2", "WLC crash");
    const twice = await post(tech, `/major/${num(other)}/children`, { tickets: num(c1) }, `/tickets/${num(other)}`);
    expect(twice.status).to.equal(409);
    expect(twice.text).to.contain(`${num(c1)} is already attached to ${P}`);
    const notMajor = await post(tech, `/tickets/${num(loose)}/parent`, { parentId: String(c2.id) }, `/tickets/${num(loose)}`);
    expect(notMajor.status).to.equal(422);
    expect(notMajor.text).to.contain(`${num(c2)} is not a major incident.`);
    const garbage = await post(tech, `/major/${P}/children`, { tickets: "hello" }, `/tickets/${P}`);
    expect(garbage.status).to.equal(422);
    expect(garbage.text).to.contain("“hello” is not an incident number");
    expect((await post(tech, `/major/${P}/children`, { tickets: " , ; " }, `/tickets/${P}`)).status).to.equal(422);
    await resolveTicket(ctx.deps, n1, other.id, { resolution: "Controller replaced.", code: "fixed" });
    const closed = await post(tech, `/tickets/${num(loose)}/parent`, { parentId: String(other.id) }, `/tickets/${num(loose)}`);
    expect(closed.status).to.equal(409);
    expect(closed.text).to.contain("is resolved or closed: nothing more can be attached");
    // the batch is all or nothing: one refusal and none of them is attached
    const batch = await post(tech, `/major/${P}/children`, { tickets: `${num(loose)} ${num(other)}` }, `/tickets/${P}`);
    expect(batch.status).to.equal(422);
    expect((await reload(loose)).parentId).to.equal(null);
    // a requester cannot attach their own ticket
    const own = await signIn(ctx.app, "mj-emp2");
    expect((await post(own, `/tickets/${num(loose)}/parent`, { parentId: String(parent.id) }, `/tickets/${num(loose)}`)).status).to.equal(403);

    // detach from the parent's page; unmarking waits until no child is left
    const detached = await post(tech, `/major/${P}/children/${num(c2)}/detach`, {}, `/tickets/${P}`);
    expect(detached.status).to.equal(303);
    expect((await reload(c2)).parentId).to.equal(null);
    const unmark = await post(tech, `/tickets/${P}/major`, { major: "0" }, `/tickets/${P}`);
    expect(unmark.status).to.equal(409);
    expect(unmark.text).to.contain("Incidents are still attached to it (2): detach them first.");
    expect((await post(tech, `/tickets/${num(c1)}/parent`, { parentId: "" }, `/tickets/${num(c1)}`)).status).to.equal(303);
    expect((await post(tech, `/major/${P}/children/${num(c3)}/detach`, {}, `/tickets/${P}`)).status).to.equal(303);
    expect((await post(tech, `/tickets/${P}/major`, { major: "0" }, `/tickets/${P}`)).status).to.equal(303);
    const text = (await tech.get(`/tickets/${P}`).expect(200)).text;
    expect(text).to.contain(`incident ${num(c1)} detached`);
    expect(text).to.contain("no longer a major incident");
  });

  it("shows a child's requester the parent's public title, status and latest update, never its internals", async () => {
    const parent = await makeMajor(emp3, "Email unavailable");
    await takeTicket(ctx.deps, n1, parent.id);
    await addComment(ctx.deps, n1, parent.id, { body: "We are working on it, next update 14:30.", internal: false, files: [] });
    const child = await makeTicket(ctx.deps, emp, { title: "Outlook offline" });
    await attachChildren(ctx.deps, n1, parent.id, [child.id]);
    const web = await signIn(ctx.app, "mj-emp");
    const page = await web.get(`/tickets/${num(child)}`).expect(200);
    expect(page.text).to.contain("Part of a wider incident: “Email unavailable”");
    expect(page.text).to.contain("status-open");
    expect(page.text).to.contain("We are working on it, next update 14:30.");
    expect(page.text).to.contain(`href="/major/${num(parent)}"`);
    for (const secret of ["SECRET-DESCRIPTION", "SECRET-NOTE", "Exchange DAG", "Paula Parent"]) expect(page.text).to.not.contain(secret);
    // the technician sees the parent's number and a link to it
    const desk = await (await signIn(ctx.app, "mj-n1")).get(`/tickets/${num(child)}`).expect(200);
    expect(desk.text).to.contain(`href="/tickets/${num(parent)}"`);
  });

  it("shows the banner on the portal home and new-ticket pages with public text only; “I am affected too” follows without creating a ticket", async () => {
    const parent = await makeMajor(emp3, "Email unavailable");
    await addComment(ctx.deps, n1, parent.id, { body: "We are working on it — next update 14:30.", internal: false, files: [] });
    const P = num(parent);
    const web = await signIn(ctx.app, "mj-emp");
    for (const url of ["/portal", "/portal/new?type=incident"]) {
      const page = await web.get(url).expect(200);
      expect(page.text, url).to.contain("Email unavailable");
      expect(page.text, url).to.contain("We are working on it — next update 14:30.");
      expect(page.text, url).to.contain("I am affected too");
      for (const secret of ["SECRET-DESCRIPTION", "SECRET-NOTE", "Exchange DAG", "Paula Parent"]) expect(page.text, `${url} ${secret}`).to.not.contain(secret);
    }
    const before = await tickets().count();
    const token = await csrf(web, "/portal");
    const followed = await web.post(`/major/${P}/follow`).type("form").send({ _csrf: token, back: "portal" });
    expect(followed.status).to.equal(303);
    expect(followed.headers.location).to.equal("/portal");
    await web.post(`/major/${P}/follow`).type("form").send({ _csrf: token }).expect(303);
    expect(await tickets().count()).to.equal(before);
    const rows = await ctx.deps.db.getRepository(TicketWatcher).find({ where: { ticketId: parent.id } });
    expect(rows.map((w) => [w.userId, w.reason])).to.deep.equal([[emp.id, "affected"]]);
    const home = await web.get("/portal").expect(200);
    expect(home.text).to.contain("You follow “Email unavailable”: you will be told of its updates. No ticket was created.");
    expect(home.text).to.contain("You follow this incident");
    expect(home.text).to.not.contain(">I am affected too<");

    // the public page: title, status, the public updates; none of the internals
    const pub = await web.get(`/major/${P}`).expect(200);
    expect(pub.text).to.contain("Email unavailable");
    expect(pub.text).to.contain("We are working on it — next update 14:30.");
    expect(pub.text).to.contain("I am no longer affected");
    for (const secret of ["SECRET-DESCRIPTION", "SECRET-NOTE", "Exchange DAG", "Paula Parent", "Nina Tech"]) expect(pub.text, secret).to.not.contain(secret);
    await web.post(`/major/${P}/unfollow`).type("form").send({ _csrf: token }).expect(303);
    expect(await ctx.deps.db.getRepository(TicketWatcher).count({ where: { ticketId: parent.id } })).to.equal(0);
    // the requester of the major incident is told it is theirs; an ordinary ticket has no public page
    expect((await (await signIn(ctx.app, "mj-emp3")).get("/portal").expect(200)).text).to.contain("You reported this incident.");
    const ordinary = await makeTicket(ctx.deps, emp2, { title: "Printer jam" });
    await web.get(`/major/${num(ordinary)}`).expect(404);
    await web.post(`/major/${num(ordinary)}/follow`).type("form").send({ _csrf: token }).expect(404);
  });

  it("sends a public update on the parent to every open child's requester (reply, bell, mail) and to the people affected; an internal note stays inside", async () => {
    const parent = await makeMajor(emp3, "Email unavailable");
    const [c1, c2, done] = [
      await makeTicket(ctx.deps, emp, { title: "Outlook offline" }), await makeTicket(ctx.deps, emp2, { title: "Cannot send mail" }),
      await makeTicket(ctx.deps, emp2, { title: "Mail slow" }),
    ];
    await attachChildren(ctx.deps, n1, parent.id, [c1.id, c2.id, done.id]);
    await resolveTicket(ctx.deps, n1, done.id, { resolution: "Was something else.", code: "no_fault" });
    const follower = await makeUser(ctx.deps, { username: "mj-follow", name: "Fred Follower" });
    await followMajor(ctx.deps, follower, parent.id);
    const comments = (id: number) => ctx.deps.db.getRepository(TicketComment).find({ where: { ticketId: id }, order: { id: "ASC" } });
    const beforeDone = (await comments(done.id)).length;

    const tech = await signIn(ctx.app, "mj-n1");
    const page = await tech.get(`/tickets/${num(parent)}`).expect(200);
    await tech.post(`/tickets/${num(parent)}/comments`).field("_csrf", csrfFrom(page.text)).field("internal", "1")
      .field("body", "SECRET-NOTE-2: the vendor is on site.").expect(303);
    expect(await comments(c1.id)).to.deep.equal([]);
    const update = "Mail is back for half of the users. Next update 15:00.";
    await tech.post(`/tickets/${num(parent)}/comments`).field("_csrf", csrfFrom(page.text)).field("internal", "0")
      .field("body", update).expect(303);

    for (const [child, requester] of [[c1, emp], [c2, emp2]] as const) {
      expect((await comments(child.id)).map((c) => [c.body, c.internal, c.authorId])).to.deep.equal([[update, false, n1.id]]);
      const notes = await ctx.deps.db.getRepository(Notification).find({ where: { userId: requester.id, ticketId: child.id, kind: "ticket_reply" } });
      expect(notes).to.have.length(1);
      const mails = await ctx.deps.db.getRepository(MailOutboxRow).find({ where: { toAddress: `${requester.username}@example.org`, template: "ticket-reply" } });
      expect(mails.map((m) => m.text.includes(update))).to.deep.equal([true]);
    }
    expect(await comments(done.id)).to.have.length(beforeDone);
    const told = await ctx.deps.db.getRepository(Notification).find({ where: { userId: follower.id } });
    expect(told.map((n) => [n.kind, n.ticketId, n.params.title, n.params.update])).to.deep.equal([["major_update", parent.id, "Email unavailable", update]]);
    const mail = await ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ toAddress: "mj-follow@example.org" });
    expect(mail.template).to.equal("major-update");
    expect(mail.subject).to.equal("Major incident update: Email unavailable");
    expect(mail.text).to.contain(update);
    expect(mail.text).to.contain(`/major/${num(parent)}`);
    for (const secret of ["SECRET", "Exchange DAG"]) expect(mail.text + mail.html).to.not.contain(secret);
    // the follower's bell reads it in words
    const bell = await (await signIn(ctx.app, "mj-follow")).get("/notifications").expect(200);
    expect(bell.text).to.contain("Update on the major incident “Email unavailable”: Mail is back for half of the users.");
  });

  it("resolves the parent's open children with the same resolution and tells their requesters and the people affected; the banner goes", async () => {
    const parent = await makeMajor(emp3, "Email unavailable");
    const [c1, c2] = [await makeTicket(ctx.deps, emp, { title: "Outlook offline" }), await makeTicket(ctx.deps, emp2, { title: "Cannot send mail" })];
    await attachChildren(ctx.deps, n1, parent.id, [c1.id, c2.id]);
    const follower = await makeUser(ctx.deps, { username: "mj-follow2" });
    const french = await makeUser(ctx.deps, { username: "mj-suivi", locale: "fr" });
    await followMajor(ctx.deps, follower, parent.id);
    await followMajor(ctx.deps, french, parent.id);
    const web = await signIn(ctx.app, "mj-emp");
    expect((await web.get("/portal").expect(200)).text).to.contain("Email unavailable");

    const tech = await signIn(ctx.app, "mj-n1");
    const res = await post(tech, `/tickets/${num(parent)}/resolve`, { code: "workaround", resolution: "Mail rerouted through the backup relay." }, `/tickets/${num(parent)}`);
    expect(res.status).to.equal(303);
    for (const [child, requester] of [[c1, emp], [c2, emp2]] as const) {
      expect(await reload(child)).to.include({ status: "resolved", resolutionCode: "workaround", resolution: "Mail rerouted through the backup relay." });
      const h = await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId: child.id, kind: "resolved" } });
      expect(h.map((x) => [x.toValue, x.actorId])).to.deep.equal([["workaround", n1.id]]);
      expect(await ctx.deps.db.getRepository(Notification).count({ where: { userId: requester.id, ticketId: child.id, kind: "ticket_resolved" } })).to.equal(1);
    }
    expect((await ctx.deps.db.getRepository(Notification).find({ where: { userId: follower.id } })).map((n) => n.kind)).to.deep.equal(["major_resolved"]);
    const mail = await ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ toAddress: "mj-follow2@example.org" });
    expect([mail.template, mail.subject]).to.deep.equal(["major-resolved", "Resolved: Email unavailable"]);
    expect(mail.text).to.contain("Mail rerouted through the backup relay.");
    const fr = await ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ toAddress: "mj-suivi@example.org" });
    expect(fr.subject).to.equal("Résolu\u00a0: Email unavailable");
    expect(fr.text).to.contain("L’incident majeur «\u00a0Email unavailable\u00a0» est résolu.");
    // no banner any more (the resolve cleared this process's cached list); the public page says resolved
    expect((await web.get("/portal").expect(200)).text).to.not.contain("Email unavailable");
    const pub = await web.get(`/major/${num(parent)}`).expect(200);
    expect(pub.text).to.contain("This incident is resolved.");
    expect(pub.text).to.contain("Mail rerouted through the backup relay.");
    expect(pub.text).to.not.contain("I am affected too");
  });

  it("proposes joining an open major incident when a new ticket's title matches, and creates the ticket when told to", async () => {
    await makeMajor(emp3, "Email unavailable");
    const web = await signIn(ctx.app, "mj-emp");
    const form = await web.get("/portal/new?type=incident").expect(200);
    const before = await tickets().count();
    const proposed = await web.post("/tickets").field("_csrf", csrfFrom(form.text)).field("type", "incident")
      .field("title", "My e-mails do not leave").field("description", "Stuck in the outbox since 9:00.")
      .attach("attachments", Buffer.from("log"), { filename: "outbox.txt", contentType: "text/plain" });
    expect(proposed.status).to.equal(409);
    expect(proposed.text).to.contain("This looks like “Email unavailable”");
    expect(proposed.text).to.contain("No, create my ticket");
    expect(proposed.text).to.contain("Attachments you chose were not kept");
    expect(proposed.text).to.contain("Stuck in the outbox since 9:00.");
    expect(proposed.text).to.contain('name="createAnyway" value="1"');
    expect(await tickets().count()).to.equal(before);
    const created = await web.post("/tickets").field("_csrf", csrfFrom(proposed.text)).field("type", "incident")
      .field("title", "My e-mails do not leave").field("description", "Stuck in the outbox since 9:00.").field("createAnyway", "1");
    expect(created.status).to.equal(303);
    expect(await tickets().count()).to.equal(before + 1);
    // a title that shares nothing with it, and a request, are created at once
    await web.post("/tickets").field("_csrf", csrfFrom(form.text)).field("type", "incident").field("title", "Printer jam")
      .field("description", "Floor 3.").expect(303);
    await web.post("/tickets").field("_csrf", csrfFrom(form.text)).field("type", "request").field("title", "An email alias")
      .field("description", "For the team.").expect(303);
  });
  it("the queue marks the reports attached to a major incident with its number", async () => {
    const parent = await makeTicket(ctx.deps, emp, { title: "Intranet unreachable" });
    const child = await makeTicket(ctx.deps, emp2, { title: "Cannot open the intranet" });
    const alone = await makeTicket(ctx.deps, emp2, { title: "Printer offline" });
    await setMajor(ctx.deps, n1, parent.id, majorSchema.parse({ publicTitle: "Intranet down" }));
    await attachChildren(ctx.deps, n1, parent.id, [child.id]);
    const queue = (await (await signIn(ctx.app, "mj-n1")).get("/desk/queues/1").expect(200)).text;
    const row = (t: Ticket) => new RegExp(`<td class="title-cell">(.*?)<a class="text-body" href="/tickets/${num(t)}">`).exec(queue)?.[1] ?? "missing";
    expect(row(child)).to.contain(`part of ${num(parent)}`);
    expect(row(alone)).to.equal("");
    expect(row(parent)).to.contain("Major incident");
  });
});
