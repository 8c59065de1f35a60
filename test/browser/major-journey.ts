import { expect } from "chai";
import { In } from "typeorm";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketComment } from "../../src/modules/tickets/comment.entity";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { Problem } from "../../src/modules/problems/problem.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import type { Actor } from "../../src/access/actor";
import { STRINGS, browserSuite, expectFlash, expectStatus, fill, screenshot, signIn, type Lang } from "./helpers";

/**
 * The outage journey of the problems issue, in one language: six employees report that
 * email is down; N1 marks the first report as a major incident and attaches the other five;
 * a seventh employee joins from the portal banner ("I am affected too", no ticket); N2 opens a
 * problem from the major incident and publishes a workaround that reaches every requester and
 * the follower; the fix resolves the problem, the major incident and every child.
 * major-journey-en.test.ts and major-journey-fr.test.ts run it.
 */
export function majorJourneySuite(lang: Lang): void {
  const L = STRINGS[lang];
  const text = lang === "en"
    ? {
      names: ["Emma Martin", "Lucas Bernard", "Chloé Petit", "Hugo Moreau", "Léa Fournier", "Jules Girard", "Inès Lambert"],
      titles: ["Email is down", "Cannot send any email", "No email since 9 am", "Email not working at all", "Email down on my laptop", "Outlook: email down"],
      description: "Outlook says it cannot reach the server since 9:05.",
      publicTitle: "Email unavailable — we are working on it",
      update: "Webmail still works: use https://webmail.example.org until the fix. Next update at 14:30.",
      mine: "My email is down too",
      resolution: "The mail server's expired certificate was renewed; email works again.",
      n1: "Nico Dupont", n2: "Sam Leroy",
    }
    : {
      names: ["Élodie Bernard", "Mathis Roux", "Zoé Lefèvre", "Théo Mercier", "Anaïs Blanc", "Raphaël Faure", "Manon Chevalier"],
      titles: ["La messagerie est en panne", "Impossible d’envoyer un courriel", "Plus de messagerie depuis 9 h", "Messagerie hors service", "Messagerie en panne sur mon portable", "Outlook\u00a0: messagerie en panne"],
      description: "Outlook dit qu’il ne joint plus le serveur depuis 9 h 05.",
      publicTitle: "Messagerie indisponible — nous y travaillons",
      update: "Le webmail fonctionne\u00a0: utilisez https://webmail.example.org en attendant. Prochain point à 14 h 30.",
      mine: "Ma messagerie est en panne aussi",
      resolution: "Le certificat expiré du serveur de messagerie a été renouvelé\u00a0; la messagerie fonctionne de nouveau.",
      n1: "Noël Girard", n2: "Séverine Roux",
    };

  describe(`Browser (${lang}): an outage becomes one major incident, a problem and one fix for everyone`, function () {
    this.timeout(150_000);
    const suite = browserSuite();

    it("six reports, a major incident, a follower from the banner, a workaround to everyone, one fix resolves them all (screenshots)", async () => {
      const { deps, clock } = suite.server.ctx;
      const later = (minutes: number) => clock.advance(minutes * 60_000);
      const people: Actor[] = [];
      for (const [i, name] of text.names.entries()) people.push(await makeUser(deps, { username: `mi-emp${i + 1}-${lang}`, name, locale: lang }));
      await makeAgent(deps, 1, { username: `mi-n1-${lang}`, name: text.n1 });
      await makeAgent(deps, 2, { username: `mi-n2-${lang}`, name: text.n2 });

      // --- the first employee reports the outage on the portal
      const emp = await suite.open();
      await signIn(emp, `mi-emp1-${lang}`, lang);
      await emp.page.goto("/portal/new?type=incident");
      await emp.page.getByLabel(L.new.title_incident).fill(text.titles[0]);
      await emp.page.getByLabel(L.new.description_incident).fill(text.description);
      await emp.page.getByRole("group", { name: L.new.impact }).getByLabel(L.new.impact_team).check();
      await emp.page.getByRole("group", { name: L.new.urgency }).getByLabel(L.new.urgency_high).check();
      await emp.page.getByRole("button", { name: L.new.submit, exact: true }).click();
      await emp.page.waitForURL(/\/tickets\/INC-\d+$/);
      const parentNumber = /INC-\d+/.exec(emp.page.url())![0];
      // ... and five more within minutes (through the same command as the portal form)
      const children: Ticket[] = [];
      for (let i = 1; i < 6; i++) {
        later(2);
        children.push(await makeTicket(deps, people[i], { title: text.titles[i], description: text.description }));
      }
      const childNumbers = children.map((c) => formatNumber("incident", c.id));

      // --- N1 marks the first report as a major incident and attaches the five others
      later(5);
      const n1 = await suite.open();
      await signIn(n1, `mi-n1-${lang}`, lang);
      await n1.page.goto(`/tickets/${parentNumber}`);
      const panel = n1.page.locator("#major");
      await panel.locator("summary", { hasText: L.major.panel.mark }).click();
      await panel.getByLabel(L.major.panel.public_title).fill(text.publicTitle);
      await screenshot(n1.page, `major-mark-${lang}`, lang);
      await panel.locator("form button", { hasText: L.major.panel.mark }).click();
      await expectFlash(n1.page, L.flash.major);
      await n1.page.locator("#major").getByLabel(L.major.panel.attach_label).fill(childNumbers.join(", "));
      await n1.page.locator("#major").getByRole("button", { name: L.major.panel.attach, exact: true }).click();
      await expectFlash(n1.page, fill(L.major.flash.attached, { count: 5 }));
      for (const n of childNumbers) await n1.page.locator("#major").getByRole("link", { name: n, exact: true }).waitFor();
      await screenshot(n1.page, `major-parent-desk-${lang}`, lang);

      // --- the seventh employee sees the banner and joins without a ticket
      later(3);
      const seventh = await suite.open();
      await signIn(seventh, `mi-emp7-${lang}`, lang);
      await seventh.page.waitForURL(/\/portal$/);
      const banner = seventh.page.locator(".major-banner");
      await banner.getByRole("heading", { name: text.publicTitle }).waitFor();
      // public text only: never the original report
      expect(await seventh.page.locator("body").innerText()).not.to.contain(text.description);
      await screenshot(seventh.page, `major-banner-${lang}`, lang);
      // reporting it again proposes joining the incident instead
      await seventh.page.goto("/portal/new?type=incident");
      await seventh.page.getByLabel(L.new.title_incident).fill(text.mine);
      await seventh.page.getByLabel(L.new.description_incident).fill(text.description);
      seventh.problems.expectDocument("/tickets", 409);
      await seventh.page.getByRole("button", { name: L.new.submit, exact: true }).click();
      await seventh.page.getByRole("heading", { name: fill(L.major.proposal.heading, { title: text.publicTitle }) }).waitFor();
      await screenshot(seventh.page, `major-proposal-${lang}`, lang);
      const ticketsBefore = await deps.db.getRepository(Ticket).count();
      await seventh.page.getByRole("button", { name: L.major.follow, exact: true }).click();
      await expectFlash(seventh.page, fill(L.major.flash.following, { title: text.publicTitle }));
      await seventh.page.locator(".major-banner").getByText(L.major.standing.following).waitFor();
      expect(await deps.db.getRepository(Ticket).count(), "no ticket to triage").to.equal(ticketsBefore);
      await screenshot(seventh.page, `major-following-${lang}`, lang);

      // --- N2 opens a problem from the major incident and publishes a workaround to everyone
      later(20);
      const n2 = await suite.open();
      await signIn(n2, `mi-n2-${lang}`, lang);
      await n2.page.goto(`/tickets/${parentNumber}`);
      await n2.page.locator("#ticket-problem").getByRole("button", { name: L.problems.open_from_incident }).click();
      await n2.page.waitForURL(/\/problems\/PRB-\d+$/);
      const problemNumber = /PRB-\d+/.exec(n2.page.url())![0];
      await n2.page.getByLabel(L.problems.workaround, { exact: true }).fill(text.update);
      await n2.page.getByLabel(L.problems.notify_requesters).check();
      // the preview says what the requesters will read and how many: six requesters and the follower
      await n2.page.getByRole("button", { name: L.problems.preview.button, exact: true }).click();
      await n2.page.locator("#workaround-preview").getByText(text.update).waitFor();
      await n2.page.locator("#workaround-preview").getByText(fill(L.problems.preview.reach, { people: 7, incidents: 6 })).waitFor();
      await screenshot(n2.page, `major-workaround-preview-${lang}`, lang);
      expect(await n2.page.getByLabel(L.problems.notify_requesters).isChecked()).to.equal(true);
      await n2.page.getByRole("button", { name: L.problems.publish, exact: true }).click();
      await n2.page.locator("#workaround").getByText(text.update).waitFor();
      await screenshot(n2.page, `major-problem-known-error-${lang}`, lang);

      // every requester has it in their own ticket, the follower in the bell
      const all = [(await deps.db.getRepository(Ticket).findOneByOrFail({ id: Number(parentNumber.slice(4)) })), ...children];
      const replies = await deps.db.getRepository(TicketComment).find({ where: { ticketId: In(all.map((t) => t.id)), internal: false, body: text.update } });
      expect(new Set(replies.map((c) => c.ticketId)).size, "the workaround reached every requester").to.equal(6);
      const third = await suite.open();
      await signIn(third, `mi-emp3-${lang}`, lang);
      await third.page.goto(`/tickets/${childNumbers[1]}`);
      await third.page.getByText(text.update).first().waitFor();
      await third.page.getByText(fill(L.major.child.heading, { title: text.publicTitle })).waitFor();
      await screenshot(third.page, `major-child-requester-${lang}`, lang);
      const followerNotices = () => deps.db.getRepository(Notification).find({ where: { userId: people[6].id }, order: { id: "ASC" } });
      expect((await followerNotices()).map((n) => n.kind)).to.deep.equal(["major_update"]);

      // --- the fix: resolving the problem resolves the major incident and every child
      later(90);
      await n2.page.getByLabel(L.problems.resolution, { exact: true }).fill(text.resolution);
      await n2.page.getByRole("button", { name: L.problems.resolve, exact: true }).click();
      await expectFlash(n2.page, fill(L.problems.flash.resolved, { count: 6 }));
      await screenshot(n2.page, `major-problem-resolved-${lang}`, lang);
      const after = await deps.db.getRepository(Ticket).find({ where: { id: In(all.map((t) => t.id)) } });
      expect(after.map((t) => [t.status, t.resolution])).to.deep.equal(all.map(() => ["resolved", text.resolution]));
      expect((await deps.db.getRepository(Problem).findOneByOrFail({ id: Number(problemNumber.slice(4)) })).status).to.equal("resolved");
      expect((await followerNotices()).map((n) => n.kind)).to.deep.equal(["major_update", "major_resolved"]);

      // the employees see it resolved; the banner is gone
      await third.page.reload();
      await expectStatus(third.page, lang, "resolved");
      await third.page.getByText(text.resolution).first().waitFor();
      await screenshot(third.page, `major-child-resolved-${lang}`, lang);
      await seventh.page.goto("/portal");
      expect(await seventh.page.locator(".major-banner").count()).to.equal(0);
      await suite.finish();
    });
  });
}
