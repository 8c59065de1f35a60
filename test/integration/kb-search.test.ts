import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import { createArticle, restoreRevision, searchArticles, updateArticle, KbRevision, type ArticleInput } from "../../src/modules/kb";
import type { Actor } from "../../src/access/actor";

/**
 * The one search function on the database at hand (SQLite FTS5 or PostgreSQL tsvector):
 * ranking on a crafted set, accents and case, prefixes while typing, plurals, French and
 * English words, the reader's audience, and the index following every save.
 */
describe("Integration: knowledge-base search (one query function, both databases)", () => {
  let ctx: TestContext;
  let agent: Actor;
  let employee: Actor;
  const ids: Record<string, number> = {};

  const add = async (key: string, over: Partial<ArticleInput>) => {
    const a = await createArticle(ctx.deps, agent, { title: key, body: "Nothing here.", audience: "everyone", status: "published", ...over });
    ids[key] = a.id;
    return a;
  };
  const titles = async (who: Actor | null, q: string, limit = 10, status?: "draft" | "archived" | "all") =>
    (await searchArticles(ctx.deps.db, who, q, { limit, status })).map((h) => h.title);

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    agent = await makeAgent(ctx.deps, 1, { username: "kb-agent" });
    employee = await makeUser(ctx.deps, { username: "kb-emp" });
    await add("Imprimante bloquée : papier coincé", { body: "Ouvrez le capot de l'**imprimante** et retirez la feuille.", tags: ["imprimante", "papier"] });
    await add("Printer shows offline", { body: "Restart the printer spooler service, then print a test page.", tags: ["printer"] });
    await add("Écran noir au démarrage", { body: "Vérifiez le câble de l'écran puis redémarrez.", summary: "L'écran reste noir" });
    await add("VPN disconnects", { body: "Reinstall the VPN client. Printers are not concerned." });
    await add("Server room printer (agents)", { body: "Reset the printer in the server room with the admin badge.", audience: "agents" });
    await add("Printer draft", { body: "A printer article still being written.", status: "draft" });
    await add("Old printer procedure", { body: "The printer of the old building.", status: "archived" });
  });

  it("is accent- and case-insensitive both ways: 'ecran' finds 'Écran', 'ÉCRAN' too", async () => {
    expect(await titles(employee, "ecran")).to.deep.equal(["Écran noir au démarrage"]);
    expect(await titles(employee, "ÉCRAN")).to.deep.equal(["Écran noir au démarrage"]);
    expect(await titles(employee, "imprimante bloquee")).to.deep.equal(["Imprimante bloquée : papier coincé"]);
  });

  it("matches prefixes while typing and plurals", async () => {
    expect(await titles(employee, "impri")).to.deep.equal(["Imprimante bloquée : papier coincé"]);
    expect(await titles(employee, "imprimantes")).to.deep.equal(["Imprimante bloquée : papier coincé"]);
    expect(await titles(employee, "spool")).to.deep.equal(["Printer shows offline"]);
    expect(await titles(employee, "printers")).to.have.members(["Printer shows offline", "VPN disconnects"]);
  });

  it("ranks a title match above a body mention", async () => {
    expect((await titles(employee, "printer"))[0]).to.equal("Printer shows offline");
    expect(await titles(employee, "printer")).to.deep.equal(["Printer shows offline", "VPN disconnects"]);
  });

  it("finds all the words first, then any of them in a title, tags or summary, leaving out the little words", async () => {
    expect(await titles(employee, "mon imprimante ne marche pas")).to.deep.equal(["Imprimante bloquée : papier coincé"]);
    expect((await titles(employee, "printer offline spooler", 10))[0]).to.equal("Printer shows offline");
    // no article has them all: any of them in a title, tags or summary (a body's mention is not enough)
    const any = await titles(employee, "printer spooler ecran", 10);
    expect(any).to.have.members(["Printer shows offline", "Écran noir au démarrage"]);
  });

  it("never gives an employee an agent-only article, a draft or an archived one", async () => {
    expect(await titles(employee, "printer room")).to.not.include("Server room printer (agents)");
    expect(await titles(null, "printer")).to.not.include("Server room printer (agents)");
    expect(await titles(employee, "draft")).to.be.empty;
    expect(await titles(agent, "server room")).to.deep.equal(["Server room printer (agents)"]);
    expect(await titles(agent, "draft")).to.be.empty;
    expect(await titles(agent, "printer", 10, "all")).to.include.members(["Printer draft", "Old printer procedure"]);
    expect(await titles(agent, "printer", 10, "draft")).to.deep.equal(["Printer draft"]);
    expect(await titles(employee, "printer", 10, "all")).to.not.include("Printer draft");
  });

  it("follows a change of status or audience at once, and the scope's own words match nothing typed", async () => {
    await updateArticle(ctx.deps, agent, ids["Printer shows offline"], { status: "archived" });
    expect(await titles(employee, "printer")).to.deep.equal(["VPN disconnects"]);
    await updateArticle(ctx.deps, agent, ids["Server room printer (agents)"], { audience: "everyone" });
    expect(await titles(employee, "server room")).to.deep.equal(["Server room printer (agents)"]);
    for (const q of ["published", "publ", "everyone", "every"]) expect(await titles(employee, q), q).to.be.empty;
  });

  it("highlights the matching words in an escaped snippet", async () => {
    await add("Mot de passe <b>oublié</b>", { body: "Pour réinitialiser votre mot de passe, ouvrez <script>x</script> la page." });
    const [hit] = await searchArticles(ctx.deps.db, employee, "reinitialiser", { limit: 5 });
    expect(hit.snippet).to.contain("<mark>réinitialiser</mark>");
    expect(hit.snippet).to.not.contain("<script>");
    expect(hit.titleHtml).to.equal("Mot de passe &#60;b&#62;oublié&#60;/b&#62;");
  });

  it("follows every save: a new title is found, the old words no longer; a restore brings them back", async () => {
    const a = await updateArticle(ctx.deps, agent, ids["VPN disconnects"], { title: "Wi-Fi drops", body: "Forget the network and join it again.", version: 1 });
    expect(a.version).to.equal(2);
    expect(await titles(employee, "vpn")).to.be.empty;
    expect(await titles(employee, "drops")).to.deep.equal(["Wi-Fi drops"]);
    await restoreRevision(ctx.deps, agent, a.id, 1, 2);
    expect(await titles(employee, "vpn")).to.deep.equal(["VPN disconnects"]);
    const revs = await ctx.deps.db.getRepository(KbRevision).find({ where: { articleId: a.id }, order: { number: "ASC" } });
    expect(revs.map((r) => [r.number, r.changed, r.note])).to.deep.equal([[1, "created", null], [2, "title,body", null], [3, "title,body", "restored:1"]]);
  });

  it("refuses a stale version (409) and writes no revision for a save that changes nothing", async () => {
    await updateArticle(ctx.deps, agent, ids["VPN disconnects"], { title: "VPN drops", version: 1 });
    let code = "";
    try { await updateArticle(ctx.deps, agent, ids["VPN disconnects"], { title: "Other", version: 1 }); } catch (e) { code = (e as { code: string }).code; }
    expect(code).to.equal("kb_article_changed");
    await updateArticle(ctx.deps, agent, ids["VPN disconnects"], { title: "VPN drops", version: 2 });
    expect(await ctx.deps.db.getRepository(KbRevision).count({ where: { articleId: ids["VPN disconnects"] } })).to.equal(2);
  });
});
