import { expect } from "chai";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { createProblem, linkIncident, publishWorkaround } from "../../src/modules/problems/commands/problem-commands";
import { formatProblemNumber } from "../../src/modules/problems/problem.entity";
import { browserSuite, frenchTypographyIssues, screenshot, signIn, STRINGS } from "./helpers";

describe("Browser: the Problems pages", function () {
  this.timeout(90_000);
  const suite = browserSuite();
  let number = "";

  before(async () => {
    const { deps } = suite.server.ctx;
    const emp = await makeUser(deps, { username: "bp-emp", name: "Louise Garnier" });
    const n2 = await makeAgent(deps, 2, { username: "bp-n2", name: "Hugo Lambert" });
    const t1 = await makeTicket(deps, emp, { title: "Email is down" });
    const t2 = await makeTicket(deps, emp, { title: "Outlook cannot connect" });
    const p = await createProblem(deps, n2, { fromIncidentId: t1.id });
    await linkIncident(deps, n2, p.id, t2.id);
    await publishWorkaround(deps, n2, p.id, { text: "Utiliser le webmail en attendant", notifyRequesters: false });
    number = formatProblemNumber(p.id);
  });

  for (const lang of ["en", "fr"] as const) {
    it(`a specialist sees the known errors and a problem with its incidents (${lang}, screenshots)`, async () => {
      const L = STRINGS[lang];
      const s = await suite.open();
      await signIn(s, "bp-n2", lang);
      await s.page.goto("/problems?status=known_error");
      await s.page.locator("#problems").getByText(number).waitFor();
      await screenshot(s.page, `problems-known-errors-${lang}`, lang);
      await s.page.goto(`/problems/${number}`);
      await s.page.locator("#incidents").getByText("Outlook cannot connect").waitFor();
      await s.page.getByRole("heading", { name: L.problems.publish_workaround }).waitFor();
      await screenshot(s.page, `problem-${lang}`, lang);
      if (lang === "fr") expect(await frenchTypographyIssues(s.page)).to.deep.equal([]);
    });
  }
});
