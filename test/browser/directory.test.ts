import { expect } from "chai";
import { makeUser, N2 } from "../factories";
import { ldapOrSkip, type Slapd } from "../helpers/slapd";
import { configureLdap, DIRECTORY_PASSWORD, ELODIE_PASSWORD, mapFixtureGroups, saveLdap } from "../helpers/directory";
import { browserSuite, fill, frenchTypographyIssues, screenshot, signIn, STRINGS } from "./helpers";

describe("Browser: directory sign-in and the directory admin pages", function () {
  this.timeout(90_000);
  const suite = browserSuite();
  let dir: Slapd;
  let restore: () => void = () => undefined;

  before(async function () {
    dir = await ldapOrSkip(this);
    const { deps } = suite.server.ctx;
    restore = saveLdap(deps);
    configureLdap(deps, dir);
    await mapFixtureGroups(deps);
    await makeUser(deps, { username: "it-admin", name: "Ada Admin", role: "admin" });
  });
  after(async () => {
    restore();
    await dir?.destroy();
  });

  it("an employee signs in with her directory password and lands on the portal in her language", async () => {
    const s = await suite.open();
    await signIn(s, "elodie", "fr", ELODIE_PASSWORD);
    expect(new URL(s.page.url()).pathname).to.equal("/portal");
    await s.page.getByText("Élodie Dupré").first().waitFor();
    await screenshot(s.page, "directory-signin-portal-fr", "fr");
  });

  it("a directory technician lands on the desk of his tier", async () => {
    const s = await suite.open();
    await signIn(s, "victor", "en", DIRECTORY_PASSWORD);
    expect(new URL(s.page.url()).pathname).to.match(/^\/desk/);
    await s.page.getByRole("navigation").getByText("N2").first().waitFor();
    await screenshot(s.page, "directory-signin-desk-en", "en");
  });

  it("a wrong directory password shows the sign-in error next to the form", async () => {
    const s = await suite.open();
    s.problems.expectDocument("/login", 401);
    await s.page.goto("/login");
    await s.page.getByLabel(STRINGS.en.auth.username, { exact: true }).fill("victor");
    await s.page.getByLabel(STRINGS.en.auth.password, { exact: true }).fill("not-his-password");
    await s.page.getByRole("button", { name: STRINGS.en.auth.submit, exact: true }).click();
    await s.page.getByText(STRINGS.en.auth.invalid).waitFor();
  });

  // French first: the English run ends with a sync, after which there is nothing left to preview
  for (const lang of ["fr", "en"] as const) {
    it(`the admin configures, tests, maps and previews (${lang}, screenshots)`, async () => {
      const L = STRINGS[lang];
      const s = await suite.open();
      await signIn(s, "it-admin", lang);
      await s.page.goto("/admin/directory");
      await s.page.getByRole("heading", { level: 1, name: L.directory.settings.title }).waitFor();
      await s.page.getByLabel(L.directory.settings.test_username).fill("victor");
      await s.page.getByRole("button", { name: L.directory.settings.test_submit, exact: true }).click();
      await s.page.locator("#test-access strong").getByText(L.role.agent, { exact: true }).waitFor();
      await s.page.locator("#test-result").getByText(N2).first().waitFor();
      await screenshot(s.page, `directory-settings-${lang}`, lang);
      if (lang === "fr") expect(await frenchTypographyIssues(s.page)).to.deep.equal([]);

      await s.page.goto("/admin/directory/mappings");
      await s.page.locator("#mappings").getByText("IT-Managers").waitFor();
      await screenshot(s.page, `directory-mappings-${lang}`, lang);
      if (lang === "fr") expect(await frenchTypographyIssues(s.page)).to.deep.equal([]);

      await s.page.goto("/admin/directory/sync");
      await s.page.getByRole("link", { name: L.directory.sync.preview }).click();
      await s.page.locator("#preview-table").getByText("Olga Ortiz", { exact: true }).waitFor();
      await screenshot(s.page, `directory-sync-preview-${lang}`, lang);
      if (lang === "fr") expect(await frenchTypographyIssues(s.page)).to.deep.equal([]);
      if (lang === "en") {
        await s.page.getByRole("button", { name: L.directory.sync.apply, exact: true }).click();
        await s.page.getByText(fill(L.directory.flash.synced, { created: 9, updated: 0, deactivated: 0 }).slice(0, 20)).first().waitFor();
        await s.page.locator("#runs").getByText(L.directory.sync.outcomes.success).first().waitFor();
        await screenshot(s.page, `directory-sync-done-${lang}`, lang);
      }
    });
  }
});
