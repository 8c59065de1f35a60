import { expect } from "chai";
import type { Page } from "playwright-core";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { resetDb } from "../helpers/context";
import { KbArticle, KbFeedback, KbRevision } from "../../src/modules/kb";
import { recordView } from "../../src/modules/kb/commands/record-view";
import { createProblem, publishWorkaround } from "../../src/modules/problems/commands/problem-commands";
import { formatProblemNumber } from "../../src/modules/problems/problem.entity";
import { Category } from "../../src/modules/tickets/category.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { kbText, seedKb, typeAndWait, waitForValue, type KbSeed } from "./kb-journey-kit";
import { DESKTOP, PHONE, STRINGS, browserSuite, escapeRegExp, expectFlash, fill, screenshot, signIn, squash } from "./helpers";

/**
 * The knowledge-base screens the journey does not walk through, in English and French: the
 * knowledge-base page as an employee (topics, most read, a search with the words
 * highlighted, a topic, an article answered "yes", an agent-only article's URL a 404) and
 * on a phone (the page, the new-ticket form with its suggestions under it); as an agent
 * (drafts, agent-only badge, the editor with a refused form and a preview, revisions and a
 * restore, an article's link put into a public reply); a problem's workaround published
 * as a known-error article.
 */
describe("Browser: the knowledge-base pages", function () {
  this.timeout(60_000);
  const suite = browserSuite();
  const articleLink = (id: number) => `a[href="/kb/articles/${id}"]`;
  const categoryId = async (deps: typeof suite.server.ctx.deps, name: string) => (await deps.db.getRepository(Category).findOneByOrFail({ name })).id;
  /** Nothing wider than the screen: a phone never scrolls sideways. */
  const noSideScroll = async (page: Page, what: string) =>
    expect(await page.evaluate("document.documentElement.scrollWidth"), `${what} scrolls sideways`).to.be.at.most(PHONE.width);

  for (const lang of ["en", "fr"] as const) {
    describe(lang, () => {
      const L = STRINGS[lang];
      const text = kbText(lang);
      const shot = (page: Page, name: string) => screenshot(page, `kb-pages-${lang}-${name}`, lang);
      const open = (viewport = DESKTOP) => suite.open(viewport, lang);
      let kb: KbSeed;

      before(async () => {
        const { deps } = suite.server.ctx;
        await resetDb(suite.server.ctx);
        const reader = await makeUser(deps, { username: `kbp-emp-${lang}`, name: text.employee, locale: lang });
        const n1 = await makeAgent(deps, 1, { username: `kbp-n1-${lang}`, name: text.n1 });
        kb = await seedKb(deps, n1, lang);
        // read a few times: the most read first
        for (let i = 0; i < 3; i++) await recordView(deps.db, reader, kb.mine);
      });

      it(`an employee browses, searches, answers "was this helpful?", cannot open an agent-only article; the same on a phone (${lang}, screenshots)`, async () => {
        const { deps } = suite.server.ctx;
        const e = await open();
        await signIn(e, `kbp-emp-${lang}`, lang);
        await e.page.getByRole("navigation").getByRole("link", { name: L.kb.nav, exact: true }).click();
        await e.page.getByRole("heading", { level: 1, name: L.kb.title }).waitFor();
        const topic = e.page.locator("#kb-categories").getByRole("link", { name: new RegExp(`^${escapeRegExp(text.category)}`) });
        // the two printer articles (English and French) an employee may read; not the agent-only one nor the draft
        expect(squash(await topic.locator(".kb-count").innerText())).to.equal(squash(fill(L.kb.categories.count, { n: 2 })));
        await e.page.locator("#kb-popular li").first().locator(articleLink(kb.mine.id)).waitFor();
        for (const hidden of [kb.agents.id, kb.draft.id]) expect(await e.page.locator(articleLink(hidden)).count()).to.equal(0);
        expect(await e.page.locator("#kb-new").count(), "no New article for an employee").to.equal(0);
        await shot(e.page, "01-kb-employee");

        await e.page.getByLabel(L.kb.search.label, { exact: true }).fill(text.word);
        await e.page.getByRole("search").getByRole("button", { name: L.kb.search.submit, exact: true }).click();
        await e.page.waitForURL(/\/kb\?q=/);
        const hit = e.page.locator("#kb-results li").filter({ has: e.page.locator(articleLink(kb.mine.id)) });
        expect((await hit.locator("mark").allInnerTexts()).map((m) => m.toLowerCase())).to.include(text.word);
        for (const hidden of [kb.agents.id, kb.draft.id]) expect(await e.page.locator(articleLink(hidden)).count()).to.equal(0);
        await shot(e.page, "02-search");

        await e.page.goto("/kb");
        await topic.click();
        await e.page.getByRole("heading", { level: 1, name: text.category }).waitFor();
        await e.page.locator("#kb-category-articles").locator(articleLink(kb.mine.id)).click();
        const heading = e.page.getByRole("heading", { level: 1, name: squash(kb.mine.title) });
        const [crumbs, h1] = await Promise.all([e.page.getByRole("navigation", { name: L.kb.breadcrumb }).boundingBox(), heading.boundingBox()]);
        expect(h1!.y, "the title under the breadcrumb, not over it").to.be.at.least(crumbs!.y + crumbs!.height);
        expect(await e.page.locator("#kb-body ol li").count(), "the Markdown steps are a list").to.equal(3);
        expect(await e.page.locator("#kb-editor-facts").count(), "an editor's facts are not an employee's business").to.equal(0);
        const feedback = e.page.getByRole("region", { name: squash(L.kb.feedback.question) });
        await feedback.getByLabel(squash(L.kb.feedback.comment)).fill(lang === "en" ? "Tray 2 was the one." : "C’était bien le bac 2.");
        await feedback.getByRole("button", { name: L.kb.feedback.yes, exact: true }).click();
        await expectFlash(e.page, L.kb.flash.thanks);
        await e.page.locator("#my-answer").getByText(L.kb.feedback.you_said_yes).waitFor();
        const answers = await deps.db.getRepository(KbFeedback).findBy({ articleId: kb.mine.id });
        expect(answers.map((f) => f.helpful)).to.deep.equal([true]);
        await shot(e.page, "03-article-helpful");

        // an article the employee may not read does not exist for them (404, not 403)
        for (const hidden of [kb.agents, kb.draft]) {
          e.problems.expectDocument(`/kb/articles/${hidden.id}`, 404);
          const res = await e.page.goto(`/kb/articles/${hidden.id}`);
          expect(res?.status()).to.equal(404);
          await e.page.getByRole("heading", { level: 1, name: squash(L.errors.not_found) }).waitFor();
          expect(await e.page.getByText(hidden.title).count()).to.equal(0);
        }
        await shot(e.page, "04-agent-only-404");

        // the same on a phone: the knowledge base, and the new-ticket form with its suggestions
        await e.page.setViewportSize(PHONE);
        await e.page.goto("/kb");
        await e.page.locator("#kb-popular").locator(articleLink(kb.mine.id)).waitFor();
        await noSideScroll(e.page, "/kb");
        await shot(e.page, "05-phone-kb");
        await e.page.goto("/portal/new?type=incident");
        await typeAndWait(e.page, "#title", text.title, /^\/kb\/suggest$/, "title");
        const suggestion = e.page.locator("#kb-suggest .kb-suggestion").filter({ has: e.page.locator(articleLink(kb.mine.id)) });
        // the whole width of the phone, the button within it; right under what was typed, above Send (not after the whole form)
        const [aside, button, description, send] = await Promise.all([
          e.page.locator("#kb-suggest").boundingBox(), suggestion.getByRole("button", { name: L.kbDesk.suggest.solved, exact: true }).boundingBox(),
          e.page.locator("#description").boundingBox(), e.page.getByRole("button", { name: L.new.submit, exact: true }).boundingBox(),
        ]);
        expect(aside!.width).to.be.greaterThan(PHONE.width - 40);
        expect(button!.x + button!.width).to.be.at.most(aside!.x + aside!.width);
        expect(aside!.y, "the suggestions under the description").to.be.at.least(description!.y + description!.height);
        expect(aside!.y + aside!.height, "the suggestions above Send").to.be.at.most(send!.y);
        await noSideScroll(e.page, "the new-ticket form");
        await shot(e.page, "06-phone-new-ticket-suggestions");
        await suite.finish();
      });

      it(`an agent: drafts, the agent-only badge, a new article refused then previewed and saved, its revisions and a restore (${lang}, screenshots)`, async () => {
        const { deps, clock } = suite.server.ctx;
        const a = await open();
        await signIn(a, `kbp-n1-${lang}`, lang);
        await a.page.goto("/kb");
        const agentsOnly = a.page.locator("#kb-popular li").filter({ has: a.page.locator(articleLink(kb.agents.id)) });
        await agentsOnly.getByText(L.kb.badge.agents, { exact: true }).waitFor();
        expect(await a.page.locator("#kb-popular").locator(articleLink(kb.draft.id)).count(), "a draft is not among the most read").to.equal(0);
        await shot(a.page, "07-kb-agent");
        await a.page.getByLabel(L.kb.filter.label, { exact: true }).selectOption({ label: L.kb.filter.draft });
        await a.page.getByRole("search").getByRole("button", { name: L.kb.search.submit, exact: true }).click();
        await a.page.waitForURL(/status=draft/);
        const drafts = a.page.locator("#kb-list");
        await drafts.getByRole("heading", { name: L.kb.filter.heading_draft }).waitFor();
        await drafts.locator("li").filter({ has: a.page.locator(articleLink(kb.draft.id)) }).getByText(L.kb.status.draft, { exact: true }).waitFor();
        expect(await drafts.locator(articleLink(kb.mine.id)).count(), "only drafts").to.equal(0);
        await shot(a.page, "08-kb-drafts");

        // a new article: the title forgotten (422, said next to it, what was typed kept), a preview, then saved
        await a.page.getByRole("link", { name: L.kb.editor.new, exact: true }).click();
        await a.page.waitForURL(/\/kb\/new$/);
        const body = lang === "en"
          ? "Printing in colour costs **five times** more.\n\n- Choose *Black and white* in the print window\n- Colour only for customers"
          : "Imprimer en couleur coûte **cinq fois** plus cher.\n\n- Choisissez *Noir et blanc* dans la fenêtre d’impression\n- La couleur seulement pour les clients";
        const title = lang === "en" ? "Print in black and white" : "Imprimer en noir et blanc";
        await a.page.getByLabel(L.kb.fields.body, { exact: true }).fill(body);
        a.problems.expectDocument("/kb/articles", 422);
        await a.page.getByRole("button", { name: L.kb.editor.save, exact: true }).click();
        await a.page.locator("#title-error").waitFor();
        // announced with its input (the editor's inputs are "f-" prefixed, the message keeps the field's name)
        const titleInput = a.page.getByLabel(L.kb.fields.title, { exact: true });
        expect(await titleInput.getAttribute("aria-invalid")).to.equal("true");
        expect((await titleInput.getAttribute("aria-describedby"))?.split(" ")).to.include("title-error");
        expect(await a.page.locator("#title-error").innerText()).to.equal(L.validation.required);
        expect(await a.page.getByLabel(L.kb.fields.body, { exact: true }).inputValue()).to.equal(body);
        await shot(a.page, "09-editor-422");
        await a.page.getByLabel(L.kb.fields.title, { exact: true }).fill(title);
        await a.page.getByRole("button", { name: L.kb.editor.preview, exact: true }).click();
        const preview = a.page.getByRole("region", { name: L.kb.editor.preview_heading });
        await preview.locator("strong").getByText(lang === "en" ? "five times" : "cinq fois").waitFor();
        expect(await preview.locator("li").count()).to.equal(2);
        expect(await deps.db.getRepository(KbArticle).countBy({ title }), "a preview saves nothing").to.equal(0);
        await shot(a.page, "10-editor-preview");
        await a.page.getByLabel(L.kb.fields.status, { exact: true }).selectOption({ label: L.kb.status.published });
        await a.page.getByRole("button", { name: L.kb.editor.save, exact: true }).click();
        await a.page.waitForURL(/\/kb\/articles\/\d+$/);
        await expectFlash(a.page, L.kb.flash.created);
        const id = Number(/\/kb\/articles\/(\d+)$/.exec(a.page.url())![1]);

        // a second version an hour later, then the first one back
        clock.advance(60 * 60_000);
        await a.page.locator("#kb-edit").click();
        const changed = lang === "en" ? "Colour printing is switched off." : "L’impression couleur est désactivée.";
        await a.page.getByLabel(L.kb.fields.body, { exact: true }).fill(changed);
        await a.page.getByRole("button", { name: L.kb.editor.save, exact: true }).click();
        await expectFlash(a.page, L.kb.flash.saved);
        await a.page.locator("#kb-body").getByText(changed).waitFor();
        await a.page.getByRole("complementary").getByRole("link", { name: L.kb.revisions.link, exact: true }).click();
        await a.page.getByRole("heading", { level: 1, name: squash(fill(L.kb.revisions.title, { title })) }).waitFor();
        const rows = a.page.locator("#kb-revisions tbody tr");
        expect(await rows.count()).to.equal(2);
        await rows.filter({ hasText: L.kb.revisions.created }).waitFor();
        await rows.locator(".kb-changed", { hasText: L.kb.fields.body }).waitFor();
        await shot(a.page, "11-revisions");
        await a.page.getByRole("link", { name: fill(L.kb.revisions.label, { n: 1 }), exact: true }).click();
        await a.page.getByRole("heading", { level: 1, name: squash(fill(L.kb.revisions.one_title, { n: 1, title })) }).waitFor();
        await a.page.locator("#kb-body strong").getByText(lang === "en" ? "five times" : "cinq fois").waitFor();
        await shot(a.page, "12-revision");
        clock.advance(20 * 60_000);
        await a.page.getByRole("button", { name: L.kb.revisions.restore, exact: true }).click();
        await a.page.waitForURL(new RegExp(`/kb/articles/${id}$`));
        await expectFlash(a.page, fill(L.kb.flash.restored, { n: 1 }));
        await a.page.locator("#kb-body strong").getByText(lang === "en" ? "five times" : "cinq fois").waitFor();
        const revisions = await deps.db.getRepository(KbRevision).find({ where: { articleId: id }, order: { number: "ASC" } });
        expect(revisions.map((r) => [r.number, r.note])).to.deep.equal([[1, null], [2, null], [3, "restored:1"]]);
        await shot(a.page, "13-restored");
        await suite.finish();
      });

      it(`N1 puts an article's link into a public reply, written as the page's language writes it (${lang})`, async () => {
        const { deps } = suite.server.ctx;
        const emp = await makeUser(deps, { username: `kbp-link-${lang}`, name: text.employee2, locale: lang });
        const t = await makeTicket(deps, emp, { title: text.title, description: text.title, categoryId: await categoryId(deps, "Hardware") });
        const number = formatNumber(t.type, t.id);
        const a = await open();
        await signIn(a, `kbp-n1-${lang}`, lang);
        // the panel's search as a link (no JavaScript needed), then the script inserts at the end of the reply
        await a.page.goto(`/tickets/${number}?kb=${encodeURIComponent(text.word)}`);
        const found = a.page.locator("#kb-results .kb-panel-article").filter({ has: a.page.locator(articleLink(kb.mine.id)) });
        await found.getByRole("link", { name: new RegExp(`^${escapeRegExp(L.kbDesk.panel.insert_link)}`) }).click();
        await waitForValue(a.page.locator("#reply-body"), (v) => v.includes(`/kb/articles/${kb.mine.id}`));
        const typed = await a.page.locator("#reply-body").inputValue();
        expect(typed).to.contain(kb.mine.title).and.to.match(new RegExp(`https?://\\S+/kb/articles/${kb.mine.id}$`));
        // the requester reads it in French: not "Titre: https://…" (a no-break space before the colon, or no colon)
        if (lang === "fr") expect(typed, "French typography of the inserted link").to.not.match(/[^\u00a0\u202f\s][:;?!](?=\s|$)/mu);
        await suite.finish();
      });

      it(`a problem's workaround published as a known-error article (${lang}, screenshots)`, async () => {
        const { deps } = suite.server.ctx;
        // the article is written in the desk's language: a French desk for the French run
        const desk = deps.config.defaultLocale;
        (deps.config as { defaultLocale: string }).defaultLocale = lang;
        try {
          const emp = await makeUser(deps, { username: `kbp-ke-emp-${lang}`, name: text.employee2, locale: lang });
          const n2 = await makeAgent(deps, 2, { username: `kbp-n2-${lang}`, name: lang === "en" ? "Sam Leroy" : "Séverine Roux" });
          const incident = await makeTicket(deps, emp, { title: text.title, description: lang === "en" ? "Every job jams in tray 2." : "Chaque impression bourre dans le bac 2." });
          const p = await createProblem(deps, n2, { fromIncidentId: incident.id });
          await publishWorkaround(deps, n2, p.id, { text: lang === "en" ? "Print from tray 1 until the roller is replaced." : "Imprimez depuis le bac 1 en attendant le nouveau rouleau.", notifyRequesters: false });
          const s = await open();
          await signIn(s, `kbp-n2-${lang}`, lang);
          await s.page.goto(`/problems/${formatProblemNumber(p.id)}`);
          const box = s.page.locator("#known-error-article");
          await box.getByLabel(L.kbProblems.audience).selectOption("everyone");
          await box.getByRole("button", { name: L.kbProblems.publish, exact: true }).click();
          await expectFlash(s.page, L.kbProblems.flash.created);
          const title = fill(L.kbProblems.article.title, { title: text.title });
          await shot(s.page, "14-problem-known-error");
          await s.page.locator("#known-error-article").getByRole("link", { name: squash(title) }).click();
          await s.page.getByRole("heading", { level: 1, name: squash(title) }).waitFor();
          for (const h of [L.kbProblems.article.symptoms, L.kbProblems.article.workaround, L.kbProblems.article.status]) {
            await s.page.locator("#kb-body").getByRole("heading", { name: h, exact: true }).waitFor();
          }
          await shot(s.page, "15-known-error-article");
          const article = await deps.db.getRepository(KbArticle).findOneByOrFail({ problemId: p.id });
          expect({ status: article.status, audience: article.audience }).to.deep.equal({ status: "published", audience: "everyone" });
          await suite.finish();
        } finally {
          (deps.config as { defaultLocale: string }).defaultLocale = desk;
        }
      });
    });
  }
});
