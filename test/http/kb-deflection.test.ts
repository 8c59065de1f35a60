import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { createArticle, KbDeflection } from "../../src/modules/kb";
import { Ticket } from "../../src/modules/tickets/ticket.entity";

/**
 * Deflection: while an employee writes a ticket, the articles that may answer it appear
 * (htmx fragment, or the no-JavaScript "search the knowledge base" button that brings the
 * form back as typed); "this solved my problem" records the deflection and creates no
 * ticket. Agent-only articles and drafts are never proposed to an employee, nor "solved".
 */
describe("HTTP: knowledge-base suggestions on the new-ticket form (deflection)", () => {
  let ctx: TestContext;
  let emp: Actor;
  let empPage: Agent;
  const ids = { everyone: 0, agents: 0, draft: 0 };
  const tickets = () => ctx.deps.db.getRepository(Ticket).count();
  const deflections = () => ctx.deps.db.getRepository(KbDeflection).find({ order: { id: "ASC" } });
  const json = { accept: "application/json" };

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "df-emp" });
    const editor = await makeAgent(ctx.deps, 1, { username: "df-n1" });
    const make = (title: string, audience: "everyone" | "agents", status: "published" | "draft") =>
      createArticle(ctx.deps, editor, { title, body: `When the ${title.toLowerCase()}: restart the client, then sign in again.`, audience, status });
    ids.everyone = (await make("VPN disconnects every hour", "everyone", "published")).id;
    ids.agents = (await make("VPN gateway disconnects: reset the tunnel", "agents", "published")).id;
    ids.draft = (await make("VPN disconnects on Wi-Fi", "everyone", "draft")).id;
    empPage = await signIn(ctx.app, "df-emp");
  });

  it("the fragment lists the employee's published articles only, with the words typed; nothing at all when none matches", async () => {
    const res = await empPage.get("/kb/suggest").query({ title: "VPN disconnects", description: "every hour since Monday" }).expect(200);
    expect(res.headers["cache-control"]).to.equal("no-store");
    expect(res.text).to.include(`href="/kb/articles/${ids.everyone}"`).and.include(`action="/kb/articles/${ids.everyone}/solved"`)
      .and.include('name="q" value="VPN disconnects every hour since Monday"').and.include("<mark>");
    expect(res.text).to.not.include(`/kb/articles/${ids.agents}"`).and.not.include(`/kb/articles/${ids.draft}"`);
    const none = await empPage.get("/kb/suggest").query({ title: "printer toner", description: "" }).expect(200);
    expect(none.text.trim()).to.not.include("<section").and.not.include("<form");
    // an agent logging a call sees the agent-only article too (its audience), never the draft
    const agentHtml = (await (await signIn(ctx.app, "df-n1")).get("/kb/suggest?q=vpn+disconnects").expect(200)).text;
    expect(agentHtml).to.include(`/kb/articles/${ids.agents}"`).and.not.include(`/kb/articles/${ids.draft}"`);
  });

  it("the form has the htmx hook and the no-JavaScript button; the button brings back everything typed, with the suggestions", async () => {
    const page = (await empPage.get("/portal/new").expect(200)).text;
    expect(page).to.include('hx-get="/kb/suggest"').and.include('formaction="/portal/new"').and.include('name="kbSearch"')
      .and.not.include('id="kb-suggest-h"').and.not.include('id="kb-suggest-none"');
    // the suggestions right after what is typed (a phone shows them there), outside the ticket form (they
    // hold forms of their own): the controls before them belong to it by its id
    const at = (html: string) => page.indexOf(html);
    expect(at('id="description"')).to.be.below(at('id="kb-suggest"'));
    expect(at('id="kb-suggest"')).to.be.below(at('<form method="post" action="/tickets"'));
    for (const control of [/<input form="new-ticket"[^>]* id="title"/, /<textarea form="new-ticket"[^>]* id="description"/, /<button form="new-ticket"[^>]* name="kbSearch"/]) {
      expect(page).to.match(control);
    }
    const before = await tickets();
    const typed = {
      _csrf: await csrf(empPage, "/portal/new"), type: "incident", title: "VPN disconnects <again>", description: "It drops every hour.\nSince Monday.",
      impact: "medium", urgency: "high", callbackPhone: "+33 6 12 34 56 78", categoryId: "", kbSearch: "1",
    };
    const res = await empPage.post("/portal/new").type("form").send(typed).expect(200);
    expect(res.text).to.include('value="VPN disconnects &lt;again&gt;"').and.include("It drops every hour.\nSince Monday.</textarea>")
      .and.include('value="+33 6 12 34 56 78"').and.include('id="impact-medium" value="medium" checked').and.include('id="urgency-high" value="high" checked')
      .and.include('id="kb-suggest-h"').and.include(`href="/kb/articles/${ids.everyone}"`)
      .and.not.include(`/kb/articles/${ids.agents}"`).and.not.include(`/kb/articles/${ids.draft}"`);
    expect(await tickets()).to.equal(before);
    // nothing matches: the employee is told so (they asked), and the form is still there to send
    const none = await empPage.post("/portal/new").type("form").send({ ...typed, title: "Toner", description: "Empty cartridge" }).expect(200);
    expect(none.text).to.include('id="kb-suggest-none"').and.include('value="Toner"');
    expect(none.text).to.not.include('id="kb-suggest-h"');
    // a form sent with a mistake comes back with the suggestions too
    const bad = await empPage.post("/tickets").type("form").send({ ...typed, kbSearch: undefined, description: "" }).expect(422);
    expect(bad.text).to.include(`href="/kb/articles/${ids.everyone}"`);
    expect(await tickets()).to.equal(before);
  });

  it("\"this solved my problem\" records the article, the words and the person, creates no ticket, and ends on a calm page", async () => {
    const before = await tickets();
    const seen = (await deflections()).length;
    const res = await empPage.post(`/kb/articles/${ids.everyone}/solved`).type("form")
      .send({ _csrf: await csrf(empPage, "/portal/new"), q: "  VPN disconnects   every hour " }).expect(303);
    expect(res.headers.location).to.equal(`/kb/articles/${ids.everyone}/solved`);
    const rows = await deflections();
    expect(rows).to.have.length(seen + 1);
    expect(rows.at(-1)).to.deep.include({ articleId: ids.everyone, userId: emp.id, query: "VPN disconnects every hour" });
    expect(rows.at(-1)!.createdAt.getTime()).to.equal(ctx.clock.now().getTime());
    expect(await tickets()).to.equal(before);
    const done = (await empPage.get(res.headers.location).expect(200)).text;
    expect(done).to.include('href="/portal"').and.include(`href="/kb/articles/${ids.everyone}"`);
    // the words are kept up to the column's 500 characters
    await empPage.post(`/kb/articles/${ids.everyone}/solved`).type("form").send({ _csrf: await csrf(empPage, "/portal/new"), q: "x".repeat(900) }).expect(303);
    expect((await deflections()).at(-1)!.query).to.have.length(500);
  });

  it("an agent-only article, a draft or an unknown one cannot be \"solved\" by an employee: 404, nothing recorded", async () => {
    const seen = (await deflections()).length;
    const token = await csrf(empPage, "/portal/new");
    for (const id of [ids.agents, ids.draft, 999999]) {
      const res = await empPage.post(`/kb/articles/${id}/solved`).set(json).type("form").send({ _csrf: token, q: "vpn" }).expect(404);
      expect(res.body.error.code).to.equal("kb_article_not_found");
      expect((await empPage.get(`/kb/articles/${id}/solved`).set(json).expect(404)).body.error.code).to.equal("kb_article_not_found");
    }
    await empPage.post("/kb/articles/abc/solved").type("form").send({ _csrf: token }).expect(404);
    expect(await deflections()).to.have.length(seen);
  });

  it("a suggestion asked for while the form is sent does not eat the message of the page that follows", async () => {
    const res = await empPage.post("/tickets").type("form")
      .send({ _csrf: await csrf(empPage, "/portal/new"), type: "incident", title: "VPN disconnects", description: "Every hour." }).expect(303);
    // the debounced request arrives between the redirect and the page it leads to
    await empPage.get("/kb/suggest?q=vpn").set("hx-request", "true").expect(200);
    expect((await empPage.get(res.headers.location).expect(200)).text).to.include('class="alert alert-success" role="status"');
    expect((await empPage.get(res.headers.location).expect(200)).text).to.not.include('class="alert alert-success" role="status"');
  });

  it("signed out: nothing is suggested nor recorded", async () => {
    const anon = (await import("supertest")).default(ctx.app);
    await anon.get("/kb/suggest?q=vpn").expect(303);
    await anon.post(`/kb/articles/${ids.everyone}/solved`).set(json).send({}).expect(403);
  });
});
