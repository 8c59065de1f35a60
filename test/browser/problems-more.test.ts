import { expect } from "chai";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { Category } from "../../src/modules/tickets/category.entity";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { refreshProblemSuggestions } from "../../src/modules/problems/suggest/refresh";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { setMajor } from "../../src/modules/major";
import { majorSchema } from "../../src/modules/major/major.schemas";
import { STRINGS, browserSuite, expectFlash, fill, screenshot, signIn } from "./helpers";

/**
 * The screens of the problems issue the outage journey does not walk through: suggested
 * problems (create one from a cluster), the problem's edit form, a major incident's public
 * page, merging a duplicate (the read-only duplicate and the target that reads it).
 */
describe("Browser: suggested problems, problem editing, a major incident's public page, merging", function () {
  this.timeout(120_000);
  const suite = browserSuite();
  const num = (t: Pick<Ticket, "type" | "id">) => formatNumber(t.type, t.id);

  for (const lang of ["en", "fr"] as const) {
    it(`N2 creates a problem from a suggestion, edits its analysis; N1 merges a duplicate; an employee reads the public page (${lang}, screenshots)`, async () => {
      const L = STRINGS[lang];
      const { deps, clock } = suite.server.ctx;
      const emp = await makeUser(deps, { username: `pm-emp-${lang}`, name: lang === "en" ? "Paul Robin" : "Aurélie Masson", locale: lang });
      const other = await makeUser(deps, { username: `pm-emp2-${lang}`, name: lang === "en" ? "Nina Cole" : "Gaël Perrin", locale: lang });
      const n1 = await makeAgent(deps, 1, { username: `pm-n1-${lang}`, name: "Nathan Vidal" });
      await makeAgent(deps, 2, { username: `pm-n2-${lang}`, name: "Salomé Brun" });
      const network = (await deps.db.getRepository(Category).findOneByOrFail({ name: "Network" })).id;
      // five reports of the same Wi-Fi trouble from Lyon this week
      const titles = lang === "en"
        ? ["Wifi drops in meeting room", "Wifi keeps disconnecting", "No wifi on floor 2", "Wifi very slow", "Wifi lost again"]
        : ["Le wifi coupe en salle de réunion", "Le wifi se déconnecte", "Pas de wifi au 2e étage", "Wifi très lent", "Encore plus de wifi"];
      const reports: Ticket[] = [];
      for (const title of titles) {
        clock.advance(30 * 60_000);
        reports.push(await makeTicket(deps, emp, { title, categoryId: network }));
      }
      await refreshProblemSuggestions(deps);

      // --- N2 opens the suggestions and creates the problem in one click
      const n2 = await suite.open();
      await signIn(n2, `pm-n2-${lang}`, lang);
      await n2.page.goto("/problems/suggested");
      await n2.page.getByRole("heading", { level: 1, name: L.problems.suggested.title }).waitFor();
      await n2.page.getByText(reports[0].title).first().waitFor();
      await screenshot(n2.page, `problems-suggested-${lang}`, lang);
      await n2.page.getByRole("button", { name: L.problems.suggested.create }).first().click();
      await n2.page.waitForURL(/\/problems\/PRB-\d+$/);
      for (const r of reports) await n2.page.locator("#incidents").getByRole("link", { name: num(r), exact: true }).waitFor();
      // ... and writes the analysis
      await n2.page.locator("summary", { hasText: L.problems.edit }).click();
      await n2.page.getByLabel(L.problems.fields.rootCause, { exact: true }).fill(lang === "en" ? "The access point firmware resets the radio every hour." : "Le micrologiciel de la borne réinitialise la radio toutes les heures.");
      await screenshot(n2.page, `problem-edit-${lang}`, lang);
      await n2.page.getByRole("button", { name: L.problems.save, exact: true }).click();
      await expectFlash(n2.page, L.problems.flash.updated);

      // --- N1 merges a duplicate report into the first one
      const duplicate = await makeTicket(deps, other, { title: titles[0], categoryId: network });
      const desk = await suite.open();
      await signIn(desk, `pm-n1-${lang}`, lang);
      await desk.page.goto(`/tickets/${num(duplicate)}`);
      await desk.page.locator("#links summary", { hasText: L.links.merge.heading }).click();
      await desk.page.getByLabel(L.links.merge.into_label).fill(num(reports[0]));
      await desk.page.getByRole("button", { name: L.links.merge.submit, exact: true }).click();
      await desk.page.getByText(fill(L.links.merged_into, { number: num(reports[0]) })).first().waitFor();
      await screenshot(desk.page, `ticket-merged-${lang}`, lang);
      await desk.page.goto(`/tickets/${num(reports[0])}`);
      await desk.page.getByText(L.links.merged_from).first().waitFor();
      await screenshot(desk.page, `ticket-merge-target-${lang}`, lang);
      expect((await deps.db.getRepository(Ticket).findOneByOrFail({ id: duplicate.id })).status).to.equal("closed");

      // --- an outage's public page, as any employee reads it
      const major = reports[1];
      await setMajor(deps, n1, major.id, majorSchema.parse({ publicTitle: lang === "en" ? "Wi-Fi unstable in Lyon" : "Wi-Fi instable à Lyon" }));
      clock.advance(5 * 60_000);
      await addComment(deps, n1, major.id, { body: lang === "en" ? "A fix is being deployed to every access point." : "Un correctif est en cours de déploiement sur toutes les bornes.", internal: false, files: [] });
      const reader = await suite.open();
      await signIn(reader, `pm-emp2-${lang}`, lang);
      await reader.page.goto(`/major/${num(major)}`);
      await reader.page.getByRole("button", { name: L.major.follow, exact: true }).waitFor();
      expect(await reader.page.locator("body").innerText()).not.to.contain(major.title);
      await screenshot(reader.page, `major-public-page-${lang}`, lang);
      await suite.finish();
    });
  }
});
