import { expect } from "chai";
import { makeUser } from "../factories";
import { JobRunRow } from "../../src/platform/jobs";
import { browserSuite, expectFlash, fill, screenshot, signIn, squash, STRINGS } from "./helpers";

const MINUTE = 60_000;

describe("Browser: the Scheduled jobs admin page", function () {
  this.timeout(90_000);
  const suite = browserSuite();

  before(async () => {
    const { deps, clock } = suite.server.ctx;
    await makeUser(deps, { username: "jobs-admin", name: "Ada Admin", role: "admin" });
    // a history to look at: a night's directory sync that failed, then one that worked
    const repo = deps.db.getRepository(JobRunRow);
    const at = (min: number) => new Date(clock.now().getTime() - min * MINUTE);
    await repo.save([
      repo.create({ name: "ldap-sync", trigger: "schedule", actorId: null, startedAt: at(24 * 60), finishedAt: at(24 * 60 - 0.1), outcome: "failure", counts: {}, report: null, error: "[unreachable] connect ECONNREFUSED 10.0.0.5:389" }),
      repo.create({ name: "ldap-sync", trigger: "schedule", actorId: null, startedAt: at(60), finishedAt: new Date(at(60).getTime() + 4200), outcome: "success", counts: { seen: 412, created: 3, updated: 12, deactivated: 1, unchanged: 396, failed: 0 }, report: null, error: null }),
    ]);
  });

  for (const lang of ["en", "fr"] as const) {
    it(`an admin reads the jobs, runs one now and opens its history (${lang}, screenshots)`, async () => {
      const L = STRINGS[lang];
      const s = await suite.open();
      await signIn(s, "jobs-admin", lang);
      await s.page.goto("/admin/jobs");
      await s.page.getByRole("heading", { level: 1, name: L.jobs.title }).waitFor();
      const table = s.page.locator("#jobs");
      expect(squash(await table.locator("caption").innerText().catch(() => "")) || squash((await table.locator("caption").textContent()) ?? "")).to.equal(L.jobs.caption);
      const sync = table.locator('tr[data-job="ldap-sync"]');
      expect(squash(await sync.innerText())).to.contain(squash(L.jobs.descriptions["ldap-sync"]));
      // the outcome is a word on the badge, not only a colour
      expect(squash(await sync.locator(".badge").innerText())).to.equal(L.jobs.outcomes.success);

      await s.page.getByRole("button", { name: `${L.jobs.run_now} (session-prune)`, exact: true }).click();
      await s.page.waitForURL(/\/admin\/jobs$/);
      await expectFlash(s.page, fill(L.jobs.flash.done, { name: "session-prune", duration: "0\u00a0ms", counts: fill(L.jobs.count, { key: L.jobs.counts.deleted, value: 0 }) }));
      const prune = table.locator('tr[data-job="session-prune"]');
      expect(squash(await prune.locator(".badge").innerText())).to.equal(L.jobs.outcomes.success);
      expect(squash(await prune.innerText())).to.contain(squash(fill(L.jobs.by, { name: "Ada Admin" })));
      await screenshot(s.page, `jobs-admin-${lang}`, lang);

      await sync.getByRole("link", { name: "ldap-sync" }).click();
      await s.page.waitForURL(/\/admin\/jobs\/ldap-sync$/);
      const runs = s.page.locator("#runs tbody tr");
      await runs.first().waitFor();
      expect(await runs.count()).to.be.at.least(2);
      expect(squash(await runs.last().innerText())).to.contain("ECONNREFUSED");
      expect(squash(await runs.last().locator(".badge").innerText())).to.equal(L.jobs.outcomes.failure);
      await screenshot(s.page, `jobs-admin-history-${lang}`, lang);
      await suite.finish();
    });
  }
});
