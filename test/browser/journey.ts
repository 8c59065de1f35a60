import { expect } from "chai";
import { makeAgent, makeUser } from "../factories";
import {
  STRINGS, browserSuite, escapeRegExp, expectAccessibleError, expectFlash, expectStatus, fill, openAction, screenshot, signIn, squash,
  type Lang,
} from "./helpers";

/**
 * The core journey with three people, each in a browser context of their own, in one language:
 * an employee reports an incident on the portal, N1 takes it and escalates it, N2 takes it and
 * resolves it, the employee confirms and the ticket closes; the timeline has every step.
 * journey-en.test.ts and journey-fr.test.ts run it (one file each keeps a file well under a minute).
 */
export function journeySuite(lang: Lang): void {
  const L = STRINGS[lang];

  describe(`Browser (${lang}): the core journey`, function () {
    this.timeout(90_000);
    const suite = browserSuite();

    it("employee reports, N1 takes and escalates, N2 resolves, employee confirms and it closes", async () => {
      const { deps, clock } = suite.server.ctx;
      // the steps happen minutes apart, as they would (dates and ages in the screenshots look real)
      const later = (minutes: number) => clock.advance(minutes * 60_000);
      const employee = lang === "en" ? "Emma Martin" : "Élodie Bernard";
      const n1 = lang === "en" ? "Nico Dupont" : "Noël Girard";
      const n2 = lang === "en" ? "Sam Leroy" : "Séverine Roux";
      await makeUser(deps, { username: `emp-${lang}`, name: employee });
      await makeAgent(deps, 1, { username: `n1-${lang}`, name: n1 });
      await makeAgent(deps, 2, { username: `n2-${lang}`, name: n2 });
      const title = lang === "en" ? "Printer on floor 3 jams on every page" : "L’imprimante du 3e étage bourre à chaque page";
      const description = lang === "en" ? "Since this morning the printer shows \"Paper jam\" on every job." : "Depuis ce matin, l’imprimante affiche «\u00a0Bourrage papier\u00a0» à chaque impression.";
      const reason = lang === "en" ? "Hardware fault, needs the N2 printer team" : "Panne matérielle, il faut l’équipe N2 impression";
      const handover = lang === "en" ? "Cleared the tray and restarted; jams continue." : "Bac vidé et imprimante redémarrée\u00a0; le bourrage continue.";
      const resolution = lang === "en" ? "Replaced the worn pickup roller." : "Rouleau d’entraînement usé remplacé.";

      // --- the employee reports the incident on the portal
      const emp = await suite.open();
      await signIn(emp, `emp-${lang}`, lang);
      await emp.page.waitForURL(/\/portal$/);
      await emp.page.getByRole("heading", { level: 1, name: fill(L.portal.greeting, { name: employee }) }).waitFor();
      await screenshot(emp.page, `portal-home-empty-${lang}`, lang);
      await emp.page.getByRole("main").getByRole("link", { name: L.portal.report }).click();
      await emp.page.waitForURL(/\/portal\/new\?type=incident$/);
      await emp.page.getByRole("heading", { level: 1, name: L.portal.new_incident }).waitFor();
      await screenshot(emp.page, `new-ticket-${lang}`, lang);

      // an empty title is refused with the field error shown and tied to the input
      emp.problems.expectDocument("/tickets", 422);
      await emp.page.getByRole("button", { name: L.new.submit, exact: true }).click();
      const titleInput = emp.page.getByLabel(L.new.title_incident);
      await emp.page.getByRole("alert").waitFor();
      await expectAccessibleError(emp.page, "title");
      await screenshot(emp.page, `new-ticket-errors-${lang}`, lang);

      await titleInput.fill(title);
      await emp.page.getByLabel(L.new.description_incident).fill(description);
      await emp.page.getByRole("group", { name: L.new.impact }).getByLabel(L.new.impact_team).check();
      await emp.page.getByRole("group", { name: L.new.urgency }).getByLabel(L.new.urgency_high).check();
      await emp.page.getByRole("button", { name: L.new.submit, exact: true }).click();
      await emp.page.waitForURL(/\/tickets\/INC-\d{6}$/);
      const number = /INC-\d{6}/.exec(emp.page.url())![0];
      await expectFlash(emp.page, squash(fill(L.new.created, { number })));
      await emp.page.getByRole("heading", { level: 1, name: title }).waitFor();
      await emp.page.getByText(number).first().waitFor();
      await expectStatus(emp.page, lang, "new");

      later(12);
      // --- N1 finds it in the N1 queue, takes it, escalates it with a reason and a hand-over note
      const a1 = await suite.open();
      await signIn(a1, `n1-${lang}`, lang);
      await a1.page.waitForURL(/\/desk\/queues\/1/);
      const rail = a1.page.getByRole("navigation", { name: L.desk.queues });
      await rail.getByRole("link", { name: /^N1\b/ }).click();
      await a1.page.waitForURL(/\/desk\/queues\/1$/);
      const row = a1.page.getByRole("row").filter({ hasText: number });
      await row.getByRole("cell", { name: title }).waitFor();
      await row.getByText(L.status.new, { exact: true }).waitFor();
      await screenshot(a1.page, `agent-queue-${lang}`, lang);
      await row.getByRole("link", { name: number }).click();
      await a1.page.waitForURL(new RegExp(`/tickets/${number}$`));
      await a1.page.getByRole("heading", { level: 1, name: new RegExp(escapeRegExp(title)) }).waitFor();
      await a1.page.getByRole("button", { name: L.action.take, exact: true }).click();
      await expectFlash(a1.page, L.flash.take);
      await expectStatus(a1.page, lang, "open");
      later(6);
      await openAction(a1.page, fill(L.action.escalate_to, { tier: 2 }));
      await a1.page.getByLabel(L.ticket.escalate_reason).fill(reason);
      await a1.page.getByLabel(L.ticket.handover_note).fill(handover);
      await screenshot(a1.page, `agent-ticket-${lang}`, lang);
      await a1.page.getByRole("button", { name: L.action.escalate, exact: true }).click();
      await expectFlash(a1.page, L.flash.escalate);

      later(25);
      // --- N2 sees it escalated in the N2 queue, takes it and resolves it
      const a2 = await suite.open();
      await signIn(a2, `n2-${lang}`, lang);
      await a2.page.waitForURL(/\/desk\/queues\/2/);
      const row2 = a2.page.getByRole("row").filter({ hasText: number });
      await row2.getByText(L.status.escalated, { exact: true }).waitFor();
      await row2.getByRole("link", { name: number }).click();
      await a2.page.waitForURL(new RegExp(`/tickets/${number}$`));
      // the hand-over note travels with the ticket
      await a2.page.getByRole("region", { name: L.ticket.timeline }).getByText(handover).waitFor();
      await a2.page.getByRole("button", { name: L.action.take, exact: true }).click();
      await expectFlash(a2.page, L.flash.take);
      later(40);
      await openAction(a2.page, L.action.resolve);
      await a2.page.getByLabel(L.ticket.resolution_code).selectOption("fixed");
      await a2.page.getByLabel(L.ticket.resolution_text).fill(resolution);
      await a2.page.getByRole("button", { name: L.action.resolve, exact: true }).click();
      await expectFlash(a2.page, L.flash.resolve);
      await expectStatus(a2.page, lang, "resolved");

      later(30);
      // --- the employee sees "resolved" and the solution, and confirms
      await emp.page.goto(`/tickets/${number}`);
      await expectStatus(emp.page, lang, "resolved");
      await emp.page.getByText(L.explain.resolved).waitFor();
      await emp.page.getByText(resolution).waitFor();
      await screenshot(emp.page, `requester-ticket-${lang}`, lang);
      await emp.page.getByRole("button", { name: L.portal.confirm_close, exact: true }).click();
      await expectFlash(emp.page, L.flash.close);
      await expectStatus(emp.page, lang, "closed");
      await emp.page.getByText(L.explain.closed).waitFor();
      expect(await emp.page.getByRole("button", { name: L.portal.confirm_close }).count()).to.equal(0);
      // the escalation talk between technicians is not the employee's business
      expect(await emp.page.getByText(handover).count()).to.equal(0);
      await screenshot(emp.page, `requester-ticket-closed-${lang}`, lang);
      await emp.page.getByRole("link", { name: L.portal.back }).first().click();
      await emp.page.getByRole("main").getByRole("listitem").filter({ hasText: number }).getByText(L.status.closed, { exact: true }).waitFor();
      await screenshot(emp.page, `portal-home-${lang}`, lang);

      // --- the timeline shows every step, in order, with who did it
      await a2.page.reload();
      await expectStatus(a2.page, lang, "closed");
      const events = a2.page.getByRole("region", { name: L.ticket.timeline }).getByRole("listitem");
      const texts = (await events.allTextContents()).map(squash);
      const steps: [string, string][] = [
        [employee, L.history.created],
        [n1, fill(L.history.taken, { from: L.ticket.nobody, to: n1 })],
        [n1, fill(L.history.status, { from: L.status.new, to: L.status.open })],
        [n1, fill(L.history.escalated, { from: "N1", to: "N2" })],
        [n2, fill(L.history.taken, { from: L.ticket.nobody, to: n2 })],
        [n2, fill(L.history.resolved, { from: L.status.open, to: L.resolution_code.fixed })],
        [employee, fill(L.history.closed, { from: L.status.resolved, to: L.status.closed })],
      ];
      let at = 0;
      for (const [who, what] of steps) {
        const found = texts.findIndex((s, i) => i >= at && s.includes(squash(`${who} — ${what}`)));
        expect(found, `timeline step "${who} — ${what}" in order, in:\n${texts.join("\n")}`).to.be.greaterThan(-1);
        at = found + 1;
      }
      const escalation = texts.find((s) => s.includes(squash(fill(L.history.escalated, { from: "N1", to: "N2" }))))!;
      expect(escalation).to.contain(squash(fill(L.ticket.reason_line, { reason }))).and.to.contain(squash(handover));
      expect(texts.find((s) => s.includes(squash(fill(L.history.resolved, { to: L.resolution_code.fixed }))))).to.contain(squash(resolution));
      await suite.finish();
    });
  });
}
