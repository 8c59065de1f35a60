import { expect } from "chai";
import type { Page } from "playwright-core";
import { makeAgent, makeUser } from "../factories";
import { KbArticle, KbDeflection, TicketKbLink } from "../../src/modules/kb";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { PRINTER_STEP, kbText, seedKb, typeAndWait, waitForValue } from "./kb-journey-kit";
import { DESKTOP, STRINGS, browserSuite, escapeRegExp, expectFlash, expectStatus, fill, openAction, screenshot, signIn, squash, type Lang } from "./helpers";

/**
 * The knowledge-base journey of the issue, in one language: an employee starts typing a
 * new ticket, sees the article that answers it beside the form and says "this solved my
 * problem" (no ticket, a deflection counted); a second one sends the ticket anyway; N1
 * finds the article from the ticket's panel, links it, starts the public reply with its
 * content, resolves the ticket "solved with" it, then writes a new article from the
 * ticket (without the requester's name or email), publishes it, and an employee finds it.
 * kb-journey-en/-fr.test.ts run it.
 */
export function kbJourneySuite(lang: Lang): void {
  const L = STRINGS[lang];
  const text = kbText(lang);
  const shot = (page: Page, n: string, name: string) => screenshot(page, `kb-${lang}-${n}-${name}`, lang);
  const articleLink = (id: number) => `a[href="/kb/articles/${id}"]`;

  describe(`Browser (${lang}): the knowledge base answers a ticket before it is sent, and grows from the ones that are`, function () {
    this.timeout(60_000);
    const suite = browserSuite();

    it("deflected while typing; a ticket sent anyway is answered, resolved with the article and becomes a new one (screenshots)", async () => {
      const { deps, clock } = suite.server.ctx;
      const later = (minutes: number) => clock.advance(minutes * 60_000);
      const emp = await makeUser(deps, { username: `kbj-emp-${lang}`, name: text.employee, locale: lang });
      const emp2 = await makeUser(deps, { username: `kbj-emp2-${lang}`, name: text.employee2, locale: lang });
      const n1 = await makeAgent(deps, 1, { username: `kbj-n1-${lang}`, name: text.n1 });
      const kb = await seedKb(deps, n1, lang);
      const tickets = () => deps.db.getRepository(Ticket).count();
      later(60);

      // --- a) the first employee types the title: the article shows beside the form, and solves it
      const e = await suite.open(DESKTOP, lang);
      await signIn(e, `kbj-emp-${lang}`, lang);
      await e.page.goto("/portal/new?type=incident");
      await e.page.getByRole("heading", { level: 1, name: L.portal.new_incident }).waitFor();
      const suggest = e.page.locator("#kb-suggest");
      expect(await suggest.locator(".kb-suggestion").count(), "nothing proposed before anything is typed").to.equal(0);
      await typeAndWait(e.page, "#title", text.title, /^\/kb\/suggest$/, "title");
      const found = suggest.locator(".kb-suggestion").filter({ has: e.page.locator(articleLink(kb.mine.id)) });
      await found.waitFor();
      await suggest.getByRole("heading", { name: L.kbDesk.suggest.heading }).waitFor();
      // the words typed are highlighted in the title proposed; an employee never gets an agent-only article or a draft
      expect(await found.locator("mark").count()).to.be.greaterThan(0);
      for (const hidden of [kb.agents.id, kb.draft.id]) expect(await suggest.locator(articleLink(hidden)).count()).to.equal(0);
      expect(await found.locator('input[name="q"]').inputValue()).to.equal(text.title);
      await shot(e.page, "01", "new-ticket-suggestions");
      await found.getByRole("button", { name: L.kbDesk.suggest.solved, exact: true }).click();
      await e.page.waitForURL(new RegExp(`/kb/articles/${kb.mine.id}/solved$`));
      await e.page.getByRole("heading", { level: 1, name: squash(L.kbDesk.solved.lead) }).waitFor();
      await e.page.getByRole("link", { name: new RegExp(escapeRegExp(L.kbDesk.solved.article)) }).waitFor();
      await shot(e.page, "02", "solved-no-ticket");
      const deflections = await deps.db.getRepository(KbDeflection).find();
      expect(deflections.map((d) => ({ article: d.articleId, user: d.userId, query: d.query })))
        .to.deep.equal([{ article: kb.mine.id, user: emp.id, query: text.title }]);
      expect(await tickets(), "no ticket for a problem the article solved").to.equal(0);

      // --- b) a second employee sees the same article but sends the ticket anyway
      later(20);
      const e2 = await suite.open(DESKTOP, lang);
      await signIn(e2, `kbj-emp2-${lang}`, lang);
      await e2.page.goto("/portal/new?type=incident");
      await typeAndWait(e2.page, "#title", text.title, /^\/kb\/suggest$/, "title");
      await e2.page.locator("#kb-suggest").locator(articleLink(kb.mine.id)).waitFor();
      const description = text.description(text.employee2, `kbj-emp2-${lang}@example.org`);
      await e2.page.getByLabel(L.new.description_incident).fill(description);
      await e2.page.getByLabel(L.new.category).selectOption({ label: "Hardware" });
      await e2.page.getByRole("button", { name: L.new.submit, exact: true }).click();
      await e2.page.waitForURL(/\/tickets\/INC-\d{6}$/);
      const number = /INC-\d{6}/.exec(e2.page.url())![0];
      const ticket = await deps.db.getRepository(Ticket).findOneByOrFail({ id: Number(number.slice(4)) });
      expect({ requester: ticket.requesterId, title: ticket.title }).to.deep.equal({ requester: emp2.id, title: text.title });
      expect(await deps.db.getRepository(KbDeflection).count(), "sending the ticket is no deflection").to.equal(1);

      // --- c) N1 searches the knowledge base from the ticket, links the article, sends its link in the reply
      later(15);
      const a = await suite.open(DESKTOP, lang);
      await signIn(a, `kbj-n1-${lang}`, lang);
      await a.page.goto(`/tickets/${number}`);
      await a.page.getByRole("button", { name: L.action.take, exact: true }).click();
      await expectFlash(a.page, L.flash.take);
      const panel = a.page.getByRole("region", { name: L.kbDesk.panel.heading });
      await typeAndWait(a.page, "#kb #kb-q", text.word, new RegExp(`^/tickets/${number}/kb$`), "kb");
      const results = panel.locator("#kb-results");
      await results.locator(articleLink(kb.mine.id)).waitFor();
      // a technician also gets the agent-only article, marked as such; a draft is never offered
      const agentsOnly = results.locator(".kb-panel-article").filter({ has: a.page.locator(articleLink(kb.agents.id)) });
      await agentsOnly.getByText(L.kb.audience.agents, { exact: true }).waitFor();
      await agentsOnly.getByText(squash(L.kbDesk.panel.no_link_hint)).waitFor();
      expect(await results.locator(articleLink(kb.draft.id)).count()).to.equal(0);
      await shot(a.page, "03", "ticket-kb-search");
      await results.getByRole("button", { name: squash(fill(L.kbDesk.panel.link_label, { title: kb.mine.title })), exact: true }).click();
      await expectFlash(a.page, L.kbDesk.flash.linked);
      const linked = panel.locator(".kb-panel-article").filter({ has: a.page.locator(articleLink(kb.mine.id)) });
      await linked.getByRole("button", { name: squash(fill(L.kbDesk.panel.unlink_label, { title: kb.mine.title })), exact: true }).waitFor();

      // its content as the start of the reply (the link itself: kb-pages.test.ts)
      const reply = a.page.locator("#reply-body");
      await reply.fill(text.reply);
      await linked.getByRole("link", { name: new RegExp(`^${escapeRegExp(L.kbDesk.panel.insert_content)}`) }).click();
      await waitForValue(reply, (v) => v.includes(PRINTER_STEP[lang]));
      expect((await reply.inputValue()).startsWith(`${text.reply}\n`), "the article goes after what was written, on a line of its own").to.equal(true);
      expect(a.page.url(), "inserted without leaving the page").to.match(new RegExp(`/tickets/${number}(#kb)?$`));
      await shot(a.page, "04", "reply-with-article");
      await a.page.getByRole("button", { name: L.ticket.send_reply, exact: true }).click();
      await expectFlash(a.page, L.flash.reply_sent);
      await a.page.getByRole("region", { name: L.ticket.timeline }).getByText(PRINTER_STEP[lang]).waitFor();

      // --- d) resolved "solved with" the article
      later(10);
      await openAction(a.page, L.action.resolve);
      await a.page.getByLabel(L.ticket.resolution_code).selectOption({ label: L.resolution_code.fixed });
      await a.page.getByLabel(L.ticket.resolution_text).fill(text.resolution);
      await a.page.getByLabel(L.kbDesk.resolve.solved_with).selectOption({ label: kb.mine.title });
      await a.page.getByRole("button", { name: L.action.resolve, exact: true }).click();
      await expectFlash(a.page, L.flash.resolve);
      await expectStatus(a.page, lang, "resolved");
      await panel.locator(".kb-panel-article").filter({ has: a.page.locator(articleLink(kb.mine.id)) }).getByText(L.kbDesk.panel.solved, { exact: true }).waitFor();
      const links = await deps.db.getRepository(TicketKbLink).find({ where: { ticketId: ticket.id } });
      expect(links.map((l) => ({ article: l.articleId, solved: l.solved }))).to.deep.equal([{ article: kb.mine.id, solved: true }]);
      await shot(a.page, "05", "ticket-resolved-solved-with");

      // --- e) an article written from the ticket: a draft without the requester's name or email, published for everyone
      later(5);
      await panel.getByRole("button", { name: L.kbDesk.panel.draft, exact: true }).click();
      await a.page.waitForURL(/\/kb\/articles\/\d+\/edit$/);
      await expectFlash(a.page, L.kbDesk.flash.drafted);
      const draftId = Number(/\/kb\/articles\/(\d+)\/edit$/.exec(a.page.url())![1]);
      expect(await a.page.getByLabel(L.kb.fields.title, { exact: true }).inputValue()).to.equal(text.title);
      const body = await a.page.getByLabel(L.kb.fields.body, { exact: true }).inputValue();
      expect(body).to.contain(`## ${L.kbDesk.draft.problem}`).and.to.contain(`## ${L.kbDesk.draft.solution}`).and.to.contain(text.resolution);
      expect(body.indexOf(L.kbDesk.draft.problem)).to.be.lessThan(body.indexOf(L.kbDesk.draft.solution));
      for (const personal of [...text.employee2.split(" "), `kbj-emp2-${lang}`, "example.org"]) expect(body, `the draft names "${personal}"`).to.not.contain(personal);
      expect(await a.page.getByLabel(L.kb.audience.agents, { exact: true }).isChecked(), "a draft from a ticket starts agents-only").to.equal(true);
      await a.page.locator("#kb-origin").getByRole("link", { name: number }).waitFor();
      await shot(a.page, "06", "draft-from-ticket");
      await a.page.getByLabel(L.kb.audience.everyone, { exact: true }).check();
      await a.page.getByLabel(L.kb.fields.status, { exact: true }).selectOption({ label: L.kb.status.published });
      await a.page.getByRole("button", { name: L.kb.editor.save, exact: true }).click();
      await a.page.waitForURL(new RegExp(`/kb/articles/${draftId}$`));
      await expectFlash(a.page, L.kb.flash.saved);
      await a.page.locator("#kb-editor-facts").getByRole("link", { name: number }).waitFor();
      const published = await deps.db.getRepository(KbArticle).findOneByOrFail({ id: draftId });
      expect({ status: published.status, audience: published.audience, source: published.sourceTicketId })
        .to.deep.equal({ status: "published", audience: "everyone", source: ticket.id });
      await shot(a.page, "07", "article-from-ticket-published");

      // --- f) an employee finds it on the knowledge-base page
      later(30);
      await e.page.goto("/kb");
      await e.page.getByLabel(L.kb.search.label, { exact: true }).fill(text.title);
      await e.page.getByRole("search").getByRole("button", { name: L.kb.search.submit, exact: true }).click();
      await e.page.waitForURL(/\/kb\?q=/);
      const hits = e.page.locator("#kb-results");
      await hits.locator(articleLink(draftId)).waitFor();
      expect(await hits.locator(`${articleLink(draftId)} mark`).count()).to.be.greaterThan(0);
      await shot(e.page, "08", "employee-finds-new-article");
      await suite.finish();
    });
  });
}
