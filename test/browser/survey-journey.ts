import { expect } from "chai";
import type { Page } from "playwright-core";
import { makeTicket, PASSWORD } from "../factories";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { closeTicket } from "../../src/modules/tickets/commands/close-ticket";
import { surveyToken } from "../../src/modules/reporting";
import { takeAndResolve } from "./catalog-journey-kit";
import { DESKTOP, PHONE, STRINGS, browserSuite, expectFlash, fill, screenshot, signIn, squash, type Lang } from "./helpers";
import {
  choice, deskSpeaks, internalNotes, named, pick, ratingLinks, resolutionMail, resolvedTicket, scoreText, survey, surveyOnClose, surveyPeople,
  surveyText, textOf, type SurveyPeople,
} from "./survey-journey-kit";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The satisfaction survey of the issue, in one language: N1 resolves an employee's ticket;
 * the resolution email carries five rating links in words; one click on "2" in a browser
 * that is not signed in records it, a comment follows; the group's supervisor hears of it
 * in the bell, finds the internal note and the Satisfaction panel and reaches out; the
 * employee changes the rating on the portal within 24 h and is refused after. Asked at the
 * closing instead: a page a scanner loads hidden sends nothing, the person's click on "Send"
 * does, and the supervisor's Reach out opens a follow-up ticket. Expired and altered links,
 * and the page on a phone (the chosen rating marked ✓). survey-en/-fr.test.ts run it.
 */
