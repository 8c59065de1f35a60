import { expect } from "chai";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import { resumeTicket } from "../../src/modules/tickets/commands/resume-ticket";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { browserSuite, frenchTypographyIssues, screenshot, signIn, STRINGS } from "./helpers";

const paris = (isoLocal: string) => new Date(`${isoLocal}+01:00`);

describe("Browser: SLA badges, the ticket's clock and the SLA admin page", function () {
  this.timeout(90_000);
  const suite = browserSuite();
  let number = "";

  before(async () => {
    const { deps, clock } = suite.server.ctx;
    clock.set(paris("2026-11-23T09:00:00"));
    const emp = await makeUser(deps, { username: "b-sla-emp", name: "Chloé Bernard" });
    const n1 = await makeAgent(deps, 1, { username: "b-sla-n1", name: "Nadia N1" });
    await makeUser(deps, { username: "b-sla-admin", role: "admin", name: "Ada Admin" });
    await makeTicket(deps, emp, { title: "Payroll server down", impact: "high", urgency: "high" });
    await makeTicket(deps, emp, { title: "New mouse please", impact: "low", urgency: "low" });
    const t = await makeTicket(deps, emp, { title: "Printer offline on floor 2", impact: "medium", urgency: "medium" });
    number = formatNumber(t.type, t.id);
    clock.set(paris("2026-11-23T10:00:00"));
    await setPending(deps, n1, t.id, { reason: "requester", note: "Numéro de série de l’imprimante" });
    clock.set(paris("2026-11-24T11:00:00"));
    await resumeTicket(deps, n1, t.id);
    clock.set(paris("2026-11-24T11:30:00"));
  });

  for (const lang of ["en", "fr"] as const) {
    it(`the queue shows the SLA badges sorted by due date, the ticket its clock (${lang})`, async () => {
      const L = STRINGS[lang];
      const s = await suite.open();
      await signIn(s, "b-sla-n1", lang);
      await s.page.goto("/desk/queues/1?view=open&sort=due");
      await s.page.locator(".queue-table").getByText(L.sla.state.breached).first().waitFor();
      const titles = await s.page.locator(".queue-table .title-cell").allInnerTexts();
      expect(titles[0]).to.contain("Payroll server down");
      await screenshot(s.page, `sla-queue-${lang}`, lang);
      await s.page.goto(`/tickets/${number}`);
      const panel = s.page.locator("#sla-panel");
      await panel.getByText(L.sla.panel.kinds.pause).waitFor();
      await panel.getByText(L.sla.panel.kinds.resume).waitFor();
      await screenshot(s.page, `sla-ticket-${lang}`, lang);
      if (lang === "fr") expect(await frenchTypographyIssues(s.page)).to.deep.equal([]);
    });
  }

  it("the admin edits the SLA policies (screenshot)", async () => {
    const s = await suite.open();
    await signIn(s, "b-sla-admin", "fr");
    await s.page.goto("/admin/sla");
    await s.page.getByRole("heading", { level: 1, name: STRINGS.fr.sla.admin.title }).waitFor();
    await screenshot(s.page, "sla-admin-fr", "fr");
    expect(await frenchTypographyIssues(s.page)).to.deep.equal([]);
  });
});
