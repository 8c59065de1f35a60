import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { createArticle, updateArticle, renderArticle, KbArticle, KbRevision, TicketKbLink } from "../../src/modules/kb";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { linkArticle } from "../../src/modules/kb/commands/link-article";
import { refusal } from "../helpers/refusal";

/**
 * The knowledge base inside the desk's ticket page: search (agents see agent-only
 * articles, published only), link / unlink (history), insert into the public reply (a
 * link only to what the requester may open), "solved with this article" on resolve, and
 * a draft article from the ticket without the requester's personal data.
 */
describe("HTTP: the knowledge-base panel of a ticket", () => {
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  let n1Page: Agent;
  const a = { everyone: { id: 0, title: "" }, agents: { id: 0, title: "" }, draft: { id: 0, title: "" }, other: { id: 0, title: "" } };
  const json = { accept: "application/json" };
  const repo = <T extends object>(e: new () => T) => ctx.deps.db.getRepository(e);
  const links = async (ticketId: number) => (await repo(TicketKbLink).find({ where: { ticketId }, order: { articleId: "ASC" } })).map((l) => [l.articleId, l.solved]);
  const kbHistory = async (ticketId: number) => (await repo(TicketHistory).find({ where: { ticketId }, order: { id: "ASC" } }))
    .filter((h) => h.kind.startsWith("kb_")).map((h) => [h.kind, h.fromValue, h.toValue]);
  const newTicket = async (over: Record<string, unknown> = {}) => {
    const t = await makeTicket(ctx.deps, emp, { title: "VPN drops every hour", description: "The VPN client disconnects.", ...over });
    return { t, url: `/tickets/${formatNumber(t.type, t.id)}` };
  };
  const post = async (page: Agent, url: string, body: Record<string, unknown> = {}, from = url.replace(/\/kb\/.*$/, "")) =>
    page.post(url).set(json).type("form").send({ _csrf: await csrf(page, from), ...body });

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "edupre", name: "Élodie Dupré" });
    n1 = await makeAgent(ctx.deps, 1, { username: "kt-n1" });
    await makeAgent(ctx.deps, 2, { username: "kt-n2" });
    await makeUser(ctx.deps, { username: "kt-admin", role: "admin" });
    const make = async (title: string, audience: "everyone" | "agents", status: "published" | "draft") =>
      ({ id: (await createArticle(ctx.deps, n1, { title, body: `# ${title}\n\nOpen the **VPN** client and reset the profile.`, audience, status })).id, title });
    a.everyone = await make("Reset the VPN profile", "everyone", "published");
    a.agents = await make("VPN gateway: reset the tunnel", "agents", "published");
    a.draft = await make("VPN notes (draft)", "everyone", "draft");
    a.other = await make("VPN on a hotel Wi-Fi", "everyone", "published");
    n1Page = await signIn(ctx.app, "kt-n1");
  });

  it("searches published articles of both audiences from the ticket page (?kb=) and as an htmx fragment; insert link only for what the requester may open", async () => {
    const { t, url } = await newTicket();
    const number = formatNumber(t.type, t.id);
    const page = (await n1Page.get(`${url}?kb=vpn`).expect(200)).text;
    const frag = (await n1Page.get(`${url}/kb?kb=vpn`).expect(200)).text;
    expect(frag).to.not.include("<html");
    for (const html of [page, frag]) {
      expect(html).to.include(`href="/kb/articles/${a.everyone.id}"`).and.include(`href="/kb/articles/${a.agents.id}"`)
        .and.include(`data-kb-insert="/tickets/${number}/kb/${a.everyone.id}/insert?mode=link"`)
        .and.include(`data-kb-insert="/tickets/${number}/kb/${a.agents.id}/insert?mode=content"`)
        .and.include(`reply_kb=${a.everyone.id}&amp;mode=link`);
      expect(html).to.not.include(`/kb/articles/${a.draft.id}"`).and.not.include(`/kb/${a.agents.id}/insert?mode=link`)
        .and.not.include(`reply_kb=${a.agents.id}&amp;mode=link`);
    }
    // nothing searched: no results list
    expect((await n1Page.get(`${url}/kb`).expect(200)).text.trim()).to.equal("");
  });

  it("inserts into the public reply: a link (absolute URL) or the content; a link to an agent-only article, a draft or an archived one is refused", async () => {
    const { url } = await newTicket();
    const base = ctx.config.baseUrl.replace(/\/+$/, "");
    const link = (await n1Page.get(`${url}?reply_kb=${a.everyone.id}&mode=link`).expect(200)).text;
    expect(link).to.match(new RegExp(`id="reply-body" name="body" rows="4">Reset the VPN profile\n${base}/kb/articles/${a.everyone.id}</textarea>`));
    const content = (await n1Page.get(`${url}?reply_kb=${a.agents.id}&mode=content`).expect(200)).text;
    expect(content).to.include('rows="4">VPN gateway: reset the tunnel').and.include("Open the VPN client and reset the profile.</textarea>");
    // what the script fetches
    const text = await n1Page.get(`${url}/kb/${a.everyone.id}/insert?mode=link`).expect(200);
    expect(text.headers["content-type"]).to.match(/^text\/plain/);
    expect(text.text).to.equal(`Reset the VPN profile\n${base}/kb/articles/${a.everyone.id}`);
    const archived = await createArticle(ctx.deps, n1, { title: "Old VPN client", body: "Use the old client.", audience: "everyone", status: "published" });
    await updateArticle(ctx.deps, n1, archived.id, { status: "archived" });
    expect((await n1Page.get(`${url}/kb/${a.agents.id}/insert?mode=link`).set(json).expect(422)).body.error.code).to.equal("kb_link_not_public");
    // a draft may still change, an archived article is out of date: neither is sent, as content or as a link
    for (const id of [a.draft.id, archived.id]) {
      for (const mode of ["content", "link"]) {
        expect((await n1Page.get(`${url}/kb/${id}/insert?mode=${mode}`).set(json).expect(422)).body.error.code, `${id} ${mode}`).to.equal("kb_article_not_published");
      }
    }
    await n1Page.get(`${url}/kb/${a.everyone.id}/insert?mode=html`).set(json).expect(422);
    expect((await n1Page.get(`${url}/kb/999999/insert?mode=content`).set(json).expect(404)).body.error.code).to.equal("kb_article_not_found");
  });

  it("inserts an article's content with its links' addresses (this site's made absolute), without its images", async () => {
    const { url } = await newTicket();
    const base = ctx.config.baseUrl.replace(/\/+$/, "");
    const article = await createArticle(ctx.deps, n1, {
      title: "Install the VPN client", audience: "everyone", status: "published",
      body: "Download the client [here](https://downloads.example/vpn.msi), then:\n\n1. Run it\n2. Read [the guide](/kb/articles/7)\n\n![The installer](/kb/files/3/setup.png)",
    });
    const text = (await n1Page.get(`${url}/kb/${article.id}/insert?mode=content`).expect(200)).text;
    expect(text).to.equal(`Download the client here (https://downloads.example/vpn.msi), then:\n\n1. Run it\n2. Read the guide (${base}/kb/articles/7)`);
    const page = (await n1Page.get(`${url}?reply_kb=${article.id}&mode=content`).expect(200)).text;
    expect(page).to.include(`rows="4">Download the client here (https://downloads.example/vpn.msi), then:`);
  });

  it("a stale or hand-made ?reply_kb= leaves the ticket page whole: the reply empty, the panel saying why", async () => {
    const { url } = await newTicket();
    const empty = /id="reply-body" name="body" rows="4"><\/textarea>/;
    const cases: [string, string][] = [
      [`reply_kb=999999&mode=content`, "This article was not found: nothing was inserted into the reply."],
      [`reply_kb=${a.agents.id}&mode=link`, "The requester could not open this article: insert its content instead."],
      [`reply_kb=${a.draft.id}&mode=content`, "Only a published article can be inserted into a reply."],
    ];
    for (const [query, message] of cases) {
      const page = (await n1Page.get(`${url}?${query}`).expect(200)).text;
      expect(page, query).to.match(empty).and.include('id="kb-insert-message"').and.include(message);
    }
    const fr = (await n1Page.get(`${url}?reply_kb=999999`).set("accept-language", "fr").expect(200)).text;
    expect(fr).to.include("Cet article est introuvable\u00a0: rien n’a été inséré dans la réponse.");
    expect((await n1Page.get(`${url}?reply_kb=${a.everyone.id}&mode=link`).expect(200)).text).to.not.include('id="kb-insert-message"');
  });

  it("links and unlinks articles, each change a history line; a draft cannot be linked; the linked ones leave the results", async () => {
    const { t, url } = await newTicket();
    const res = await post(n1Page, `${url}/kb/link`, { article: a.everyone.id });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`${url}#kb`);
    await post(n1Page, `${url}/kb/link`, { article: a.everyone.id }).then((r) => expect(r.status).to.equal(303));
    await post(n1Page, `${url}/kb/link`, { article: a.agents.id }).then((r) => expect(r.status).to.equal(303));
    expect(await links(t.id)).to.deep.equal([[a.everyone.id, false], [a.agents.id, false]]);
    // refused on the ticket page itself, which says why
    const draft = await post(n1Page, `${url}/kb/link`, { article: a.draft.id });
    expect(draft.status).to.equal(422);
    expect(draft.text).to.include('class="alert alert-danger"').and.include('id="kb"');
    expect((await refusal(linkArticle(ctx.deps, n1, t.id, a.draft.id))).code).to.equal("kb_article_not_published");
    expect((await post(n1Page, `${url}/kb/link`, { article: 999999 })).status).to.equal(404);
    expect((await post(n1Page, `${url}/kb/link`, { article: "x" })).status).to.equal(422);

    const page = (await n1Page.get(`${url}?kb=vpn`).expect(200)).text;
    expect(page).to.include(`action="${url}/kb/${a.everyone.id}/unlink"`).and.include(`action="${url}/kb/${a.agents.id}/unlink"`)
      .and.include(`name="article" value="${a.other.id}"`).and.include("linked the article “Reset the VPN profile”");
    expect(page).to.not.include(`name="article" value="${a.everyone.id}"`);

    expect((await post(n1Page, `${url}/kb/${a.everyone.id}/unlink`)).status).to.equal(303);
    const again = await post(n1Page, `${url}/kb/${a.everyone.id}/unlink`);
    expect([again.status, again.body.error.code]).to.deep.equal([404, "kb_link_not_found"]);
    expect(await links(t.id)).to.deep.equal([[a.agents.id, false]]);
    expect(await kbHistory(t.id)).to.deep.equal([
      ["kb_article", null, a.everyone.title], ["kb_article", null, a.agents.title], ["kb_article", a.everyone.title, null],
    ]);
  });

  it("resolving records the linked article that solved it (one per ticket, history); an unlinked one is a 422 and nothing changes", async () => {
    const { t, url } = await newTicket();
    await takeTicket(ctx.deps, n1, t.id);
    for (const id of [a.everyone.id, a.other.id]) await post(n1Page, `${url}/kb/link`, { article: id });
    const page = (await n1Page.get(url).expect(200)).text;
    const select = /<select[^>]*name="solvedWith"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? "";
    expect([...select.matchAll(/value="(\d*)"/g)].map((m) => m[1])).to.deep.equal(["", String(a.everyone.id), String(a.other.id)]);

    const version = async () => (await repo(Ticket).findOneByOrFail({ id: t.id })).version;
    const resolve = async (solvedWith: number | string) =>
      post(n1Page, `${url}/resolve`, { resolution: "Profile reset.", code: "fixed", version: await version(), solvedWith }, url);
    // refused on the ticket page, the message next to the select, the resolve form still open
    const bad = await resolve(a.agents.id);
    expect(bad.status).to.equal(422);
    expect(bad.text).to.include('id="solvedWith-error"').and.include("Profile reset.</textarea>");
    const refused = await refusal(resolveTicket(ctx.deps, n1, t.id, { resolution: "Profile reset.", code: "fixed", solvedWith: a.agents.id }));
    expect([refused.status, refused.code, refused.fields]).to.deep.equal([422, "kb_article_not_linked", { solvedWith: "kbDesk.errors.not_linked" }]);
    expect((await repo(Ticket).findOneByOrFail({ id: t.id })).status).to.equal("open");

    expect((await resolve(a.other.id)).status).to.equal(303);
    expect((await repo(Ticket).findOneByOrFail({ id: t.id })).status).to.equal("resolved");
    expect(await links(t.id)).to.deep.equal([[a.everyone.id, false], [a.other.id, true]]);
    expect((await kbHistory(t.id)).at(-1)).to.deep.equal(["kb_solved", null, a.other.title]);
    expect((await n1Page.get(url).expect(200)).text).to.include("solved with the article “VPN on a hotel Wi-Fi”");

    // reopened, then resolved with the other article: still one solved article
    await post(n1Page, `${url}/reopen`, { reason: "Back again", version: await version() }, url);
    expect((await resolve(a.everyone.id)).status).to.equal(303);
    expect(await links(t.id)).to.deep.equal([[a.everyone.id, true], [a.other.id, false]]);
    // and resolved with none: none marked
    await post(n1Page, `${url}/reopen`, { reason: "Back again", version: await version() }, url);
    expect((await resolve("")).status).to.equal(303);
    expect(await links(t.id)).to.deep.equal([[a.everyone.id, false], [a.other.id, false]]);
  });

  it("drafts an article from the ticket: title, problem, solution, no personal data of the requester, the ticket as its source", async () => {
    const { t, url } = await newTicket({
      title: "Élodie Dupré: VPN drops", callbackPhone: "+33 6 11 22 33 44",
      description: "Hello, this is elodie DUPRE (edupre, edupre@example.org). Call me on 06 11 22 33 44.\nThe VPN drops in Annecy.",
    });
    await addComment(ctx.deps, emp, t.id, { body: "Élodie again: still broken", internal: false, files: [] });
    await addComment(ctx.deps, n1, t.id, { body: "Élodie, reset the profile: Settings > VPN > Reset. Mail me at kt-n1@example.org.", internal: false, files: [] });
    await addComment(ctx.deps, n1, t.id, { body: "Internal: her manager is cross", internal: true, files: [] });
    const res = await post(n1Page, `${url}/kb/draft`, {}, url);
    expect(res.status).to.equal(303);
    const [article] = await repo(KbArticle).find({ where: { sourceTicketId: t.id } });
    expect(res.headers.location).to.equal(`/kb/articles/${article.id}/edit`);
    expect(article).to.deep.include({ title: "[requester]: VPN drops", status: "draft", audience: "agents", authorId: n1.id, sourceTicketId: t.id });
    expect(article.body).to.equal(
      "## Problem\n\nHello, this is [requester] ([requester], [email]). Call me on [phone].  \nThe VPN drops in Annecy.\n\n" +
      "## Solution\n\n[requester], reset the profile: Settings > VPN > Reset. Mail me at [email].\n");
    expect(`${article.title} ${article.body}`).to.not.match(/[ée]lodie|dupr|edupre|@|06 11/i);
    expect(await repo(KbRevision).count({ where: { articleId: article.id } })).to.equal(1);

    // once resolved, the resolution is the solution
    await takeTicket(ctx.deps, n1, t.id);
    const version = (await repo(Ticket).findOneByOrFail({ id: t.id })).version;
    await post(n1Page, `${url}/resolve`, { resolution: "Reset Élodie's VPN profile; call +33 6 11 22 33 44 if it fails.", code: "fixed", version }, url);
    await post(n1Page, `${url}/kb/draft`, {}, url);
    const [, second] = await repo(KbArticle).find({ where: { sourceTicketId: t.id }, order: { id: "ASC" } });
    expect(second.body).to.match(/## Solution\n\nReset \[requester\]'s VPN profile; call \[phone\] if it fails\.\n$/);
  });

  it("drafts the ticket's plain text as Markdown that reads the same: angle brackets, backslashes and Markdown marks kept as typed", async () => {
    const { t, url } = await newTicket({ description: "Delete C:\\Users\\<name>\\AppData\\Temp as <username>.\n# not a heading\n*not bold* and `not code`" });
    await addComment(ctx.deps, n1, t.id, { body: "1. Run [this](http://x)\n    - then reboot", internal: false, files: [] });
    expect((await post(n1Page, `${url}/kb/draft`, {}, url)).status).to.equal(303);
    const [article] = await repo(KbArticle).find({ where: { sourceTicketId: t.id } });
    expect(renderArticle(article.body)).to.equal(
      "<h2>Problem</h2>\n<p>Delete C:\\Users\\&lt;name&gt;\\AppData\\Temp as &lt;username&gt;.<br />\n# not a heading<br />\n*not bold* and `not code`</p>\n" +
      "<h2>Solution</h2>\n<p>1. Run [this](<a href=\"http://x\" rel=\"noopener noreferrer nofollow\">http://x</a>)<br />\n- then reboot</p>\n");
  });

  it("drafts in French for an agent reading in French: the headings and the placeholders of what was removed", async () => {
    const { t, url } = await newTicket({ title: "VPN d’Élodie", description: "Élodie (edupre@example.org, 06 11 22 33 44) perd le VPN." });
    await addComment(ctx.deps, n1, t.id, { body: "Élodie, réinitialisez le profil.", internal: false, files: [] });
    const res = await n1Page.post(`${url}/kb/draft`).set(json).set("accept-language", "fr").type("form").send({ _csrf: await csrf(n1Page, url) });
    expect(res.status).to.equal(303);
    const [article] = await repo(KbArticle).find({ where: { sourceTicketId: t.id } });
    expect(article.title).to.equal("VPN d’[demandeur]");
    expect(article.body).to.equal("## Problème\n\n[demandeur] ([e-mail], [téléphone]) perd le VPN.\n\n## Solution\n\n[demandeur], réinitialisez le profil.\n");
  });

  it("a change from the panel under the other type's prefix (REQ- on an incident) is a 404 and changes nothing", async () => {
    const { t, url } = await newTicket();
    await post(n1Page, `${url}/kb/link`, { article: a.everyone.id });
    const wrong = `/tickets/${formatNumber("request", t.id)}`;
    const before = { links: await links(t.id), articles: await repo(KbArticle).count(), history: await kbHistory(t.id) };
    for (const action of ["kb/link", `kb/${a.everyone.id}/unlink`, "kb/draft"]) {
      const res = await post(n1Page, `${wrong}/${action}`, { article: a.other.id }, url);
      expect([res.status, res.body.error?.code], action).to.deep.equal([404, "ticket_not_found"]);
    }
    expect({ links: await links(t.id), articles: await repo(KbArticle).count(), history: await kbHistory(t.id) }).to.deep.equal(before);
  });

  it("the same article linked several times at once: one link, one history line", async () => {
    const { t } = await newTicket();
    await Promise.all(Array.from({ length: 6 }, () => linkArticle(ctx.deps, n1, t.id, a.other.id)));
    expect(await links(t.id)).to.deep.equal([[a.other.id, false]]);
    expect(await kbHistory(t.id)).to.deep.equal([["kb_article", null, a.other.title]]);
  });

  it("employees, admins and agents of another tier reach none of it: 403 at the gate, or 404 for a ticket they may not read", async () => {
    const { url } = await newTicket();
    await post(n1Page, `${url}/kb/link`, { article: a.everyone.id });
    const before = { links: await repo(TicketKbLink).count(), articles: await repo(KbArticle).count() };
    const calls = (page: Agent, token: string) => [
      page.get(`${url}/kb?kb=vpn`).set(json),
      page.get(`${url}/kb/${a.everyone.id}/insert?mode=content`).set(json),
      page.post(`${url}/kb/link`).set(json).type("form").send({ _csrf: token, article: a.other.id }),
      page.post(`${url}/kb/${a.everyone.id}/unlink`).set(json).type("form").send({ _csrf: token }),
      page.post(`${url}/kb/draft`).set(json).type("form").send({ _csrf: token }),
    ];
    for (const [username, status] of [["edupre", 403], ["kt-admin", 403], ["kt-n2", 404]] as const) {
      const page = await signIn(ctx.app, username);
      const token = await csrf(page, "/profile");
      const answers = await Promise.all(calls(page, token));
      answers.forEach((res, i) => expect(res.status, `${username}, call ${i}`).to.equal(status));
    }
    // the requester's own page has no panel, and ?reply_kb= fills nothing in
    const mine = (await (await signIn(ctx.app, "edupre")).get(`${url}?kb=vpn&reply_kb=${a.everyone.id}&mode=content`).expect(200)).text;
    expect(mine).to.not.include('id="kb"').and.not.include("Open the VPN client");
    expect({ links: await repo(TicketKbLink).count(), articles: await repo(KbArticle).count() }).to.deep.equal(before);
  });
});
