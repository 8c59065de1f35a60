import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import type { Actor } from "../../src/access/actor";
import { ManualClock } from "../../src/platform/clock";
import { KbArticle, KbCategory, KbRevision, loadKbDemo, searchArticles } from "../../src/modules/kb";
import { KB_DEMO_ARTICLES, KB_DEMO_CATEGORIES, KB_DEMO_PROBLEM } from "../../src/modules/kb/demo-kb-data";
import { Problem } from "../../src/modules/problems/problem.entity";

const DAY = 24 * 3600_000;

/**
 * The demo's knowledge base on its own (the whole demo replays 200 tickets: see demo.test.ts):
 * written by the demo technicians through the real commands, bilingual, one agent-only
 * article, one draft, a known error from a problem; a second run adds nothing.
 */
describe("integration: the demo knowledge base (loadKbDemo)", () => {
  let ctx: TestContext;
  let actors: Map<string, Actor>;
  let clock: ManualClock;
  const repo = <T extends object>(e: new () => T) => ctx.deps.db.getRepository(e);

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    actors = new Map();
    for (const u of ["julie.petit", "mehdi.haddad"]) actors.set(u, await makeAgent(ctx.deps, 1, { username: u }));
    for (const u of ["antoine.roux", "laura.fontaine"]) actors.set(u, await makeAgent(ctx.deps, 2, { username: u }));
    for (const u of ["nicolas.garnier", "hannah.becker"]) actors.set(u, await makeAgent(ctx.deps, 3, { username: u }));
    actors.set("isabelle.mercier", await makeUser(ctx.deps, { username: "isabelle.mercier", role: "supervisor" }));
    clock = new ManualClock(ctx.clock.now());
    const first = await loadKbDemo({ ...ctx.deps, clock }, actors, ctx.clock.now().getTime());
    expect(first).to.deep.equal({ categories: 5, articles: KB_DEMO_ARTICLES.length + 1 });
  });

  it("has the five categories in order and about fifteen articles in French and English, dated in the past", async () => {
    expect((await repo(KbCategory).find({ order: { position: "ASC" } })).map((c) => c.name)).to.deep.equal(KB_DEMO_CATEGORIES.map((c) => c.name));
    const articles = await repo(KbArticle).find();
    expect(articles.length).to.be.within(14, 20);
    const titles = articles.map((a) => a.title);
    expect(titles).to.include.members(["Imprimante : le document reste bloqué dans la file d’impression", "Printer: jobs stuck in the queue"]);
    expect(articles.every((a) => a.categoryId !== null && a.createdAt.getTime() < ctx.clock.now().getTime())).to.equal(true);
    expect(articles.filter((a) => a.audience === "agents").map((a) => a.status)).to.deep.equal(["published"]);
    expect(articles.filter((a) => a.status === "draft")).to.have.length(1);
    expect(clock.now().getTime()).to.equal(ctx.clock.now().getTime());
    expect((await repo(KbArticle).findOneByOrFail({ title: "Printer: jobs stuck in the queue" })).createdAt.getTime()).to.equal(ctx.clock.now().getTime() - 54 * DAY);
  });

  it("publishes the known problem's workaround as its known-error article, filed under Known errors", async () => {
    const p = await repo(Problem).findOneByOrFail({ title: KB_DEMO_PROBLEM.title });
    expect([p.status, p.workaround]).to.deep.equal(["known_error", KB_DEMO_PROBLEM.workaround]);
    const a = await repo(KbArticle).findOneByOrFail({ problemId: p.id });
    const known = await repo(KbCategory).findOneByOrFail({ name: KB_DEMO_CATEGORIES[4].name });
    expect(a).to.deep.include({ title: `Known error: ${KB_DEMO_PROBLEM.title}`, status: "published", audience: "everyone", tags: "known-error", categoryId: known.id });
    expect((await repo(KbRevision).findBy({ articleId: a.id })).map((r) => r.changed).sort()).to.deep.equal(["categoryId", "created"]);
  });

  it("is found by the search, in the reader's audience", async () => {
    const employee = await makeUser(ctx.deps, { username: "kd-emp" });
    const hits = await searchArticles(ctx.deps.db, employee, "imprimante bloquée", { limit: 5 });
    expect(hits[0].title).to.equal("Imprimante : le document reste bloqué dans la file d’impression");
    expect((await searchArticles(ctx.deps.db, employee, "spouleur", { limit: 5 })).map((h) => h.title)).to.deep.equal([]);
    expect((await searchArticles(ctx.deps.db, actors.get("julie.petit")!, "spouleur", { limit: 5 })).map((h) => h.audience)).to.deep.equal(["agents"]);
  });

  it("a second run adds no category, article, revision or problem", async () => {
    const counts = async () => [await repo(KbCategory).count(), await repo(KbArticle).count(), await repo(KbRevision).count(), await repo(Problem).count()];
    const before = await counts();
    const again = await loadKbDemo({ ...ctx.deps, clock }, actors, ctx.clock.now().getTime());
    expect(await counts()).to.deep.equal(before);
    expect(again.articles).to.equal(before[1]);
  });
});
