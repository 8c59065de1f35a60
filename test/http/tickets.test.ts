import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { signIn, csrf, csrfFrom, type Agent } from "../helpers/http";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { closeTicket } from "../../src/modules/tickets/commands/close-ticket";
import type { Actor } from "../../src/access/actor";

describe("HTTP: tickets, refusals and edge cases", () => {
  let ctx: TestContext;
  let emma: Actor, paul: Actor, n1: Actor, n1b: Actor, n2: Actor, n3: Actor;
  let emmaWeb: Agent, n1Web: Agent;

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emma = await makeUser(ctx.deps, { username: "emma", name: "Emma Martin" });
    paul = await makeUser(ctx.deps, { username: "paul", name: "Paul Durand" });
    n1 = await makeAgent(ctx.deps, 1, { username: "nina", name: "Nina Desk" });
    n1b = await makeAgent(ctx.deps, 1, { username: "omar", name: "Omar Desk" });
    n2 = await makeAgent(ctx.deps, 2, { username: "sam", name: "Sam Support" });
    n3 = await makeAgent(ctx.deps, 3, { username: "tess", name: "Tess Engineer" });
    emmaWeb = await signIn(ctx.app, "emma");
    n1Web = await signIn(ctx.app, "nina");
  });

  const url = (t: Ticket) => `/tickets/${formatNumber(t.type, t.id)}`;

  it("another person's ticket is a 404, on the page and on every action", async () => {
    const t = await makeTicket(ctx.deps, paul);
    await emmaWeb.get(url(t)).expect(404);
    const token = await csrf(emmaWeb, "/portal");
    await emmaWeb.post(`${url(t)}/close`).type("form").send({ _csrf: token }).expect(404);
    await emmaWeb.post(`${url(t)}/comments`).field("_csrf", token).field("body", "hi").expect(404);
    // an N2 agent does not see a ticket that never reached N2
    const samWeb = await signIn(ctx.app, "sam");
    await samWeb.get(url(t)).expect(404);
  });

  it("a number with the wrong prefix is a 404", async () => {
    const t = await makeTicket(ctx.deps, emma);
    await emmaWeb.get(`/tickets/REQ-${String(t.id).padStart(6, "0")}`).expect(404);
    await emmaWeb.get("/tickets/not-a-number").expect(404);
  });

  it("an empty title is a 422 with the field error and what was typed kept", async () => {
    const page = await emmaWeb.get("/portal/new").expect(200);
    const res = await emmaWeb.post("/tickets").field("_csrf", csrfFrom(page.text)).field("type", "incident")
      .field("title", " ").field("description", "My screen stays black after the update").expect(422);
    expect(res.text).to.contain('id="title-error"');
    expect(res.text).to.contain("This field is required.");
    expect(res.text).to.contain("My screen stays black after the update");
    expect(await ctx.deps.db.getRepository(Ticket).count({ where: { title: " " } })).to.equal(0);
  });

  it("the requester cannot set priority, tier or assignee through the form", async () => {
    const page = await emmaWeb.get("/portal/new").expect(200);
    const res = await emmaWeb.post("/tickets").field("_csrf", csrfFrom(page.text)).field("type", "incident")
      .field("title", "Printer jam").field("description", "3rd floor").field("impact", "low").field("urgency", "low")
      .field("priority", "1").field("tier", "3").field("assigneeId", String(n1.id)).expect(303);
    const id = Number(/(\d+)/.exec(res.headers.location)![1]);
    const t = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id });
    expect(t.priority).to.equal(4);
    expect(t.tier).to.equal(1);
    expect(t.assigneeId).to.equal(null);
    expect(t.status).to.equal("new");
  });

  it("a multipart body does not skip the CSRF check on routes without uploads", async () => {
    await emmaWeb.post("/logout").field("x", "1").expect(403);
    await emmaWeb.post("/profile/tokens/1/revoke").field("x", "1").expect(403);
    await emmaWeb.get("/portal").expect(200);
  });

  it("an internal note does not make the requester's page stale", async () => {
    const t = await makeTicket(ctx.deps, emma);
    await resolveTicket(ctx.deps, n1, t.id, { resolution: "Done", code: "fixed" });
    const page = await emmaWeb.get(url(t)).expect(200);
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];
    await n1Web.post(`${url(t)}/comments`).field("_csrf", await csrf(n1Web, url(t))).field("internal", "1").field("body", "closing soon").expect(303);
    await emmaWeb.post(`${url(t)}/close`).type("form").send({ _csrf: csrfFrom(page.text), version }).expect(303);
  });

  it("a POST without the CSRF token is refused with 403", async () => {
    const t = await makeTicket(ctx.deps, emma);
    await emmaWeb.post(`${url(t)}/comments`).field("body", "hello").expect(403);
    const refused = await n1Web.post(`${url(t)}/take`).type("form").send({}).expect(403);
    expect(refused.text).to.contain("Your form expired");
    expect(refused.text).to.not.match(/node_modules|\.ts:\d+/);
    await n1Web.post(`${url(t)}/take`).type("form").send({ _csrf: "forged" }).expect(403);
    expect((await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id })).assigneeId).to.equal(null);
  });

  it("an upload too big is a 413 with a message next to the field, and nothing is saved", async () => {
    const page = await emmaWeb.get("/portal/new").expect(200);
    const before = await ctx.deps.db.getRepository(Ticket).count();
    const res = await emmaWeb.post("/tickets").field("_csrf", csrfFrom(page.text)).field("type", "incident")
      .field("title", "Big log").field("description", "see attached")
      .attach("attachments", Buffer.alloc(1024 * 1024 + 10, 65), { filename: "big.txt", contentType: "text/plain" })
      .expect(413);
    expect(res.text).to.contain('id="attachments-error"');
    expect(res.text).to.contain("at most 1 MB");
    expect(res.text).to.contain("Big log");
    expect(await ctx.deps.db.getRepository(Ticket).count()).to.equal(before);
  });

  it("a file type outside the allow-list is a 422", async () => {
    const page = await emmaWeb.get("/portal/new").expect(200);
    const res = await emmaWeb.post("/tickets").field("_csrf", csrfFrom(page.text)).field("type", "incident")
      .field("title", "Script").field("description", "x")
      .attach("attachments", Buffer.from("#!/bin/sh"), { filename: "run.sh", contentType: "application/x-sh" }).expect(422);
    expect(res.text).to.contain("This type of file is not accepted.");
  });

  it("keeps an accepted attachment and serves it only to those who may read the ticket", async () => {
    const page = await emmaWeb.get("/portal/new").expect(200);
    const res = await emmaWeb.post("/tickets").field("_csrf", csrfFrom(page.text)).field("type", "incident")
      .field("title", "Error popup").field("description", "see screenshot")
      .attach("attachments", Buffer.from("error text"), { filename: "error.txt", contentType: "text/plain" }).expect(303);
    const ticketUrl = res.headers.location;
    const view = await emmaWeb.get(ticketUrl).expect(200);
    const link = /href="(\/tickets\/[^"]+\/attachments\/\d+)"/.exec(view.text)![1];
    const file = await emmaWeb.get(link).expect(200);
    expect(file.headers["content-disposition"]).to.contain("error.txt");
    expect(file.headers["x-content-type-options"]).to.equal("nosniff");
    const paulWeb = await signIn(ctx.app, "paul");
    await paulWeb.get(link).expect(404);
  });

  it("an internal note never reaches the requester's page", async () => {
    const t = await makeTicket(ctx.deps, emma);
    const token = await csrf(n1Web, url(t));
    await n1Web.post(`${url(t)}/comments`).field("_csrf", token).field("internal", "1").field("body", "Secret: user has admin rights").expect(303);
    await n1Web.post(`${url(t)}/comments`).field("_csrf", token).field("internal", "0").field("body", "Can you restart?").expect(303);
    const agentPage = await n1Web.get(url(t)).expect(200);
    expect(agentPage.text).to.contain("Secret: user has admin rights");
    expect(agentPage.text).to.contain("tl-internal");
    const page = await emmaWeb.get(url(t)).expect(200);
    expect(page.text).to.contain("Can you restart?");
    expect(page.text).to.not.contain("Secret: user has admin rights");
    expect(page.text).to.not.contain("tl-internal");
    // the first public reply is the first response
    expect((await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id })).firstResponseAt).to.not.equal(null);
  });

  it("a requester cannot post an internal note", async () => {
    const t = await makeTicket(ctx.deps, emma);
    const token = await csrf(emmaWeb, url(t));
    await emmaWeb.post(`${url(t)}/comments`).field("_csrf", token).field("internal", "1").field("body", "sneaky").expect(403);
  });

  it("a change made on a stale page is a 409 naming who changed it", async () => {
    const t = await makeTicket(ctx.deps, emma);
    const page = await n1Web.get(url(t)).expect(200);
    const token = csrfFrom(page.text);
    const omarWeb = await signIn(ctx.app, "omar");
    const token2 = await csrf(omarWeb, url(t));
    await omarWeb.post(`${url(t)}/take`).type("form").send({ _csrf: token2, version: "1" }).expect(303);
    const res = await n1Web.post(`${url(t)}/take`).type("form").send({ _csrf: token, version: "1" }).expect(409);
    expect(res.text).to.contain("changed by Omar Desk meanwhile");
    expect((await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id })).assigneeId).to.equal(n1b.id);
  });

  it("refuses invalid transitions with 409 and says why", async () => {
    const t = await makeTicket(ctx.deps, emma);
    let res = await n1Web.post(`${url(t)}/close`).type("form").send({ _csrf: await csrf(n1Web, url(t)) }).expect(409);
    expect(res.text).to.contain("Only a resolved ticket can be closed");
    // escalate from N3
    await takeTicket(ctx.deps, n1, t.id);
    await escalateTicket(ctx.deps, n1, t.id, { groupId: null, reason: "r", note: "n" });
    await takeTicket(ctx.deps, n2, t.id);
    await escalateTicket(ctx.deps, n2, t.id, { groupId: null, reason: "r", note: "n" });
    await takeTicket(ctx.deps, n3, t.id);
    const tessWeb = await signIn(ctx.app, "tess");
    res = await tessWeb.post(`${url(t)}/escalate`).type("form").send({ _csrf: await csrf(tessWeb, url(t)), reason: "r", note: "n" }).expect(409);
    expect(res.text).to.contain("already at N3");
    // reply on a closed ticket
    await resolveTicket(ctx.deps, n3, t.id, { resolution: "done", code: "fixed" });
    await closeTicket(ctx.deps, emma, t.id);
    res = await emmaWeb.post(`${url(t)}/comments`).field("_csrf", await csrf(emmaWeb, url(t))).field("body", "thanks").expect(409);
    expect(res.text).to.contain("This ticket is closed");
  });

  it("escalation needs a reason and a hand-over note (422, typed text kept)", async () => {
    const t = await makeTicket(ctx.deps, emma);
    const res = await n1Web.post(`${url(t)}/escalate`).type("form").send({ _csrf: await csrf(n1Web, url(t)), reason: "Needs network team", note: "" }).expect(422);
    expect(res.text).to.contain('id="note-error"');
    expect(res.text).to.contain("Needs network team");
    expect((await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id })).tier).to.equal(1);
  });

  it("the requester confirms or reopens a resolved ticket (reason required, count +1)", async () => {
    const t = await makeTicket(ctx.deps, emma);
    await resolveTicket(ctx.deps, n1, t.id, { resolution: "Rebooted the switch", code: "fixed" });
    let res = await emmaWeb.post(`${url(t)}/reopen`).type("form").send({ _csrf: await csrf(emmaWeb, url(t)), reason: "" }).expect(422);
    expect(res.text).to.contain('id="reason-error"');
    res = await emmaWeb.post(`${url(t)}/reopen`).type("form").send({ _csrf: await csrf(emmaWeb, url(t)), reason: "Still down" }).expect(303);
    const after = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id });
    expect(after.status).to.equal("open");
    expect(after.reopenCount).to.equal(1);
    const kinds = (await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId: t.id }, order: { id: "ASC" } })).map((h) => h.kind);
    expect(kinds).to.deep.equal(["created", "resolved", "reopened"]);
  });

  it("a requester's reply on a ticket pending on them puts it back in progress", async () => {
    const t = await makeTicket(ctx.deps, emma);
    await takeTicket(ctx.deps, n1, t.id);
    await n1Web.post(`${url(t)}/pending`).type("form").send({ _csrf: await csrf(n1Web, url(t)), reason: "requester", note: "Which printer?" }).expect(303);
    const home = await emmaWeb.get("/portal").expect(200);
    expect(home.text).to.contain("Waiting for you");
    const page = await emmaWeb.get(url(t)).expect(200);
    expect(page.text).to.contain("What we are waiting for: Which printer?");
    await emmaWeb.post(`${url(t)}/comments`).field("_csrf", await csrf(emmaWeb, url(t))).field("body", "The one near the lift").expect(303);
    expect((await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id })).status).to.equal("open");
  });

  it("two agents on the same ticket see each other", async () => {
    const t = await makeTicket(ctx.deps, emma);
    const omarWeb = await signIn(ctx.app, "omar");
    await n1Web.get(`${url(t)}/presence`).expect(200);
    const res = await omarWeb.get(`${url(t)}/presence`).expect(200);
    expect(res.text).to.contain("Nina Desk");
    await emmaWeb.get(`${url(t)}/presence`).expect(403);
  });

  it("a VIP's ticket is raised one priority level", async () => {
    const vip = await makeUser(ctx.deps, { vip: true });
    const t = await makeTicket(ctx.deps, vip, { impact: "low", urgency: "low" });
    expect(t.priority).to.equal(3);
  });

  it("changing impact and urgency recomputes the priority with a history row", async () => {
    const t = await makeTicket(ctx.deps, emma, { impact: "low", urgency: "low" });
    await n1Web.post(`${url(t)}/classify`).type("form")
      .send({ _csrf: await csrf(n1Web, url(t)), impact: "high", urgency: "high", categoryId: "", groupId: "" }).expect(303);
    const after = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id });
    expect(after.priority).to.equal(1);
    const kinds = (await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId: t.id } })).map((h) => h.kind);
    expect(kinds).to.include.members(["impact", "urgency", "priority"]);
  });

  it("a technician logs a phone call for an employee; an employee cannot file for someone else", async () => {
    let page = await n1Web.get("/portal/new").expect(200);
    expect(page.text).to.contain('id="requester"');
    const res = await n1Web.post("/tickets").field("_csrf", csrfFrom(page.text)).field("type", "incident")
      .field("title", "Phone: screen flickers").field("description", "Called at 9:05").field("requester", "emma").field("channel", "phone").expect(303);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    const t = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id });
    expect(t.requesterId).to.equal(emma.id);
    expect(t.channel).to.equal("phone");
    await emmaWeb.get(res.headers.location).expect(200);
    const bad = await n1Web.post("/tickets").field("_csrf", csrfFrom(page.text)).field("type", "incident")
      .field("title", "x").field("description", "y").field("requester", "ghost").expect(422);
    expect(bad.text).to.contain("No active user has this username.");
    page = await emmaWeb.get("/portal/new").expect(200);
    expect(page.text).to.not.contain('id="requester"');
    const own = await emmaWeb.post("/tickets").field("_csrf", csrfFrom(page.text)).field("type", "incident")
      .field("title", "Mine").field("description", "y").field("requester", "paul").field("channel", "phone").expect(303);
    const mine = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: Number(/(\d+)$/.exec(own.headers.location)![1]) });
    expect(mine.requesterId).to.equal(emma.id);
    expect(mine.channel).to.equal("portal");
  });

  it("shows the requester's other tickets, only those the agent may read", async () => {
    const v = await makeUser(ctx.deps, { username: "victor" });
    const first = await makeTicket(ctx.deps, v, { title: "Old laptop is slow" });
    const second = await makeTicket(ctx.deps, v, { title: "Cannot reach the ERP" });
    await escalateTicket(ctx.deps, n1, second.id, { groupId: null, reason: "ERP team", note: "n" });
    const n1Page = await n1Web.get(url(second)).expect(200);
    expect(n1Page.text).to.contain("Old laptop is slow");
    const samWeb = await signIn(ctx.app, "sam");
    const n2Page = await samWeb.get(url(second)).expect(200);
    expect(n2Page.text).to.not.contain("Old laptop is slow");
    expect(first.id).to.be.lessThan(second.id);
  });

  it("healthz answers 200 with the database up", async () => {
    const res = await request(ctx.app).get("/healthz").expect(200);
    expect(res.body.status).to.equal("ok");
  });
});