export function surveyJourneySuite(lang: Lang): void {
  const L = STRINGS[lang];
  const S = L.surveys;
  const text = surveyText(lang);
  const shot = (page: Page, n: string, name: string) => screenshot(page, `survey-${lang}-${n}-${name}`, lang);

  describe(`Browser (${lang}): satisfaction survey from the email link to the supervisor and back`, function () {
    this.timeout(90_000);
    const suite = browserSuite();
    let people: SurveyPeople;

    before(async () => {
      people = await surveyPeople(suite.server.ctx.deps, lang);
    });

    it("one click in the email rates, a low score alerts the supervisor, the rating changes for 24 h (screenshots)", async () => {
      const { deps, clock } = suite.server.ctx;
      await deskSpeaks(deps, lang, async () => {
        const ticket = await makeTicket(deps, people.emp, { title: text.title, description: text.description });
        const number = formatNumber(ticket.type, ticket.id);

        // --- 1) N1 resolves it on the desk; the resolution email has the five choices in words
        clock.advance(30 * 60_000);
        const a = await suite.open(DESKTOP, lang);
        await signIn(a, `sv-n1-${lang}`, lang);
        await a.page.goto(`/tickets/${number}`);
        await takeAndResolve(a.page, lang, text.resolution);
        const mail = await resolutionMail(deps, `sv-emp-${lang}@example.org`, ticket.id);
        const links = ratingLinks(mail.html);
        const inbox = await suite.open(DESKTOP, lang);
        await inbox.page.setContent(mail.html);
        const rated = inbox.page.locator('a[href*="/survey/"]');
        expect((await rated.allInnerTexts()).map(squash)).to.deep.equal(([1, 2, 3, 4, 5] as const).map((n) => squash(`${n} — ${S.scores[n]}`)));
        await inbox.page.getByText(squash(L.mail.templates.survey.question)).first().waitFor();
        await shot(inbox.page, "01", "email");

        // --- 2) "2" clicked in a browser that is not signed in: recorded at once, then a comment
        clock.advance(2 * HOUR);
        const v = await suite.open(DESKTOP, lang);
        await v.page.goto(links[2], { waitUntil: "commit" });
        await v.page.getByRole("heading", { level: 1, name: S.link.thanks_title, exact: true }).waitFor();
        expect(new URL(v.page.url()).search, "the one-click form's answer is the page without ?score").to.equal("");
        expect(await survey(deps, ticket.id)).to.include({ score: 2, comment: null, requesterId: people.emp.id });
        expect(await choice(v.page, lang, 2).isChecked()).to.equal(true);
        await v.page.getByLabel(S.form.comment, { exact: true }).fill(text.comment);
        await v.page.getByRole("button", { name: S.form.save, exact: true }).click();
        await v.page.locator("#survey-answer").getByText(squash(fill(S.link.thanks_comment, { number, score: scoreText(lang, 2) }))).waitFor();
        expect(await survey(deps, ticket.id)).to.include({ score: 2, comment: text.comment });
        // who holds the link learns the ticket's number and title, nothing more
        const seen = await textOf(v.page, "main");
        expect(seen).to.contain(squash(fill(S.link.about, { number, title: text.title })));
        for (const secret of [text.description, text.resolution, text.employee, text.n1]) expect(seen).to.not.contain(squash(secret));
        await shot(v.page, "02", "link-thanks-comment");

        // --- 3) the supervisor: the bell, the internal note, the Satisfaction panel, "Reach out"
        clock.advance(20 * 60_000);
        const b = await suite.open(DESKTOP, lang);
        await signIn(b, `sv-boss-${lang}`, lang);
        const N = L.notifications;
        await b.page.getByRole("navigation").getByRole("link", { name: named(N.bell.label + fill(N.bell.unread, { count: 1 })) }).click();
        await b.page.waitForURL(/\/notifications$/);
        const notice = fill(N.kinds.survey_low_score, { name: text.employee, number, title: text.title, score: 2 });
        await b.page.locator("#notices").getByRole("button", { name: named(notice) }).click();
        await b.page.waitForURL(new RegExp(`/tickets/${number}$`));
        const notes = await internalNotes(deps, ticket.id);
        const withComment = fill(S.note, { score: 2, comment: text.comment });
        expect(notes.map((n) => n.body), "a note when the score came, a quiet one for the comment").to.deep.equal([fill(S.note_plain, { score: 2 }), withComment]);
        const timeline = b.page.getByRole("region", { name: L.ticket.timeline });
        const surveyNotes = timeline.locator("li.tl-internal").filter({ hasText: squash(fill(S.note_plain, { score: 2 })) });
        await surveyNotes.filter({ hasText: squash(withComment) }).locator(".tl-lock").getByText(L.ticket.internal_note).waitFor();
        expect(await surveyNotes.locator(".tl-lock").count(), "both notes on the timeline, each marked internal").to.equal(2);
        const panel = b.page.getByRole("region", { name: S.panel.title, exact: true });
        expect(await textOf(b.page, "#survey-score")).to.equal(squash(scoreText(lang, 2)));
        await panel.getByText(S.panel.low, { exact: true }).waitFor();
        await panel.getByText(text.comment).waitFor();
        await panel.getByRole("button", { name: S.panel.reopen, exact: true }).waitFor();
        await shot(b.page, "03", "desk-panel");
        await panel.getByRole("link", { name: S.panel.reach_out, exact: true }).click();
        await b.page.waitForURL(/\?reach_out=1#reply-body$/);
        const reply = await b.page.locator("#reply-body").inputValue();
        expect(reply).to.equal(fill(S.panel.reach_out_text, { name: text.employee, number }));
        await shot(b.page, "04", "desk-reach-out");

        // --- 4) the employee changes it to 4 on the portal; 25 hours after the first answer, refused
        clock.advance(HOUR);
        const e = await suite.open(DESKTOP, lang);
        await signIn(e, `sv-emp-${lang}`, lang);
        await e.page.goto(`/tickets/${number}`);
        expect(await textOf(e.page, "#survey-current")).to.contain(squash(fill(S.portal.current, { score: scoreText(lang, 2) })));
        expect(await e.page.getByLabel(S.form.comment, { exact: true }).inputValue()).to.equal(text.comment);
        await pick(e.page, 4);
        await e.page.getByRole("button", { name: S.form.save, exact: true }).click();
        await expectFlash(e.page, S.flash.saved);
        expect(await textOf(e.page, "#survey-current")).to.contain(squash(fill(S.portal.current, { score: scoreText(lang, 4) })));
        expect(await survey(deps, ticket.id)).to.include({ score: 4, comment: text.comment });
        await shot(e.page, "05", "portal-changed");

        // the next day, a little before 24 hours from the first answer, the form is still there...
        const first = (await survey(deps, ticket.id))!.firstAnsweredAt.getTime();
        clock.set(new Date(first + 23 * HOUR + 30 * 60_000));
        const later = await suite.open(DESKTOP, lang);
        await signIn(later, `sv-emp-${lang}`, lang);
        await later.page.goto(`/tickets/${number}`);
        await pick(later.page, 5);
        // ...and sent 25 hours after it: refused, with the reason
        clock.set(new Date(first + 25 * HOUR));
        later.problems.expectDocument(`/tickets/${number}/survey`, 409);
        await later.page.getByRole("button", { name: S.form.save, exact: true }).click();
        await later.page.getByRole("alert").getByText(squash(S.errors.locked)).waitFor();
        expect(await textOf(later.page, "#survey-current")).to.contain(squash(S.portal.locked));
        expect(await later.page.locator("#portal-survey-send").count(), "no form once it may not change").to.equal(0);
        expect(await survey(deps, ticket.id)).to.include({ score: 4 });
        await shot(later.page, "06", "portal-locked");
        // the email link says so too, and records nothing
        await v.page.goto(links[5]);
        await v.page.locator("#survey-answer").getByText(squash(S.link.locked)).waitFor();
        expect(await v.page.locator("#survey-form").count()).to.equal(0);
        expect((await internalNotes(deps, ticket.id)).length, "changes never alert twice").to.equal(2);
        expect(await survey(deps, ticket.id)).to.include({ score: 4 });
      });
      await suite.finish();
    });

    it("asked at the closing: a hidden load sends nothing, Send does; Reach out opens a follow-up ticket (screenshots)", async () => {
      const { deps } = suite.server.ctx;
      await deskSpeaks(deps, lang, () => surveyOnClose(deps, async () => {
        const { ticket, number } = await resolvedTicket(deps, people, text.closedTitle, text.resolution);
        await closeTicket(deps, people.n1, ticket.id);
        const links = ratingLinks((await resolutionMail(deps, `sv-emp-${lang}@example.org`, ticket.id, "ticket-closed")).html);

        // --- a) a page loaded hidden and unfocused (a scanner's prerender) does not send the one-click form...
        const v = await suite.open(DESKTOP, lang);
        await v.page.addInitScript({ content: `Object.defineProperty(document, "visibilityState", { get: () => "hidden" });
          Document.prototype.hasFocus = () => false;` });
        await v.page.goto(links[1]);
        await v.page.waitForLoadState("load");
        await v.page.waitForTimeout(300);
        expect(await survey(deps, ticket.id), "nothing sent by a hidden page").to.equal(null);
        expect(await choice(v.page, lang, 1).isChecked()).to.equal(true);
        // ...the person's one click on "Send my rating" does (the page without JavaScript works the same)
        await v.page.getByLabel(S.form.comment, { exact: true }).fill(text.closedComment);
        await v.page.getByRole("button", { name: S.form.send, exact: true }).click();
        await v.page.getByRole("heading", { level: 1, name: S.link.thanks_title, exact: true }).waitFor();
        expect(await survey(deps, ticket.id)).to.include({ score: 1, comment: text.closedComment });

        // --- b) the supervisor: a closed ticket takes no reply, so Reach out is a follow-up ticket
        const b = await suite.open(DESKTOP, lang);
        await signIn(b, `sv-boss-${lang}`, lang);
        await b.page.goto(`/tickets/${number}`);
        const panel = b.page.getByRole("region", { name: S.panel.title, exact: true });
        await panel.getByText(squash(fill(S.panel.follow_up_hint, { name: text.employee }))).waitFor();
        expect(await panel.getByRole("button", { name: S.panel.reopen, exact: true }).count(), "a closed ticket does not reopen").to.equal(0);
        await shot(b.page, "10", "desk-closed-panel");
        await panel.getByRole("button", { name: S.panel.reach_out, exact: true }).click();
        await b.page.waitForURL(new RegExp(`/tickets/INC-\\d+\\?reach_out=${number}#reply-body$`));
        const followUp = /\/tickets\/(INC-\d+)\?/.exec(b.page.url())![1];
        await expectFlash(b.page, squash(fill(S.flash.follow_up, { number: followUp })));
        expect(await textOf(b.page, "h1")).to.equal(squash(`${followUp} ${fill(S.follow_up.title, { title: text.closedTitle })}`));
        expect(await b.page.locator("#reply-body").inputValue()).to.equal(fill(S.panel.reach_out_text, { name: text.employee, number }));
        // its description quotes the rating; it is the supervisor's, and related to the rated ticket
        await b.page.getByText(squash(text.closedComment)).first().waitFor();
        expect(await textOf(b.page, ".ticket-meta")).to.contain(text.boss);
        await b.page.getByRole("link", { name: number, exact: true }).first().waitFor();
        await shot(b.page, "11", "desk-follow-up");
      }));
      await suite.finish();
    });

    it("an expired link leads to the portal (410), an altered one is not valid (404) (screenshots)", async () => {
      const { deps, clock } = suite.server.ctx;
      const { ticket, number } = await resolvedTicket(deps, people, text.other, text.resolution);
      const links = ratingLinks((await resolutionMail(deps, `sv-emp-${lang}@example.org`, ticket.id)).html);
      const old = surveyToken(deps.config, ticket.id, people.emp.id, new Date(clock.now().getTime() - (deps.config.reports.surveyLinkDays + 1) * DAY));
      const v = await suite.open(DESKTOP, lang);
      v.problems.expectDocument(`/survey/${old}`, 410);
      await v.page.goto(`/survey/${old}?score=4`);
      await v.page.getByRole("heading", { level: 1, name: S.link.expired_title, exact: true }).waitFor();
      await v.page.getByText(squash(fill(S.link.expired, { days: deps.config.reports.surveyLinkDays }))).waitFor();
      await shot(v.page, "07", "link-expired");

      const [path] = links[3].split("?");
      const altered = path.slice(0, -1) + (path.endsWith("A") ? "B" : "A");
      v.problems.expectDocument(altered, 404);
      await v.page.goto(`${altered}?score=3`);
      await v.page.getByRole("heading", { level: 1, name: S.link.invalid_title, exact: true }).waitFor();
      await shot(v.page, "08", "link-altered");
      expect(await survey(deps, ticket.id), "neither records").to.equal(null);

      // the expired page's way: sign in, rate on the ticket's page
      await v.page.goBack();
      await v.page.getByRole("link", { name: fill(S.link.sign_in, { number }), exact: true }).click();
      // the sign-in page it leads to (in the browser's language) comes back to the ticket
      await v.page.waitForURL(/\/login\?next=/);
      await v.page.getByLabel(L.auth.username, { exact: true }).fill(`sv-emp-${lang}`);
      await v.page.getByLabel(L.auth.password, { exact: true }).fill(PASSWORD);
      await v.page.getByRole("button", { name: L.auth.submit, exact: true }).click();
      await v.page.waitForURL(new RegExp(`/tickets/${number}$`));
      await pick(v.page, 5);
      await v.page.getByRole("button", { name: S.form.send, exact: true }).click();
      await expectFlash(v.page, S.flash.saved);
      expect(await survey(deps, ticket.id)).to.include({ score: 5, comment: null });
      await suite.finish();
    });

    it("on a phone: five big choices in words, the chosen one marked ✓, no sideways scroll, a visible focus (screenshot)", async () => {
      const { deps } = suite.server.ctx;
      const { ticket } = await resolvedTicket(deps, people, `${text.other} (2)`, text.resolution);
      const links = ratingLinks((await resolutionMail(deps, `sv-emp-${lang}@example.org`, ticket.id)).html);
      const p = await suite.open(PHONE, lang);
      await p.page.goto(links[4], { waitUntil: "commit" });
      await p.page.getByRole("heading", { level: 1, name: S.link.thanks_title, exact: true }).waitFor();
      expect(await survey(deps, ticket.id)).to.include({ score: 4 });
      expect(await p.page.evaluate("document.documentElement.scrollWidth"), "the page scrolls sideways").to.be.at.most(PHONE.width);
      for (const n of [1, 2, 3, 4, 5] as const) {
        const box = await p.page.locator(`label[for="survey-score-${n}"]`).boundingBox();
        expect(box?.height, `choice ${n} is a big target`).to.be.at.least(44);
        // the chosen one is marked ✓, not by its fill alone (a string: tsconfig has no DOM lib)
        const mark = await p.page.evaluate(`getComputedStyle(document.querySelector('label[for="survey-score-${n}"]'), "::before").visibility`);
        expect(mark, `choice ${n}'s ✓`).to.equal(n === 4 ? "visible" : "hidden");
      }
      // the keyboard reaches the choices and shows where it is
      await p.page.getByLabel(S.form.comment, { exact: true }).focus();
      await p.page.keyboard.press("Shift+Tab");
      expect(await p.page.evaluate("[document.activeElement.id, document.activeElement.matches(':focus-visible')]")).to.deep.equal(["survey-score-4", true]);
      await shot(p.page, "09", "link-phone");
      await suite.finish();
    });
  });
}
