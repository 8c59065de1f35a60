import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import { csrf, signIn } from "../helpers/http";
import { refusal } from "../helpers/refusal";
import type { Actor } from "../../src/access/actor";
import { KbArticle, KbRevision, knownErrorArticleOf, publishKnownError, renderArticle } from "../../src/modules/kb";
import { createProblem, publishWorkaround, resolveProblem } from "../../src/modules/problems/commands/problem-commands";
import { formatProblemNumber } from "../../src/modules/problems/problem.entity";

/**
 * A problem's workaround published as its known-error article, from the problem page:
 * created the first time, a new revision of the same article afterwards; refused without
 * a workaround, on a resolved problem, and to whoever may not edit problems.
 */
describe("HTTP: known-error articles from a problem's page", () => {
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  let n2: Actor;
  let admin: Actor;
  const articles = () => ctx.deps.db.getRepository(KbArticle).find({ order: { id: "ASC" } });
  const revisions = (articleId: number) => ctx.deps.db.getRepository(KbRevision).find({ where: { articleId }, order: { number: "ASC" } });
  const problemWithWorkaround = async (workaround: string | null) => {
    const p = await createProblem(ctx.deps, n2, { title: "VPN drops every hour", description: "Since Monday the VPN disconnects.\nLyon and Lille are hit." });
    if (workaround) await publishWorkaround(ctx.deps, n2, p.id, { text: workaround, notifyRequesters: false });
    return { p, url: `/problems/${formatProblemNumber(p.id)}` };
  };

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "ke-emp" });
    n1 = await makeAgent(ctx.deps, 1, { username: "ke-n1" });
    n2 = await makeAgent(ctx.deps, 2, { username: "ke-n2", name: "Hugo Lambert" });
    admin = await makeUser(ctx.deps, { username: "ke-admin", role: "admin" });
  });

  it("publishes the workaround as a new article, then updates that same article (revision 2); the page links to it", async () => {
    const { p, url } = await problemWithWorkaround("Use the <backup> VPN profile.\nThen reconnect.");
    const agent = await signIn(ctx.app, "ke-n2");
    let page = await agent.get(url).expect(200);
    expect(page.text).to.contain("Publish the workaround as a known-error article").and.not.contain("Known error:");
    const token = await csrf(agent, url);
    const first = await agent.post(`${url}/known-error-article`).type("form").send({ _csrf: token, audience: "everyone" }).expect(303);
    expect(first.headers.location).to.equal(url);

    const [a] = await articles();
    expect(a).to.deep.include({
      title: "Known error: VPN drops every hour", problemId: p.id, status: "published", audience: "everyone", tags: "known-error", version: 1, authorId: n2.id,
    });
    expect(a.body).to.equal([
      "## Symptoms", "", "Since Monday the VPN disconnects.  ", "Lyon and Lille are hit.", "",
      "## Workaround", "", "Use the \\<backup> VPN profile.  ", "Then reconnect.", "",
      "## Status", "", "This is a known error. The workaround above gets you going again while a permanent fix is being worked on; this article will say when it is in place.", "",
    ].join("\n"));
    // what the agent typed reads the same once rendered: the "<" kept, the line break kept
    expect(renderArticle(a.body)).to.contain("Use the &lt;backup&gt; VPN profile.<br />\nThen reconnect.");

    page = await agent.get(url).expect(200);
    expect(page.text).to.contain("The known-error article is published.").and.contain(`href="/kb/articles/${a.id}"`)
      .and.contain(">Known error: VPN drops every hour</a>").and.contain("last published")
      .and.contain("Update the known-error article").and.not.contain("Publish the workaround as a known-error article");

    // the workaround changes: published again, the same article gets a new revision (and keeps an editor's tag)
    await ctx.deps.db.getRepository(KbArticle).update({ id: a.id }, { tags: "vpn,known-error" });
    await publishWorkaround(ctx.deps, n2, p.id, { text: "Use the Lyon VPN gateway.", notifyRequesters: false });
    ctx.clock.set(new Date("2026-11-23T10:30:00Z"));
    await agent.post(`${url}/known-error-article`).type("form").send({ _csrf: token, audience: "agents" }).expect(303);
    const after = await articles();
    expect(after).to.have.length(1);
    expect(after[0]).to.deep.include({ id: a.id, version: 2, audience: "agents", tags: "vpn,known-error", status: "published" });
    expect(after[0].body).to.contain("Use the Lyon VPN gateway.").and.not.contain("backup");
    expect(after[0].updatedAt.toISOString()).to.equal("2026-11-23T10:30:00.000Z");
    expect((await revisions(a.id)).map((r) => [r.number, r.changed, r.actorId])).to.deep.equal([[1, "created", n2.id], [2, "body,audience", n2.id]]);
    expect((await agent.get(url).expect(200)).text).to.contain("The known-error article is up to date.");

    // archived in the knowledge base: the problem's page says so, in the knowledge base's words
    await ctx.deps.db.getRepository(KbArticle).update({ id: a.id }, { status: "archived" });
    expect((await agent.get(url).expect(200)).text).to.match(/not published<\/span>\s*<span class="badge [^"]*">Archived</);
  });

  it("finds a problem's known-error article in the reader's scope: an agent-only or unpublished one is not an employee's", async () => {
    const { p } = await problemWithWorkaround("Use the backup VPN profile.");
    const { article } = await publishKnownError(ctx.deps, n2, p.id, "agents");
    expect(await knownErrorArticleOf(ctx.deps.db, n1, p.id)).to.include({ id: article.id, audience: "agents", status: "published" });
    expect(await knownErrorArticleOf(ctx.deps.db, emp, p.id)).to.equal(null);
    await publishKnownError(ctx.deps, n2, p.id, "everyone");
    expect(await knownErrorArticleOf(ctx.deps.db, emp, p.id)).to.include({ id: article.id, audience: "everyone" });
    await ctx.deps.db.getRepository(KbArticle).update({ id: article.id }, { status: "draft" });
    expect(await knownErrorArticleOf(ctx.deps.db, emp, p.id)).to.equal(null);
    expect(await knownErrorArticleOf(ctx.deps.db, admin, p.id)).to.include({ id: article.id, status: "draft" });
  });

  it("writes the article in the desk's default language", async () => {
    const { p } = await problemWithWorkaround("Utilisez le profil VPN de secours.");
    const fr = { ...ctx.deps, config: { ...ctx.deps.config, defaultLocale: "fr" as const } };
    const { article, created } = await publishKnownError(fr, n2, p.id, "everyone");
    expect(created).to.equal(true);
    expect(article.title).to.equal("Erreur connue\u00a0: VPN drops every hour");
    expect(article.body).to.match(/^## Symptômes\n/).and.contain("## Solution de contournement\n").and.contain("## État\n");
  });

  it("422 no_workaround without a workaround (the page again, with the message); 409 problem_closed once resolved", async () => {
    const { p, url } = await problemWithWorkaround(null);
    const agent = await signIn(ctx.app, "ke-n2");
    // nothing to publish: the form is not offered
    expect((await agent.get(url).expect(200)).text).to.not.contain("known-error-article");
    const token = await csrf(agent, url);
    const refused = await agent.post(`${url}/known-error-article`).type("form").send({ _csrf: token, audience: "everyone" }).expect(422);
    expect(refused.text).to.contain("Publish a workaround first: the article is made from it.");
    expect((await refusal(publishKnownError(ctx.deps, n2, p.id, "everyone"))).code).to.equal("no_workaround");
    await publishWorkaround(ctx.deps, n2, p.id, { text: "Reboot.", notifyRequesters: false });
    const wrong = await agent.post(`${url}/known-error-article`).type("form").send({ _csrf: token, audience: "public" }).expect(422);
    expect(wrong.text).to.contain("Choose one of the options.");
    await resolveProblem(ctx.deps, n2, p.id, { resolution: "Gateway replaced.", resolveIncidents: false });
    const closed = await refusal(publishKnownError(ctx.deps, n2, p.id, "everyone"));
    expect([closed.status, closed.code]).to.deep.equal([409, "problem_closed"]);
    expect(await articles()).to.deep.equal([]);
  });

  it("who cannot edit problems cannot publish: N1 403 (and sees only the link), employees and admins 404", async () => {
    const { p, url } = await problemWithWorkaround("Reboot the router.");
    const n1Page = await signIn(ctx.app, "ke-n1");
    expect((await n1Page.get(url).expect(200)).text).to.not.contain("known-error-article");
    const token = await csrf(n1Page, url);
    const forbidden = await n1Page.post(`${url}/known-error-article`).type("form").send({ _csrf: token, audience: "everyone" }).expect(403);
    expect(forbidden.text).to.not.contain("Known error:");
    expect((await refusal(publishKnownError(ctx.deps, n1, p.id, "everyone"))).code).to.equal("problem_action_forbidden");
    for (const who of [emp, admin]) {
      const err = await refusal(publishKnownError(ctx.deps, who, p.id, "everyone"));
      expect([err.status, err.code]).to.deep.equal([404, "problem_not_found"]);
    }
    const employee = await signIn(ctx.app, "ke-emp");
    await employee.post(`${url}/known-error-article`).type("form").send({ _csrf: await csrf(employee), audience: "everyone" }).expect(404);
    expect(await articles()).to.deep.equal([]);

    // once published by N2, N1 reads the link on the page (problems are the desk's; every agent reads the knowledge base)
    const { article } = await publishKnownError(ctx.deps, n2, p.id, "agents");
    const seen = (await n1Page.get(url).expect(200)).text;
    expect(seen).to.contain(`href="/kb/articles/${article.id}"`).and.not.contain("Update the known-error article");
    const missing = await refusal(publishKnownError(ctx.deps, n2, 999999, "everyone"));
    expect([missing.status, missing.code]).to.deep.equal([404, "problem_not_found"]);
  });
});
