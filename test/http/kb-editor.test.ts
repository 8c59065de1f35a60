import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, csrfFrom, signIn, type Agent } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { createArticle, updateArticle } from "../../src/modules/kb/commands/save-article";
import { createProblem } from "../../src/modules/problems/commands/problem-commands";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { KbArticle, KbAttachment, KbCategory, KbRevision } from "../../src/modules/kb/kb.entity";

/** A complete, valid article form. */
const valid = (over: Record<string, string> = {}) => ({
  title: "Connect to the office Wi-Fi", summary: "Two steps on any laptop", body: "1. Open the **Wi-Fi** menu.\n2. Choose *Office*.",
  category: "", tags: "wifi, Network", audience: "everyone", status: "draft", reviewBy: "2027-01-15", ...over,
});

describe("HTTP: writing the knowledge base (article editor, revisions, files, categories)", () => {
  let ctx: TestContext;
  let agent: Actor;
  let desk: Agent;
  let other: Agent;
  let emp: Agent;
  const articles = () => ctx.deps.db.getRepository(KbArticle).find({ order: { id: "ASC" } });
  const revisions = (articleId: number) => ctx.deps.db.getRepository(KbRevision).find({ where: { articleId }, order: { number: "ASC" } });
  const post = async (who: Agent, url: string, body: Record<string, string>, status: number, page = "/kb") =>
    who.post(url).type("form").send({ _csrf: await csrf(who, page), ...body }).expect(status);
  const errorOf = (html: string, field: string) => new RegExp(`id="${field}-error">([^<]+)<`).exec(html)?.[1];

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    agent = await makeAgent(ctx.deps, 1, { username: "kbe-agent", name: "Alice Agent" });
    await makeAgent(ctx.deps, 2, { username: "kbe-n2", name: "Noah Second" });
    await makeUser(ctx.deps, { username: "kbe-emp" });
    [desk, other, emp] = await Promise.all([signIn(ctx.app, "kbe-agent"), signIn(ctx.app, "kbe-n2"), signIn(ctx.app, "kbe-emp")]);
  });

  it("refuses the editor's pages and forms to an employee (403) and saves nothing", async () => {
    const a = await createArticle(ctx.deps, agent, { title: "Printer jam", body: "Open the tray.", audience: "everyone", status: "published" });
    for (const url of ["/kb/new", `/kb/articles/${a.id}/edit`, `/kb/articles/${a.id}/revisions`, `/kb/articles/${a.id}/revisions/1`, "/kb/categories"]) {
      await emp.get(url).expect(403);
    }
    const token = await csrf(emp, "/kb");
    await emp.post("/kb/articles").type("form").send({ _csrf: token, ...valid() }).expect(403);
    await emp.post(`/kb/articles/${a.id}`).type("form").send({ _csrf: token, ...valid(), version: "1" }).expect(403);
    await emp.post(`/kb/articles/${a.id}/status`).type("form").send({ _csrf: token, status: "archived", version: "1" }).expect(403);
    await emp.post(`/kb/articles/${a.id}/revisions/1/restore`).type("form").send({ _csrf: token, version: "1" }).expect(403);
    await emp.post("/kb/categories").type("form").send({ _csrf: token, name: "Rogue" }).expect(403);
    await emp.post(`/kb/articles/${a.id}/files`).field("_csrf", token)
      .attach("attachments", Buffer.from("x"), { filename: "x.txt", contentType: "text/plain" }).expect(403);
    const [row] = await articles();
    expect([row.title, row.status, row.version]).to.deep.equal(["Printer jam", "published", 1]);
    expect(await ctx.deps.db.getRepository(KbCategory).count()).to.equal(0);
    expect(await ctx.deps.db.getRepository(KbAttachment).count()).to.equal(0);
  });

  it("refuses a bad article with 422, each message next to its field, what was typed kept, nothing saved", async () => {
    const before = (await articles()).length;
    const res = await post(desk, "/kb/articles", valid({ title: "  ", reviewBy: "2026-02-30", audience: "nobody", category: "999", body: "Keep **this** text" }), 422, "/kb/new");
    expect(errorOf(res.text, "title")).to.equal("This field is required.");
    expect(errorOf(res.text, "reviewBy")).to.equal("Enter a date as YYYY-MM-DD.");
    expect(errorOf(res.text, "audience")).to.equal("Choose one of the options.");
    expect(res.text).to.contain("Keep **this** text</textarea>");
    expect(res.text).to.contain('value="wifi, Network"');
    expect(res.text).to.contain("Some fields need your attention.");
    // an unknown category is the category field's error, once the rest is right
    const cat = await post(desk, "/kb/articles", valid({ category: "999" }), 422, "/kb/new");
    expect(errorOf(cat.text, "category")).to.equal("Choose one of the options.");
    expect((await articles()).length).to.equal(before);
  });

  it("previews the rendered, sanitised body without saving", async () => {
    const before = (await articles()).length;
    const res = await post(desk, "/kb/articles", valid({ body: "Hello **world** <script>alert(1)</script>", _action: "preview" }), 200, "/kb/new");
    const preview = /id="kb-preview">([\s\S]*?)<\/section>/.exec(res.text)![1];
    expect(preview).to.contain("<strong>world</strong>");
    expect(preview).to.not.contain("<script");
    expect(res.text).to.contain("Hello **world** &lt;script&gt;alert(1)&lt;/script&gt;</textarea>");
    expect((await articles()).length).to.equal(before);
  });

  it("creates an article, saves changes on its version (a revision each) and answers a stale save with 409, the typed text kept", async () => {
    const created = await post(desk, "/kb/articles", valid(), 303, "/kb/new");
    const id = Number(/\/kb\/articles\/(\d+)$/.exec(created.headers.location)![1]);
    let a = await ctx.deps.db.getRepository(KbArticle).findOneByOrFail({ id });
    expect([a.title, a.tags, a.status, a.reviewBy, a.version, a.authorId]).to.deep.equal(["Connect to the office Wi-Fi", "wifi,network", "draft", "2027-01-15", 1, agent.id]);
    const edit = await desk.get(`/kb/articles/${id}/edit`).expect(200);
    expect(edit.text).to.contain('name="version" value="1"');
    expect(edit.text).to.contain('value="wifi, network"');
    // someone else saves first
    const theirs = await post(other, `/kb/articles/${id}`, valid({ title: "Office Wi-Fi in two steps", version: "1" }), 303, `/kb/articles/${id}/edit`);
    expect(theirs.headers.location).to.equal(`/kb/articles/${id}`);
    const stale = await desk.post(`/kb/articles/${id}`).type("form").send({ _csrf: csrfFrom(edit.text), ...valid({ body: "My own careful rewrite", version: "1" }) }).expect(409);
    expect(stale.text).to.contain("This article was changed by someone else meanwhile.");
    expect(stale.text).to.contain("My own careful rewrite</textarea>");
    expect(stale.text).to.contain('name="version" value="2"');
    expect(stale.text).to.contain('id="kb-conflict"');
    a = await ctx.deps.db.getRepository(KbArticle).findOneByOrFail({ id });
    expect([a.title, a.version]).to.deep.equal(["Office Wi-Fi in two steps", 2]);
    expect(a.body).to.not.contain("careful rewrite");
    // saving again on the version shown is a deliberate overwrite
    await post(desk, `/kb/articles/${id}`, valid({ body: "My own careful rewrite", version: "2" }), 303);
    a = await ctx.deps.db.getRepository(KbArticle).findOneByOrFail({ id });
    expect([a.title, a.body, a.version]).to.deep.equal(["Connect to the office Wi-Fi", "My own careful rewrite", 3]);
    expect((await revisions(id)).map((r) => r.changed)).to.deep.equal(["created", "title", "title,body"]);
  });

  it("publishes, archives and takes back to draft from the article page; a stale button is a 409", async () => {
    const a = await createArticle(ctx.deps, agent, { title: "Badge reader", body: "Hold the badge still.", audience: "everyone", status: "draft" });
    await emp.get(`/kb/articles/${a.id}`).expect(404);
    const page = await desk.get(`/kb/articles/${a.id}`).expect(200);
    expect(page.text).to.contain('name="status" value="published"');
    await post(desk, `/kb/articles/${a.id}/status`, { status: "published", version: "1" }, 303);
    await emp.get(`/kb/articles/${a.id}`).expect(200);
    const published = await ctx.deps.db.getRepository(KbArticle).findOneByOrFail({ id: a.id });
    expect([published.status, published.reviewerId]).to.deep.equal(["published", agent.id]);
    const stale = await post(desk, `/kb/articles/${a.id}/status`, { status: "archived", version: "1" }, 409);
    expect(stale.text).to.contain("This article was changed by someone else meanwhile.");
    await post(desk, `/kb/articles/${a.id}/status`, { status: "archived", version: "2" }, 303);
    await emp.get(`/kb/articles/${a.id}`).expect(404);
    expect((await emp.get("/kb?q=badge").expect(200)).text).to.not.contain("Badge reader");
    await post(desk, `/kb/articles/${a.id}/status`, { status: "draft", version: "3" }, 303);
    expect((await ctx.deps.db.getRepository(KbArticle).findOneByOrFail({ id: a.id })).status).to.equal("draft");
    await post(desk, `/kb/articles/${a.id}/status`, { status: "gone", version: "4" }, 422);
    await post(desk, "/kb/articles/999999/status", { status: "draft", version: "1" }, 404);
  });

  it("lists the revisions (who, when, what changed in words), shows one sanitised and restores it as a new revision", async () => {
    const a = await createArticle(ctx.deps, agent, { title: "Printer queue", body: "Version one <img src=x onerror=alert(1)>", audience: "everyone", status: "published" });
    await updateArticle(ctx.deps, agent, a.id, { body: "Version two", tags: ["printer"], version: 1 });
    await updateArticle(ctx.deps, agent, a.id, { title: "Printer queue stuck", audience: "agents", version: 2 });
    const list = await desk.get(`/kb/articles/${a.id}/revisions`).expect(200);
    const changed = [...list.text.matchAll(/class="kb-changed">([^<]*)</g)].map((m) => m[1]);
    expect(changed).to.deep.equal(["Title, Audience", "Text, Tags", "Created"]);
    expect(list.text).to.contain("Alice Agent");
    const one = await desk.get(`/kb/articles/${a.id}/revisions/1`).expect(200);
    const body = /id="kb-body">([\s\S]*?)<\/div>/.exec(one.text)![1];
    expect(body).to.contain("Version one");
    expect(body).to.not.match(/onerror/i);
    await desk.get(`/kb/articles/${a.id}/revisions/9`).expect(404);
    await desk.get(`/kb/articles/${a.id}/revisions/x`).expect(404);
    // the revision or the article unknown: restore answers 404 itself
    await post(desk, `/kb/articles/${a.id}/revisions/9/restore`, { version: "3" }, 404);
    await post(desk, "/kb/articles/999999/revisions/1/restore", { version: "1" }, 404);
    await post(desk, `/kb/articles/${a.id}/revisions/1/restore`, { version: "1" }, 409);
    await post(desk, `/kb/articles/${a.id}/revisions/1/restore`, { version: "3" }, 303);
    const back = await ctx.deps.db.getRepository(KbArticle).findOneByOrFail({ id: a.id });
    expect([back.title, back.body, back.tags, back.audience, back.version]).to.deep.equal(["Printer queue", "Version one <img src=x onerror=alert(1)>", null, "everyone", 4]);
    const revs = await revisions(a.id);
    expect(revs.map((r) => [r.number, r.note])).to.deep.equal([[1, null], [2, null], [3, null], [4, "restored:1"]]);
    const after = await desk.get(`/kb/articles/${a.id}/revisions`).expect(200);
    expect(after.text).to.contain("Restored from revision 1");
  });

  it("shows where a draft came from: the ticket it was written from, the problem it is the known error of", async () => {
    const requester = await makeUser(ctx.deps, { username: "kbe-req" });
    const ticket = await makeTicket(ctx.deps, requester, { title: "Outlook keeps asking for a password" });
    const n2 = await makeAgent(ctx.deps, 2, { username: "kbe-n2b" });
    const problem = await createProblem(ctx.deps, n2, { title: "Mail sign-in loop", description: "Token cache corrupt." });
    const a = await createArticle(ctx.deps, agent, { title: "Outlook password loop", body: "Clear the token cache.", audience: "everyone", status: "draft" },
      { sourceTicketId: ticket.id, problemId: problem.id });
    const edit = await desk.get(`/kb/articles/${a.id}/edit`).expect(200);
    const number = formatNumber("incident", ticket.id);
    expect(edit.text).to.contain(`Written from <a href="/tickets/${number}">${number}</a>`);
    expect(edit.text).to.match(/Known error of <a href="\/problems\/PRB-0+\d+">PRB-0+\d+<\/a>/);
  });

  it("uploads files to an article, gives each its Markdown, serves them and deletes them", async () => {
    const a = await createArticle(ctx.deps, agent, { title: "Screen flicker", body: "See below.", audience: "everyone", status: "published" });
    const fresh = await desk.get("/kb/new").expect(200);
    expect(fresh.text).to.contain("Save the article first");
    const edit = await desk.get(`/kb/articles/${a.id}/edit`).expect(200);
    const token = csrfFrom(edit.text);
    const res = await desk.post(`/kb/articles/${a.id}/files`).field("_csrf", token)
      .attach("attachments", Buffer.from("89504e470d0a1a0a", "hex"), { filename: "cable (1).png", contentType: "image/png" })
      .attach("attachments", Buffer.from("plain words"), { filename: "notes.txt", contentType: "text/plain" }).expect(303);
    expect(res.headers.location).to.equal(`/kb/articles/${a.id}/edit#files`);
    const [png, txt] = await ctx.deps.db.getRepository(KbAttachment).find({ where: { articleId: a.id }, order: { id: "ASC" } });
    expect(png.storageKey).to.match(/^[0-9a-f]{48}$/);
    const page = await desk.get(`/kb/articles/${a.id}/edit`).expect(200);
    expect(page.text).to.contain(`value="![cable (1).png](/kb/files/${png.id}/cable%20%281%29.png)"`);
    expect(page.text).to.contain(`value="[notes.txt](/kb/files/${txt.id}/notes.txt)"`);
    const img = await emp.get(`/kb/files/${png.id}/cable%20%281%29.png`).expect(200);
    expect(img.headers["content-disposition"]).to.match(/^inline;/);
    const text = await emp.get(`/kb/files/${txt.id}/notes.txt`).expect(200);
    expect(text.headers["content-disposition"]).to.match(/^attachment;/);
    expect(text.text).to.equal("plain words");
    // refused uploads: nothing chosen, a type outside the allow-list, no CSRF token
    const none = await desk.post(`/kb/articles/${a.id}/files`).field("_csrf", token).expect(422);
    expect(none.text).to.contain('id="attachments-error"');
    await desk.post(`/kb/articles/${a.id}/files`).field("_csrf", token)
      .attach("attachments", Buffer.from("#!/bin/sh"), { filename: "run.sh", contentType: "application/x-sh" }).expect(422);
    await desk.post(`/kb/articles/${a.id}/files`)
      .attach("attachments", Buffer.from("x"), { filename: "x.txt", contentType: "text/plain" }).expect(403);
    expect(await ctx.deps.db.getRepository(KbAttachment).countBy({ articleId: a.id })).to.equal(2);
    await post(desk, `/kb/files/${txt.id}/delete`, {}, 303);
    await emp.get(`/kb/files/${txt.id}/notes.txt`).expect(404);
    expect(await ctx.deps.db.getRepository(KbAttachment).countBy({ articleId: a.id })).to.equal(1);
    await post(desk, "/kb/files/999999/delete", {}, 404);
    // each change of files is in the article's history; the refused uploads left none
    const revs = await ctx.deps.db.getRepository(KbRevision).find({ where: { articleId: a.id, changed: "files" }, order: { number: "ASC" } });
    expect(revs.map((r) => r.note)).to.deep.equal(["+ cable (1).png\n+ notes.txt", "− notes.txt"]);
    expect((await desk.get(`/kb/articles/${a.id}/revisions`).expect(200)).text).to.contain("Files");
  });

  it("manages the categories: add (a taken name is a 422 on the form), rename, describe, order, withdraw and show again", async () => {
    await post(desk, "/kb/categories", { name: "Hardware", description: "Screens, docks" }, 303, "/kb/categories");
    await post(desk, "/kb/categories", { name: "Software", description: "", position: "" }, 303, "/kb/categories");
    const taken = await post(desk, "/kb/categories", { name: "hardware" }, 422, "/kb/categories");
    expect(errorOf(taken.text, "name")).to.equal("Another category has this name.");
    expect(taken.text).to.match(/id="f-name" name="name" type="text"\s+value="hardware"/);
    const [hw, sw] = await ctx.deps.db.getRepository(KbCategory).find({ order: { id: "ASC" } });
    expect([hw.position, sw.position]).to.deep.equal([1, 2]);
    const clash = await post(desk, `/kb/categories/${sw.id}`, { name: "Hardware", description: "", position: "2" }, 422, "/kb/categories");
    expect(clash.text).to.contain(`id="cat_${sw.id}_name-error"`);
    const bad = await post(desk, `/kb/categories/${sw.id}`, { name: "Software", position: "first" }, 422, "/kb/categories");
    expect(bad.text).to.contain(`id="cat_${sw.id}_position-error"`);
    await post(desk, `/kb/categories/${sw.id}`, { name: "Software and licences", description: "Installing apps", position: "0" }, 303, "/kb/categories");
    const a = await createArticle(ctx.deps, agent, { title: "Install Teams", body: "From the company portal.", audience: "everyone", status: "published", categoryId: sw.id });
    let home = await emp.get("/kb").expect(200);
    expect(home.text).to.contain("Software and licences");
    await post(desk, `/kb/categories/${sw.id}/active`, { active: "0" }, 303, "/kb/categories");
    home = await emp.get("/kb").expect(200);
    expect(home.text).to.not.contain("Software and licences");
    await emp.get(`/kb/articles/${a.id}`).expect(200);
    const manage = await desk.get("/kb/categories").expect(200);
    expect(manage.text).to.contain("Show again");
    await post(desk, `/kb/categories/${sw.id}/active`, { active: "1" }, 303, "/kb/categories");
    const [h2, s2] = await ctx.deps.db.getRepository(KbCategory).find({ order: { id: "ASC" } });
    expect([h2.name, s2.name, s2.description, s2.position, s2.active]).to.deep.equal(["Hardware", "Software and licences", "Installing apps", 0, true]);
    await post(desk, "/kb/categories/999999", { name: "Nope" }, 404, "/kb/categories");
  });
});
