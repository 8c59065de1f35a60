import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import { refusal } from "../helpers/refusal";
import type { Actor } from "../../src/access/actor";
import { createArticle, type ArticleInput } from "../../src/modules/kb/commands/save-article";
import { articlesToReview } from "../../src/modules/kb/queries/list-articles";
import { createKbCategory, setKbCategoryActive } from "../../src/modules/kb/commands/categories";
import { KbArticle, KbAttachment, KbDeflection, KbFeedback } from "../../src/modules/kb/kb.entity";

describe("HTTP: the knowledge base pages (portal and desk)", () => {
  let ctx: TestContext;
  let agent: Actor;
  let employee: Actor;
  let emp: Agent;
  let desk: Agent;
  let admin: Agent;
  let network: number;
  let internal: number;
  const ids: Record<string, number> = {};

  const article = async (over: Partial<ArticleInput> & { title: string }) =>
    (await createArticle(ctx.deps, agent, { body: `How to fix: ${over.title}.`, audience: "everyone", status: "published", ...over })).id;
  const row = (id: number) => ctx.deps.db.getRepository(KbArticle).findOneByOrFail({ id });

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    agent = await makeAgent(ctx.deps, 1, { username: "kbp-agent", name: "Alice Agent" });
    employee = await makeUser(ctx.deps, { username: "kbp-emp", name: "Emma Employee" });
    await makeUser(ctx.deps, { username: "kbp-emp2" });
    await makeUser(ctx.deps, { username: "kbp-admin", role: "admin" });
    network = (await createKbCategory(ctx.deps, agent, { name: "Network and VPN", description: "Connecting from anywhere", position: 1 })).id;
    internal = (await createKbCategory(ctx.deps, agent, { name: "Desk procedures", description: null, position: 2 })).id;
    ids.public = await article({ title: "VPN drops every hour", categoryId: network, summary: "Reconnect in two clicks", tags: ["vpn", "remote"] });
    ids.agents = await article({ title: "VPN gateway restart procedure", categoryId: network, audience: "agents" });
    ids.draft = await article({ title: "VPN client upgrade notes", categoryId: network, status: "draft" });
    ids.archived = await article({ title: "VPN old portal address", categoryId: network, status: "archived" });
    ids.deskOnly = await article({ title: "Escalation checklist", categoryId: internal, audience: "agents" });
    [emp, desk, admin] = await Promise.all([signIn(ctx.app, "kbp-emp"), signIn(ctx.app, "kbp-agent"), signIn(ctx.app, "kbp-admin")]);
  });

  it("shows an employee the categories with their readable articles, the popular ones and no editor controls", async () => {
    const page = await emp.get("/kb").expect(200);
    expect(page.text).to.contain("Network and VPN");
    expect(page.text).to.match(/data-category="\d+"[\s\S]*?Articles: 1</);
    // a category with only agent-only articles is not offered to an employee
    expect(page.text).to.not.contain("Desk procedures");
    expect(page.text).to.contain("VPN drops every hour");
    for (const hidden of ["VPN gateway restart procedure", "VPN client upgrade notes", "VPN old portal address", "Escalation checklist"]) {
      expect(page.text, hidden).to.not.contain(hidden);
    }
    expect(page.text).to.not.contain('id="kb-new"');
    expect(page.text).to.not.contain('name="status"');
    expect(page.text).to.contain('href="/kb" id="nav-kb"');
    const home = await emp.get("/portal").expect(200);
    expect(home.text).to.contain('id="kb-find"');
    expect(home.text).to.match(/<form method="get" action="\/kb" role="search"/);
  });

  it("shows the editors (agent, admin) the same page with drafts' filter, agent-only badges and the New article button", async () => {
    for (const who of [desk, admin]) {
      const page = await who.get("/kb").expect(200);
      expect(page.text).to.contain('id="kb-new"');
      expect(page.text).to.contain('name="status"');
      expect(page.text).to.contain("Desk procedures");
      expect(page.text).to.match(/data-category="\d+"[\s\S]*?Articles: 2</);
      expect(page.text).to.contain("VPN gateway restart procedure");
      expect(page.text).to.contain("Agents only");
      // drafts and archived ones only when asked for
      expect(page.text).to.not.contain("VPN client upgrade notes");
    }
    const drafts = await desk.get("/kb?status=draft").expect(200);
    expect(drafts.text).to.contain("VPN client upgrade notes");
    expect(drafts.text).to.not.contain("VPN old portal address");
    const all = await desk.get("/kb?status=all").expect(200);
    for (const title of ["VPN client upgrade notes", "VPN old portal address", "VPN drops every hour"]) expect(all.text).to.contain(title);
    // the employee's filter is ignored
    const tried = await emp.get("/kb?status=draft").expect(200);
    expect(tried.text).to.not.contain("VPN client upgrade notes");
  });

  it("lists for the editors the articles whose review date has come (today included), never archived ones; not for an employee", async () => {
    await article({ title: "Review overdue guide", reviewBy: "2026-11-01" });
    await article({ title: "Review today guide", reviewBy: "2026-11-23", audience: "agents" });
    await article({ title: "Review later guide", reviewBy: "2027-05-01" });
    await article({ title: "Review archived guide", reviewBy: "2026-10-01", status: "archived" });
    const page = await desk.get("/kb").expect(200);
    const review = /id="kb-review">([\s\S]*?)<\/section>/.exec(page.text)![1];
    expect([...review.matchAll(/>(Review [a-z]+ guide)</g)].map((m) => m[1])).to.deep.equal(["Review overdue guide", "Review today guide"]);
    expect(review).to.contain("Review by 1 Nov 2026");
    expect((await emp.get("/kb").expect(200)).text).to.not.contain('id="kb-review"');
    // the query itself is the editors': an employee asking it is refused, whatever the page does
    expect(await refusal(articlesToReview(ctx.deps.db, employee, "2026-11-23"))).to.include({ status: 403, code: "forbidden" });
  });

  it("searches with highlighted titles and snippets, in the reader's audience", async () => {
    const mine = await emp.get("/kb?q=vpn").expect(200);
    expect(mine.text).to.contain("<mark>VPN</mark> drops every hour");
    expect(mine.text).to.not.contain("gateway restart");
    expect(mine.text).to.not.contain("upgrade notes");
    const theirs = await desk.get("/kb?q=vpn").expect(200);
    expect(theirs.text).to.contain("gateway restart");
    expect(theirs.text).to.not.contain("upgrade notes");
    const drafts = await desk.get("/kb?q=vpn&status=draft").expect(200);
    expect(drafts.text).to.contain("upgrade notes");
    expect(drafts.text).to.not.contain("drops every hour");
    const none = await emp.get("/kb?q=zzzqqq").expect(200);
    expect(none.text).to.contain('href="/portal/new?type=incident"');
    const tried = await emp.get("/kb?q=vpn&status=all").expect(200);
    expect(tried.text).to.not.contain("upgrade notes");
  });

  it("gives an employee a 404 for an agent-only, draft or archived article by its URL; editors read them", async () => {
    for (const key of ["agents", "draft", "archived", "deskOnly"]) {
      await emp.get(`/kb/articles/${ids[key]}`).expect(404);
      await desk.get(`/kb/articles/${ids[key]}`).expect(200);
    }
    await emp.get("/kb/articles/999999").expect(404);
    await emp.get("/kb/articles/abc").expect(404);
    const page = await emp.get(`/kb/articles/${ids.public}`).expect(200);
    expect(page.text).to.contain("Reconnect in two clicks");
    expect(page.text).to.contain("Network and VPN");
    expect(page.text).to.not.contain('id="kb-editor-facts"');
    expect(page.text).to.not.contain("/edit");
  });

  it("opens to an employee only a category holding an article they may read (404 kb_category_not_found otherwise); editors open any", async () => {
    // "Desk procedures" holds only an agent-only article; an empty category has nothing to read either
    const empty = (await createKbCategory(ctx.deps, agent, { name: "Coming soon", description: null, position: 9 })).id;
    for (const id of [internal, empty]) {
      await emp.get(`/kb/categories/${id}`).expect(404);
      const page = await desk.get(`/kb/categories/${id}`).expect(200);
      expect(page.text).to.contain(id === internal ? "Escalation checklist" : "Coming soon");
    }
    const open = await emp.get(`/kb/categories/${network}`).expect(200);
    expect(open.text).to.contain("VPN drops every hour").and.not.contain("VPN gateway restart procedure");
  });

  it("lists a category's readable articles a page at a time; a withdrawn category is a 404 for an employee", async () => {
    const cat = (await createKbCategory(ctx.deps, agent, { name: "Printers", description: null, position: 3 })).id;
    for (let i = 1; i <= 27; i++) await article({ title: `Printer tip ${String(i).padStart(2, "0")}`, categoryId: cat });
    await article({ title: "Printer secret for agents", categoryId: cat, audience: "agents" });
    const first = await emp.get(`/kb/categories/${cat}`).expect(200);
    expect(first.text).to.contain("Printer tip 27");
    expect(first.text).to.not.contain("Printer secret for agents");
    const next = /href="(\/kb\/categories\/\d+\?status=published&amp;before=\d+)"/.exec(first.text)![1].replace(/&amp;/g, "&");
    const second = await emp.get(next).expect(200);
    expect(second.text).to.contain("Printer tip 01");
    expect(second.text).to.not.contain("Printer tip 27");
    expect(second.text).to.not.contain("before=");
    const shown = [...`${first.text}${second.text}`.matchAll(/Printer tip \d\d/g)].map((m) => m[0]);
    expect(new Set(shown).size).to.equal(27);
    await emp.get("/kb/categories/999999").expect(404);
    // withdrawn: gone from the pages, its articles still readable
    await setKbCategoryActive(ctx.deps, agent, cat, false);
    await emp.get(`/kb/categories/${cat}`).expect(404);
    await desk.get(`/kb/categories/${cat}`).expect(200);
    expect((await emp.get("/kb").expect(200)).text).to.not.contain("Printers");
    const tip = /href="\/kb\/articles\/(\d+)">Printer tip 01</.exec(second.text)![1];
    expect((await emp.get(`/kb/articles/${tip}`).expect(200)).text).to.not.contain('href="/kb/categories/');
  });

  it("counts each employee's reading of a published article; never an editor's look, the page after an answer, a HEAD", async () => {
    const before = (await row(ids.public)).views;
    await emp.get(`/kb/articles/${ids.public}`).expect(200);
    await emp.get(`/kb/articles/${ids.public}`).expect(200);
    expect((await row(ids.public)).views).to.equal(before + 2);
    // editors checking or fixing an article are not readers looking for an answer
    await desk.get(`/kb/articles/${ids.public}`).expect(200);
    await admin.get(`/kb/articles/${ids.public}`).expect(200);
    // the page the "was this helpful?" answer lands on, and a link checker's HEAD
    const sent = await emp.post(`/kb/articles/${ids.public}/feedback`).type("form")
      .send({ _csrf: await csrf(emp, "/kb"), helpful: "yes" }).expect(303);
    await emp.get(sent.headers.location).expect(200);
    await emp.head(`/kb/articles/${ids.public}`).expect(200);
    expect((await row(ids.public)).views).to.equal(before + 2);
    await desk.get(`/kb/articles/${ids.draft}`).expect(200);
    await desk.get(`/kb/articles/${ids.draft}`).expect(200);
    expect((await row(ids.draft)).views).to.equal(0);
    const hidden = (await row(ids.agents)).views;
    await emp.get(`/kb/articles/${ids.agents}`).expect(404);
    expect((await row(ids.agents)).views).to.equal(hidden);
    const popular = await emp.get("/kb").expect(200);
    expect(popular.text).to.match(/id="kb-popular"[\s\S]*VPN drops every hour/);
  });

  it("keeps the yes/no counters exact as answers are given and changed, one answer a person", async () => {
    const id = await article({ title: "Reset your password" });
    const answer = async (who: Agent, body: Record<string, string>, status = 303) =>
      who.post(`/kb/articles/${id}/feedback`).type("form").send({ _csrf: await csrf(who, `/kb/articles/${id}`), ...body }).expect(status);
    const counts = async () => { const a = await row(id); return [a.helpfulYes, a.helpfulNo]; };
    const res = await answer(emp, { helpful: "yes" });
    expect(res.headers.location).to.equal(`/kb/articles/${id}?fb=1#feedback`);
    const after = await emp.get(`/kb/articles/${id}`).expect(200);
    expect(after.text).to.contain("Thank you for your answer.");
    expect(after.text).to.contain('id="my-answer"');
    expect(await counts()).to.deep.equal([1, 0]);
    await answer(emp, { helpful: "yes", comment: "Worked at once" });
    expect(await counts()).to.deep.equal([1, 0]);
    await answer(emp, { helpful: "no", comment: "It came back the next day" });
    expect(await counts()).to.deep.equal([0, 1]);
    const other = await signIn(ctx.app, "kbp-emp2");
    await answer(other, { helpful: "yes" });
    expect(await counts()).to.deep.equal([1, 1]);
    await answer(emp, { helpful: "yes" });
    expect(await counts()).to.deep.equal([2, 0]);
    expect(await ctx.deps.db.getRepository(KbFeedback).countBy({ articleId: id })).to.equal(2);
    await answer(emp, { helpful: "maybe" }, 422);
    expect(await counts()).to.deep.equal([2, 0]);
    // an article the reader may not read takes no answer
    await emp.post(`/kb/articles/${ids.agents}/feedback`).type("form").send({ _csrf: await csrf(emp, "/kb"), helpful: "yes" }).expect(404);
    expect((await row(ids.agents)).helpfulYes).to.equal(0);
    await answer(other, { helpful: "no", comment: "Too long to read" });
    await ctx.deps.db.getRepository(KbDeflection).insert([1, 2].map(() => ({ articleId: id, userId: null, query: "password", createdAt: ctx.clock.now() })));
    const facts = await desk.get(`/kb/articles/${id}`).expect(200);
    expect(facts.text).to.match(/id="kb-helpful">Yes 1 · No 1</);
    expect(facts.text).to.match(/id="kb-deflections">2</);
    expect(facts.text).to.contain("Too long to read");
    expect(facts.text).to.contain('id="kb-edit"');
  });

  it("renders an article's body sanitised: no script, no event handler, no javascript: link", async () => {
    const payloads = [
      "<script>alert('x1')</script>",
      "<img src=x onerror=alert('x2')>",
      "[click me](javascript:alert('x3'))",
      "<a href=\"JaVaScRiPt:alert('x4')\">x4</a>",
      "<svg onload=alert('x5')><circle r=5></circle></svg>",
      "<iframe src=\"javascript:alert('x6')\"></iframe>",
      "<p style=\"background:url(javascript:alert('x7'))\" onclick=\"alert('x8')\">styled</p>",
      "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    ];
    const id = await article({ title: "<script>alert('t')</script> Wi-Fi guide", body: `# Wi-Fi\n\n${payloads.join("\n\n")}\n\n**Bold** stays.`, summary: "<b onmouseover=alert(1)>hi</b>" });
    for (const who of [emp, desk]) {
      const page = await who.get(`/kb/articles/${id}`).expect(200);
      const body = /<div class="kb-body" id="kb-body">([\s\S]*?)<\/div>/.exec(page.text)![1];
      expect(body).to.contain("<strong>Bold</strong>");
      expect(body).to.not.match(/<script|<svg|<iframe|<style/i);
      expect(page.text).to.not.match(/<[^>]+\son[a-z]+\s*=/i);
      expect(page.text).to.not.match(/(href|src|action)\s*=\s*["']?\s*(javascript|data):/i);
      expect(page.text).to.not.match(/<script(?![^>]*src="\/public\/)/i);
      expect(page.text).to.contain("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Wi-Fi guide");
    }
    const search = await emp.get("/kb?q=wifi").expect(200);
    expect(search.text).to.not.match(/<script(?![^>]*src="\/public\/)/i);
    expect(search.text).to.not.match(/<[^>]+\son[a-z]+\s*=/i);
  });

  describe("files", () => {
    /** A file on disk under a random name, as the upload middleware leaves it. */
    const store = (content: string | Buffer) => {
      const key = crypto.randomBytes(24).toString("hex");
      fs.mkdirSync(ctx.config.uploadDir, { recursive: true });
      fs.writeFileSync(path.join(ctx.config.uploadDir, key), content);
      return key;
    };
    const attach = async (articleId: number, filename: string, mimeType: string, content: string | Buffer) =>
      (await ctx.deps.db.getRepository(KbAttachment).save({ articleId, filename, mimeType, size: content.length, storageKey: store(content), uploadedById: agent.id, createdAt: ctx.clock.now() })).id;

    it("serves a file with nosniff and a sandbox CSP; raster images inline, SVG and the rest as downloads", async () => {
      const png = await attach(ids.public, "screen shot.png", "image/png", Buffer.from("89504e470d0a1a0a", "hex"));
      const svg = await attach(ids.public, "diagram.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>");
      const pdf = await attach(ids.public, "guide.pdf", "application/pdf", "%PDF-1.4");
      const img = await emp.get(`/kb/files/${png}/screen%20shot.png`).expect(200);
      expect(img.headers["x-content-type-options"]).to.equal("nosniff");
      expect(img.headers["content-security-policy"]).to.equal("default-src 'none'; sandbox");
      expect(img.headers["content-type"]).to.equal("image/png");
      expect(img.headers["content-disposition"]).to.match(/^inline; filename="screen shot\.png"$/);
      const vector = await emp.get(`/kb/files/${svg}/diagram.svg`).expect(200);
      expect(vector.headers["content-disposition"]).to.match(/^attachment; filename="?diagram\.svg"?$/);
      expect(vector.headers["content-security-policy"]).to.equal("default-src 'none'; sandbox");
      expect(vector.headers["x-content-type-options"]).to.equal("nosniff");
      const doc = await emp.get(`/kb/files/${pdf}/guide.pdf`).expect(200);
      expect(doc.headers["content-disposition"]).to.match(/^attachment; filename="?guide\.pdf"?$/);
      const page = await emp.get(`/kb/articles/${ids.public}`).expect(200);
      expect(page.text).to.contain(`href="/kb/files/${png}/screen%20shot.png"`);
      expect(page.text).to.contain("guide.pdf");
    });

    it("refuses the files of an article the reader may not read (404), and unknown files", async () => {
      const secret = await attach(ids.agents, "gateway.png", "image/png", Buffer.from("89504e47", "hex"));
      const draft = await attach(ids.draft, "draft.txt", "text/plain", "draft");
      await emp.get(`/kb/files/${secret}/gateway.png`).expect(404);
      await emp.get(`/kb/files/${draft}/draft.txt`).expect(404);
      await desk.get(`/kb/files/${secret}/gateway.png`).expect(200);
      await emp.get("/kb/files/999999/x.png").expect(404);
      await emp.get("/kb/files/abc/x.png").expect(404);
    });
  });

  it("speaks French to a French reader", async () => {
    await makeUser(ctx.deps, { username: "kbp-fr", locale: "fr" });
    const fr = await signIn(ctx.app, "kbp-fr");
    const page = await fr.get("/kb").expect(200);
    expect(page.text).to.contain("Base de connaissances");
    expect(page.text).to.contain("Articles\u00a0: 1");
    const art = await fr.get(`/kb/articles/${ids.public}`).expect(200);
    expect(art.text).to.contain("Cet article a-t-il résolu votre problème\u00a0?");
  });
});
