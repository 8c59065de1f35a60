import { expect } from "chai";
import { groupId, makeUser, N1 } from "../factories";
import type { Actor } from "../../src/access/actor";
import { Asset, createAsset } from "../../src/modules/assets";
import { createItem, itemSchema } from "../../src/modules/catalog";
import { CatalogItem } from "../../src/modules/catalog/catalog.entity";
import { browserSuite, expectFlash, fill, PHONE, screenshot, signIn, squash, STRINGS, type Lang } from "./helpers";

const DAY = 24 * 3600_000;

/**
 * The inventory and catalog admin pages: the asset list and its filters, an asset's page, the
 * spreadsheet import (a preview with per-line errors, then the valid lines and a report), and
 * the catalog item editor with its "add a question" round trip.
 */
describe("Browser: the inventory and the catalog admin pages", function () {
  this.timeout(60_000);
  const suite = browserSuite();
  let admin: Actor;

  before(async () => {
    const { deps, clock } = suite.server.ctx;
    admin = await makeUser(deps, { username: "inv-admin", name: "Ada Admin", role: "admin" });
    await makeUser(deps, { username: "inv-emma", name: "Emma Martin" });
    await makeUser(deps, { username: "inv-lucas", name: "Lucas Bernard" });
    // bought a while ago, then today: the history has real dates
    const now = clock.now();
    clock.set(new Date(now.getTime() - 300 * DAY));
    const rows = [
      { tag: "PC-00101", name: "ThinkPad T14 Gen 3", type: "laptop", owner: "inv-emma", location: "Lyon", model: "T14 Gen 3", manufacturer: "Lenovo", warrantyEnd: "2026-12-10" },
      { tag: "PC-00102", name: "ThinkPad T14 Gen 4", type: "laptop", location: "Lyon", model: "T14 Gen 4", manufacturer: "Lenovo", warrantyEnd: "2028-05-31" },
      { tag: "PC-00103", name: "ThinkPad T14 Gen 4", type: "laptop", location: "Paris", model: "T14 Gen 4", manufacturer: "Lenovo", warrantyEnd: "2028-05-31" },
      { tag: "PC-00104", name: "Latitude 5420", type: "laptop", owner: "inv-lucas", location: "Paris", model: "5420", manufacturer: "Dell", warrantyEnd: "2025-09-30" },
      { tag: "MON-0042", name: "Dell P2723D", type: "monitor", owner: "inv-emma", location: "Lyon", model: "P2723D", manufacturer: "Dell" },
      { tag: "PRN-0007", name: "Floor 3 printer", type: "printer", location: "Lyon", model: "M479fdw", manufacturer: "HP", status: "in_repair" as const },
    ];
    for (const r of rows) await createAsset(deps, admin, { serial: `SN-${r.tag}`, ...r });
    clock.set(now);
  });

  /** The list's filter form, by its visible labels. */
  async function filter(page: import("playwright-core").Page, lang: Lang, values: { type?: string; status?: string; warranty?: string }): Promise<void> {
    const L = STRINGS[lang];
    const form = page.getByRole("search", { name: L.assets.filters });
    if (values.type) await form.getByLabel(L.assets.fields.type, { exact: true }).selectOption({ label: values.type });
    if (values.status) await form.getByLabel(L.assets.fields.status, { exact: true }).selectOption({ label: values.status });
    if (values.warranty) await form.getByLabel(L.assets.fields.warrantyEnd, { exact: true }).selectOption({ label: values.warranty });
    await form.getByRole("button", { name: L.filter.apply, exact: true }).click();
  }
  const tagsShown = async (page: import("playwright-core").Page) => (await page.locator("#assets tbody tr td:first-child").allInnerTexts()).map(squash);

  it("the admin filters the inventory and opens an asset (en, screenshots)", async () => {
    const L = STRINGS.en;
    const s = await suite.open();
    await signIn(s, "inv-admin", "en");
    await s.page.getByRole("navigation").getByRole("link", { name: L.assets.nav, exact: true }).click();
    await s.page.getByRole("heading", { level: 1, name: L.assets.title }).waitFor();
    expect(await tagsShown(s.page)).to.have.members(["MON-0042", "PC-00101", "PC-00102", "PC-00103", "PC-00104", "PRN-0007"]);
    await filter(s.page, "en", { type: L.assets.types.laptop, status: L.assets.status.in_stock });
    await s.page.waitForURL(/type=laptop/);
    expect(await tagsShown(s.page)).to.have.members(["PC-00102", "PC-00103"]).and.have.length(2);
    await screenshot(s.page, "assets-en-01-list-filtered");
    // the warranties ending within 30 days, whatever the type and status
    await s.page.goto("/assets");
    const soon = fill(L.assets.warranty.soon, { days: suite.server.ctx.config.automation.warrantyWarnDays });
    await filter(s.page, "en", { warranty: soon });
    expect(await tagsShown(s.page)).to.deep.equal(["PC-00101"]);
    await s.page.locator("#assets").getByText(soon, { exact: true }).waitFor();
    await screenshot(s.page, "assets-en-02-list-warranty-soon");
    await s.page.locator("#assets").getByRole("link", { name: "PC-00101" }).click();
    await s.page.waitForURL(/\/assets\/PC-00101$/);
    const record = s.page.getByRole("region", { name: L.assets.record });
    await record.getByText("Emma Martin (inv-emma)").waitFor();
    await record.getByText(soon, { exact: true }).waitFor();
    const history = s.page.locator("#asset-history").getByRole("listitem");
    expect((await history.allInnerTexts()).map(squash).join("\n")).to.contain(squash(fill(L.assets.kinds.owner, { from: "—", to: "Emma Martin" }).replace(/^o/, "O")));
    await screenshot(s.page, "assets-en-03-detail");
    await suite.finish();
  });

  it("the admin imports a spreadsheet: a preview with per-line errors, then the valid lines and a report (en, screenshots)", async () => {
    const L = STRINGS.en;
    const { deps } = suite.server.ctx;
    const csv = [
      "tag,name,type,status,owner,location,warranty_end",
      "PC-01001,ThinkPad T14 Gen 5,laptop,in stock,,Lyon,2029-06-30",
      "PC-01002,ThinkPad T14 Gen 5,laptop,in use,inv-lucas,Lyon,2029-06-30",
      "MON-2001,Dell P2723D,Monitor,,inv-emma@example.org,Paris,31/12/2028",
      "PC-00101,Duplicate of an existing one,laptop,,,Lyon,",
      "PC-01003,Latitude 7440,laptop,,jdoe,Paris,",
      "PC-01004,Latitude 7440,laptop,,,Paris,2029-02-30",
    ].join("\r\n");
    const s = await suite.open();
    await signIn(s, "inv-admin", "en");
    await s.page.goto("/assets");
    await s.page.getByRole("link", { name: L.assets.import, exact: true }).click();
    await s.page.getByRole("heading", { level: 1, name: L.assetImport.title }).waitFor();
    await s.page.getByLabel(L.assetImport.file_label).setInputFiles({ name: "inventory.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await s.page.getByRole("button", { name: L.assetImport.preview_button, exact: true }).click();
    await s.page.getByRole("heading", { level: 1, name: L.assetImport.preview_title }).waitFor();
    await s.page.getByText(squash(fill(L.assetImport.counts, { total: 6, valid: 3, invalid: 3 }))).waitFor();
    const bad = s.page.getByRole("table", { name: fill(L.assetImport.bad_lines, { count: 3 }) });
    const line = (n: number) => bad.locator(`tr[data-line="${n}"]`);
    expect(squash(await line(5).innerText())).to.contain(fill(L.assetImport.errors.tag_exists, { value: "PC-00101" }));
    expect(squash(await line(6).innerText())).to.contain(squash(fill(L.assetImport.errors.unknown_owner, { value: "jdoe" })));
    expect(squash(await line(7).innerText())).to.contain(squash(fill(L.assetImport.errors.bad_date, { value: "2029-02-30" })));
    const good = s.page.getByRole("table", { name: fill(L.assetImport.good_lines, { count: 3 }) });
    expect(squash(await good.locator('tr[data-line="4"]').innerText())).to.contain("Emma Martin");
    await screenshot(s.page, "assets-en-04-import-preview");
    expect(await deps.db.getRepository(Asset).count(), "nothing imported before the confirmation").to.equal(6);

    await s.page.getByRole("button", { name: fill(L.assetImport.apply_button, { count: 3 }), exact: true }).click();
    await s.page.getByRole("heading", { level: 1, name: L.assetImport.report_title }).waitFor();
    await expectFlash(s.page, fill(L.assetImport.flash.imported, { count: 3 }));
    await s.page.getByText(fill(L.assetImport.report_counts, { created: 3, skipped: 3 })).waitFor();
    for (const tag of ["PC-01001", "PC-01002", "MON-2001"]) await s.page.locator("#created-assets").getByRole("link", { name: tag }).waitFor();
    await screenshot(s.page, "assets-en-05-import-report");
    const imported = await deps.db.getRepository(Asset).find({ where: [{ tag: "PC-01001" }, { tag: "PC-01002" }, { tag: "MON-2001" }], order: { tag: "ASC" } });
    expect(imported.map((a) => [a.tag, a.status, a.warrantyEnd])).to.deep.equal([
      ["MON-2001", "in_use", "2028-12-31"], ["PC-01001", "in_stock", "2029-06-30"], ["PC-01002", "in_use", "2029-06-30"],
    ]);
    await suite.finish();
  });

  it("the admin edits a catalog item and adds a question (en, screenshots)", async () => {
    const L = STRINGS.en;
    const { deps } = suite.server.ctx;
    const item = await createItem(deps, admin, itemSchema.parse({
      name: "Software installation", description: "A program installed on your computer by IT.", icon: "software", groupId: await groupId(deps, N1),
      approval: "manager",
      fields: [
        { name: "software", label: "Which software?", type: "choice", required: true, options: ["Adobe Acrobat Pro", "Visio", "Power BI Desktop"] },
        { name: "computer", label: "On which computer?", type: "asset", assetTypes: ["laptop", "desktop"] },
        { name: "why", label: "What do you need it for?", type: "longtext", help: "Your manager reads it before approving." },
      ],
      tasks: [{ title: "Install the software", groupId: await groupId(deps, N1) }],
    }));
    const s = await suite.open();
    await signIn(s, "inv-admin", "en");
    await s.page.goto("/admin/catalog");
    await s.page.getByRole("link", { name: item.name }).first().click();
    await s.page.getByRole("heading", { level: 1, name: fill(L.catalog.admin.edit_item, { name: item.name }) }).waitFor();
    const rows = s.page.locator("fieldset.field-row");
    expect(await rows.count()).to.equal(3);
    await screenshot(s.page, "catalog-admin-en-01-item");

    await s.page.getByRole("button", { name: L.catalog.admin.add_field, exact: true }).click();
    await s.page.getByRole("group", { name: fill(L.catalog.admin.field_n, { n: 4 }) }).waitFor();
    expect(await rows.count()).to.equal(4);
    const added = s.page.getByRole("group", { name: fill(L.catalog.admin.field_n, { n: 4 }) });
    await added.getByLabel(L.catalog.admin.field_label, { exact: true }).fill("Licence needed until");
    await added.getByLabel(L.catalog.admin.field_name, { exact: true }).fill("until");
    await added.getByLabel(L.catalog.admin.field_type, { exact: true }).selectOption({ label: L.catalog.field_types.date });
    await screenshot(s.page, "catalog-admin-en-02-item-added-field");
    await s.page.getByRole("button", { name: L.catalog.admin.save, exact: true }).click();
    await expectFlash(s.page, fill(L.catalog.admin.flash.item_saved, { name: item.name }));
    const saved = await deps.db.getRepository(CatalogItem).findOneByOrFail({ id: item.id });
    expect(saved.fields.map((f) => [f.name, f.type])).to.deep.equal([["software", "choice"], ["computer", "asset"], ["why", "longtext"], ["until", "date"]]);
    await suite.finish();
  });

  it("the inventory in French, on a desktop and on a phone (screenshots)", async () => {
    const L = STRINGS.fr;
    for (const [name, viewport] of [["desktop", undefined], ["phone", PHONE]] as const) {
      const s = await suite.open(viewport);
      await signIn(s, "inv-admin", "fr");
      await s.page.goto("/assets");
      await s.page.getByRole("heading", { level: 1, name: L.assets.title }).waitFor();
      await s.page.locator("#assets").getByText(L.assets.status.in_repair, { exact: true }).waitFor();
      await s.page.locator("#assets").getByText(L.assets.warranty.expired, { exact: true }).waitFor();
      // the table scrolls inside its box: the page is no wider than the screen
      if (viewport) expect(await s.page.evaluate("document.documentElement.scrollWidth") as number).to.be.at.most(viewport.width);
      await screenshot(s.page, `assets-fr-01-list-${name}`, "fr");
    }
    const s = await suite.open();
    await signIn(s, "inv-admin", "fr");
    await s.page.goto("/assets/PC-00104");
    await s.page.getByRole("region", { name: L.assets.record }).getByText("Lucas Bernard (inv-lucas)").waitFor();
    await screenshot(s.page, "assets-fr-02-detail", "fr");
    await s.page.goto("/assets/import");
    await s.page.getByRole("heading", { level: 1, name: L.assetImport.title }).waitFor();
    await screenshot(s.page, "assets-fr-03-import", "fr");
    await suite.finish();
  });
});
