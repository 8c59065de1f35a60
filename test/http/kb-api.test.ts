import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import { apiClient, signIn } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { createArticle, KbArticle, KbRevision, type ArticleInput } from "../../src/modules/kb";
import { createKbCategory, setKbCategoryActive } from "../../src/modules/kb/commands/categories";
import { translator } from "../../src/platform/i18n";

/** error.fields carries messages in the caller's language: the expected i18n keys as English messages. */
const messages = (keys: Record<string, string>) => Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, translator("en")(v)]));

describe("HTTP: the knowledge base in API v1", () => {
  let ctx: TestContext;
  let emp: Actor;
  let agent: Actor;
  let admin: Actor;
  const client = (a: Actor) => apiClient(ctx.deps, ctx.app, a);
  const article = (over: Partial<ArticleInput> = {}) =>
    createArticle(ctx.deps, agent, { title: "Printer offline", body: "Restart the **spooler**.", audience: "everyone", status: "published", ...over });

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "ka-emp", name: "Emma Martin" });
    agent = await makeAgent(ctx.deps, 1, { username: "ka-n1", name: "Nina Roux" });
    admin = await makeUser(ctx.deps, { username: "ka-admin", role: "admin" });
  });

  it("an editor creates an article (201: id, sanitised html, the contract's fields, revision 1); an employee may not (403)", async () => {
    const printing = await createKbCategory(ctx.deps, agent, { name: "Printing", description: null, position: null });
    const api = await client(agent);
    const created = await api.post("/kb/articles", {
      title: "Printer: jobs stuck in the queue", summary: "Clear the queue.", body: "## Steps\n\n1. Open *Services*\n<script>alert(1)</script>\n\n[guide](javascript:alert(1))",
      audience: "everyone", status: "published", category: printing.id, tags: "Printer, Spooler", reviewBy: "2027-06-30",
    }).expect(201);
    const b = created.body;
    expect(b.id).to.be.a("number");
    expect(b).to.deep.include({
      title: "Printer: jobs stuck in the queue", summary: "Clear the queue.", audience: "everyone", status: "published", category: printing.id,
      categoryName: "Printing", tags: ["printer", "spooler"], author: "ka-n1", authorName: "Nina Roux", reviewer: "ka-n1", reviewBy: "2027-06-30",
      version: 1, views: 0, helpful: { yes: 0, no: 0 }, problem: null, createdAt: "2026-11-23T09:00:00.000Z", publishedAt: "2026-11-23T09:00:00.000Z",
    });
    expect(b.body).to.contain("<script>alert(1)</script>");
    expect(b.html).to.contain("<h2>Steps</h2>").and.contain("<em>Services</em>");
    expect(b.html).to.not.match(/<script|href="javascript/i);
    expect(await ctx.deps.db.getRepository(KbRevision).countBy({ articleId: b.id })).to.equal(1);
    // a new article is a draft unless told; admins write too
    const draft = await (await client(admin)).post("/kb/articles", { title: "Notes", body: "Later.", audience: "agents" }).expect(201);
    expect(draft.body).to.deep.include({ status: "draft", audience: "agents", category: null, tags: [], summary: null, publishedAt: null });

    const refused = await (await client(emp)).post("/kb/articles", { title: "Mine", body: "x", audience: "everyone", status: "published" }).expect(403);
    expect(refused.body.error.code).to.equal("forbidden");
    expect(await ctx.deps.db.getRepository(KbArticle).count()).to.equal(2);
  });

  it("refuses a bad body with 422 and error.fields: unknown keys, missing and wrong values, an unknown or withdrawn category", async () => {
    const api = await client(agent);
    const bad = await api.post("/kb/articles", { title: "", audience: "public", status: "live", colour: "red", reviewBy: "2027-02-30", tags: 3 }).expect(422);
    expect(bad.body.error.code).to.equal("validation_failed");
    expect(bad.body.error.fields).to.deep.equal(messages({
      colour: "validation.unknown_field", title: "validation.required", body: "validation.required", audience: "validation.choice",
      status: "validation.choice", reviewBy: "kb.errors.date", tags: "validation.invalid",
    }));
    const unknown = await api.post("/kb/articles", { title: "T", body: "B", audience: "everyone", category: 999 }).expect(422);
    expect(unknown.body.error.fields).to.deep.equal(messages({ category: "validation.choice" }));
    const old = await createKbCategory(ctx.deps, agent, { name: "Old", description: null, position: null });
    await setKbCategoryActive(ctx.deps, agent, old.id, false);
    const withdrawn = await api.post("/kb/articles", { title: "T", body: "B", audience: "everyone", category: old.id }).expect(422);
    expect(withdrawn.body.error.fields).to.deep.equal(messages({ category: "validation.choice" }));
    const tooMany = await api.post("/kb/articles", { title: "T", body: "B", audience: "everyone", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }).expect(422);
    expect(tooMany.body.error.fields).to.deep.equal(messages({ tags: "kb.errors.too_many_tags" }));
    expect(await ctx.deps.db.getRepository(KbArticle).count()).to.equal(0);
  });

  it("GET reads an article with its html; an employee gets 404 kb_article_not_found for agent-only, draft, archived and unknown ones", async () => {
    const open = await article();
    const agentsOnly = await article({ title: "Server room", audience: "agents" });
    const draft = await article({ title: "Unfinished", status: "draft" });
    const archived = await article({ title: "Old way", status: "archived" });
    const mine = await (await client(emp)).get(`/kb/articles/${open.id}`).expect(200);
    expect(mine.body).to.deep.include({ id: open.id, title: "Printer offline", html: "<p>Restart the <strong>spooler</strong>.</p>\n", audience: "everyone" });
    // the desk's own links are not the employee's business
    expect(mine.body).to.not.have.property("problem");
    expect(mine.headers["cache-control"]).to.equal("no-store");
    for (const id of [agentsOnly.id, draft.id, archived.id, 999999]) {
      const res = await (await client(emp)).get(`/kb/articles/${id}`).expect(404);
      expect(res.body.error.code).to.equal("kb_article_not_found");
    }
    await (await client(emp)).get("/kb/articles/abc").expect(404);
    for (const a of [agentsOnly, draft, archived]) {
      expect((await (await client(agent)).get(`/kb/articles/${a.id}`).expect(200)).body.status).to.equal(a.status);
    }
  });

  it("PATCH changes the fields sent on the version seen (a new revision); a stale version is a 409 kb_article_changed", async () => {
    const a = await article({ tags: ["printer"] });
    const api = await client(agent);
    const changed = await api.patch(`/kb/articles/${a.id}`, { version: 1, title: "Printer shows offline", audience: "agents" }).expect(200);
    expect(changed.body).to.deep.include({ title: "Printer shows offline", audience: "agents", body: "Restart the **spooler**.", tags: ["printer"], version: 2 });
    const revisions = await ctx.deps.db.getRepository(KbRevision).find({ where: { articleId: a.id }, order: { number: "ASC" } });
    expect(revisions.map((r) => [r.number, r.changed])).to.deep.equal([[1, "created"], [2, "title,audience"]]);
    const stale = await api.patch(`/kb/articles/${a.id}`, { version: 1, body: "Something else." }).expect(409);
    expect(stale.body.error.code).to.equal("kb_article_changed");
    const noVersion = await api.patch(`/kb/articles/${a.id}`, { body: "x", id: 3 }).expect(422);
    expect(noVersion.body.error.fields).to.deep.equal(messages({ version: "validation.invalid", id: "validation.unknown_field" }));
    expect((await api.patch("/kb/articles/999999", { version: 1, title: "x" }).expect(404)).body.error.code).to.equal("kb_article_not_found");
    const emp403 = await (await client(emp)).patch(`/kb/articles/${a.id}`, { version: 2, title: "Hacked" }).expect(403);
    expect(emp403.body.error.code).to.equal("forbidden");
    // a multipart body skips the session's CSRF check: PATCH refuses it, like every route
    const browser = await signIn(ctx.app, "ka-n1");
    const multipart = await browser.patch(`/api/v1/kb/articles/${a.id}`).field("version", "2").field("title", "Hacked").expect(403);
    expect(multipart.body.error.code).to.equal("csrf_invalid");
    expect((await ctx.deps.db.getRepository(KbArticle).findOneByOrFail({ id: a.id })).title).to.equal("Printer shows offline");
  });

  it("search gives { items: [{ id, title, snippet, audience }] } in the caller's audience; no words, no items", async () => {
    const open = await article({ title: "Imprimante hors ligne", body: "Redémarrez le service d’impression de l’imprimante." });
    const agentsOnly = await article({ title: "Imprimante de la salle serveur", body: "Badge admin.", audience: "agents" });
    await article({ title: "Imprimante brouillon", body: "À finir.", status: "draft" });
    const mine = await (await client(emp)).get("/kb/search?q=imprimante").expect(200);
    expect(mine.body.items).to.have.length(1);
    expect(mine.body.items[0]).to.have.all.keys("id", "title", "snippet", "audience");
    expect(mine.body.items[0]).to.deep.include({ id: open.id, title: "Imprimante hors ligne", audience: "everyone" });
    expect(mine.body.items[0].snippet).to.contain("<mark>imprimante</mark>");
    const desk = await (await client(agent)).get("/kb/search?q=IMPRIMANTE").expect(200);
    expect(desk.body.items.map((i: { id: number }) => i.id)).to.have.members([open.id, agentsOnly.id]);
    expect((await (await client(emp)).get("/kb/search?q=").expect(200)).body).to.deep.equal({ items: [] });
    expect((await (await client(emp)).get("/kb/search").expect(200)).body).to.deep.equal({ items: [] });
    expect((await (await client(emp)).get("/kb/search?q=%20%20").expect(200)).body).to.deep.equal({ items: [] });
  });

  it("search takes a limit from 1 to 50 (10 by default); outside that a 422 on limit", async () => {
    for (let i = 0; i < 12; i++) await article({ title: `VPN guide ${i}`, body: "Reconnect the VPN." });
    const api = await client(emp);
    expect((await api.get("/kb/search?q=vpn").expect(200)).body.items).to.have.length(10);
    expect((await api.get("/kb/search?q=vpn&limit=1").expect(200)).body.items).to.have.length(1);
    expect((await api.get("/kb/search?q=vpn&limit=50").expect(200)).body.items).to.have.length(12);
    for (const limit of ["0", "51", "-1", "2.5", "ten"]) {
      const res = await api.get(`/kb/search?q=vpn&limit=${limit}`).expect(422);
      expect(res.body.error.fields).to.deep.equal(messages({ limit: "validation.invalid" }));
    }
    await api.get(`/kb/search?q=${"a".repeat(201)}`).expect(422);
  });

  it("lists the active categories each caller may browse: an employee's hold an article they may read; nothing without a token", async () => {
    const printing = await createKbCategory(ctx.deps, agent, { name: "Printing", description: "Printers and scanners", position: 1 });
    const vpn = await createKbCategory(ctx.deps, agent, { name: "Network & VPN", description: null, position: 2 });
    const desk = await createKbCategory(ctx.deps, agent, { name: "Desk procedures", description: null, position: 3 });
    const soon = await createKbCategory(ctx.deps, agent, { name: "Coming soon", description: null, position: 4 });
    const old = await createKbCategory(ctx.deps, agent, { name: "Old", description: null, position: 5 });
    await article({ categoryId: printing.id });
    await article({ title: "VPN drops", categoryId: vpn.id });
    await article({ title: "Escalation checklist", categoryId: desk.id, audience: "agents" });
    await article({ title: "Soon", categoryId: soon.id, status: "draft" });
    await article({ title: "Old way", categoryId: old.id });
    await setKbCategoryActive(ctx.deps, agent, old.id, false);
    const res = await (await client(emp)).get("/kb/categories").expect(200);
    expect(res.body).to.deep.equal({ items: [
      { id: printing.id, name: "Printing", description: "Printers and scanners" }, { id: vpn.id, name: "Network & VPN", description: null },
    ] });
    // the editors get every active one, empty or not
    const theirs = await (await client(agent)).get("/kb/categories").expect(200);
    expect(theirs.body.items.map((c: { id: number }) => c.id)).to.deep.equal([printing.id, vpn.id, desk.id, soon.id]);
    const { default: request } = await import("supertest");
    await request(ctx.app).get("/api/v1/kb/categories").expect(401);
    await request(ctx.app).get("/api/v1/kb/search?q=vpn").expect(401);
  });
});
