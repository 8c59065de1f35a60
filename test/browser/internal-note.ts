import { expect } from "chai";
import type { Locator } from "playwright-core";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { PHONE, STRINGS, browserSuite, expectFlash, screenshot, signIn, squash, type Lang } from "./helpers";

/** The lock label: the words "Internal note" (what a screen reader says) with a lock icon or emoji. */
async function expectLockLabel(badge: Locator, words: string): Promise<void> {
  const text = squash((await badge.textContent()) ?? "");
  expect(text.replace("🔒", "").trim()).to.equal(words);
  const icon = await badge.locator("svg").count();
  expect(icon > 0 || text.includes("🔒"), "a lock icon in the label").to.equal(true);
  expect(await badge.isVisible()).to.equal(true);
}

/**
 * An internal note is shown to agents with its lock label and is absent from the requester's
 * page (not hidden: not in the HTML at all). internal-note-en/-fr.test.ts run it.
 */
export function internalNoteSuite(lang: Lang): void {
  const L = STRINGS[lang];

  describe(`Browser (${lang}): internal notes`, function () {
    this.timeout(90_000);
    const suite = browserSuite();

    it("an internal note shows its lock label to agents and is absent from the employee's page", async () => {
      const { deps, clock } = suite.server.ctx;
      const requester = await makeUser(deps, { username: `req-${lang}`, name: lang === "en" ? "Paul Petit" : "Aurélie Faure" });
      await makeAgent(deps, 1, { username: `note-n1-${lang}`, name: "Agent Note" });
      const ticket = await makeTicket(deps, requester, { title: lang === "en" ? "Cannot open the shared drive" : "Impossible d’ouvrir le lecteur partagé" });
      const number = `INC-${String(ticket.id).padStart(6, "0")}`;
      const note = lang === "en" ? "Secret: the file server certificate expired, do not tell the user yet." : "Confidentiel\u00a0: le certificat du serveur de fichiers a expiré.";
      const reply = lang === "en" ? "We are looking into it, thank you for your patience." : "Nous regardons cela, merci de votre patience.";

      // here each person's browser speaks their language: the locale comes from Accept-Language
      clock.advance(20 * 60_000);
      const agent = await suite.open(undefined, lang);
      await signIn(agent, `note-n1-${lang}`, lang);
      await agent.page.goto(`/tickets/${number}`);
      await agent.page.getByRole("button", { name: L.action.take, exact: true }).click();
      await expectFlash(agent.page, L.flash.take);
      await agent.page.getByRole("textbox", { name: L.ticket.reply_heading }).fill(reply);
      await agent.page.getByRole("button", { name: L.ticket.send_reply, exact: true }).click();
      await expectFlash(agent.page, L.flash.reply_sent);
      clock.advance(3 * 60_000);
      await agent.page.getByRole("textbox", { name: L.ticket.note_heading }).fill(note);
      await agent.page.getByRole("button", { name: L.ticket.add_note, exact: true }).click();
      await expectFlash(agent.page, L.flash.note_added);

      const timeline = agent.page.getByRole("region", { name: L.ticket.timeline });
      const noteItem = timeline.getByRole("listitem").filter({ hasText: note });
      await noteItem.waitFor();
      await expectLockLabel(noteItem.locator(".tl-lock"), L.ticket.internal_note);
      expect(await noteItem.getAttribute("class")).to.contain("tl-internal");
      const replyItem = timeline.getByRole("listitem").filter({ hasText: reply });
      expect((await replyItem.locator(".tl-reply").textContent())?.trim()).to.equal(L.ticket.public_reply);
      await screenshot(agent.page, `agent-ticket-note-${lang}`, lang);

      // a second agent of the tier sees it too, with the lock label
      await makeAgent(deps, 1, { username: `note-n1b-${lang}`, name: "Agent Deux" });
      const colleague = await suite.open(undefined, lang);
      await signIn(colleague, `note-n1b-${lang}`, lang);
      await colleague.page.goto(`/tickets/${number}`);
      const seen = colleague.page.getByRole("region", { name: L.ticket.timeline }).getByRole("listitem").filter({ hasText: note });
      await seen.waitFor();
      await expectLockLabel(seen.locator(".tl-lock"), L.ticket.internal_note);

      // the employee reads the public reply and nothing of the note, not even in the HTML
      const emp = await suite.open(PHONE, lang);
      await signIn(emp, `req-${lang}`, lang);
      await emp.page.goto(`/tickets/${number}`);
      await emp.page.getByText(reply).waitFor();
      const html = await emp.page.content();
      expect(html).not.to.contain(note);
      expect(html).not.to.contain(L.ticket.internal_note);
      expect(html).not.to.contain("tl-internal");
      await screenshot(emp.page, `requester-ticket-phone-${lang}`, lang);
      await emp.page.goto("/portal");
      await emp.page.getByRole("link", { name: ticket.title }).waitFor();
      await screenshot(emp.page, `portal-home-phone-${lang}`, lang);
      await suite.finish();
    });
  });
}
