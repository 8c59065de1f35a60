import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { groupId, makeAgent, makeUser, N1, N2, N3 } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { AuditEntry } from "../../src/modules/admin/audit.entity";
import { CatalogCategory, CatalogItem } from "../../src/modules/catalog/catalog.entity";

/** A form body with repeated keys (a multi-select), as a browser sends it. */
const form = (entries: [string, string][]) => new URLSearchParams(entries).toString();

describe("HTTP: the service catalog's admin pages", () => {
  let ctx: TestContext;
  let root: Actor;
  let admin: Agent;
  let n1: number;
  let n2: number;
  let n3: number;
  const items = () => ctx.deps.db.getRepository(CatalogItem).find({ order: { id: "ASC" } });
  const post = async (url: string, entries: [string, string][], status: number) =>
    admin.post(url).type("form").send(form([["_csrf", await csrf(admin, "/admin/catalog")], ...entries])).expect(status);

  /** The basics of a valid item, with a laptop asked for. */
  const basics = (): [string, string][] => [
    ["name", "New laptop"], ["description", "A laptop for your work."], ["categoryId", ""], ["icon", "laptop"], ["groupId", String(n2)],
    ["slaPriority", "2"], ["approval", "none"], ["approver", ""], ["fulfilAssetTypeId", ""], ["position", "0"], ["active", "1"],
  ];

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    root = await makeUser(ctx.deps, { username: "cat-root", role: "admin" });
    await makeUser(ctx.deps, { username: "cat-boss", name: "Béatrice Boss" });
    admin = await signIn(ctx.app, "cat-root");
    [n1, n2, n3] = await Promise.all([groupId(ctx.deps, N1), groupId(ctx.deps, N2), groupId(ctx.deps, N3)]);
  });

  it("refuses the pages and forms to a requester and an agent (403), and saves nothing", async () => {
    await makeUser(ctx.deps, { username: "cat-emp" });
    await makeAgent(ctx.deps, 1, { username: "cat-n1" });
    for (const who of ["cat-emp", "cat-n1"]) {
      const a = await signIn(ctx.app, who);
      for (const url of ["/admin/catalog", "/admin/catalog/items/new", "/admin/catalog/items/1"]) await a.get(url).expect(403);
      const token = await csrf(a, "/portal");
      await a.post("/admin/catalog/items").type("form").send(form([["_csrf", token], ...basics()])).expect(403);
      await a.post("/admin/catalog/categories").type("form").send({ _csrf: token, name: "Rogue" }).expect(403);
    }
    expect(await items()).to.deep.equal([]);
    expect(await ctx.deps.db.getRepository(CatalogCategory).count()).to.equal(0);
  });

  it("manages categories: add (a taken name is a 422 on the form), rename, order, withdraw and offer again", async () => {
    await post("/admin/catalog/categories", [["name", "Hardware"], ["description", "Computers and screens"]], 303);
    await post("/admin/catalog/categories", [["name", "Software"]], 303);
    const taken = await post("/admin/catalog/categories", [["name", "hardware"]], 422);
    expect(taken.text).to.contain("Another category has this name.");
    expect(taken.text).to.match(/id="f-name" name="name" type="text"\s+value="hardware"/);
    const [hw, sw] = await ctx.deps.db.getRepository(CatalogCategory).find({ order: { id: "ASC" } });
    expect([hw.position, sw.position]).to.deep.equal([1, 2]);
    const clash = await post(`/admin/catalog/categories/${sw.id}`, [["name", "Hardware"]], 422);
    expect(clash.text).to.contain(`id="rename_${sw.id}_name-error"`);
    await post(`/admin/catalog/categories/${sw.id}`, [["name", "Software and licences"], ["description", ""]], 303);
    await post("/admin/catalog/categories/order", [[`pos_${hw.id}`, "5"], [`pos_${sw.id}`, "1"]], 303);
    const bad = await post("/admin/catalog/categories/order", [[`pos_${hw.id}`, "first"]], 422);
    expect(bad.text).to.contain(`id="pos_${hw.id}-error"`);
    await post(`/admin/catalog/categories/${hw.id}/active`, [["active", "0"]], 303);
    const [a, b] = await ctx.deps.db.getRepository(CatalogCategory).find({ order: { id: "ASC" } });
    expect([a.name, a.position, a.active, b.name, b.position]).to.deep.equal(["Hardware", 5, false, "Software and licences", 1]);
    const page = await admin.get("/admin/catalog").expect(200);
    expect(page.text.indexOf("Software and licences")).to.be.lessThan(page.text.indexOf('value="Hardware"'));
    expect(page.text).to.contain("Offer again");
    await post(`/admin/catalog/categories/${hw.id}/active`, [["active", "1"]], 303);
    expect((await ctx.deps.db.getRepository(CatalogCategory).findOneByOrFail({ id: hw.id })).active).to.equal(true);
    const actions = (await ctx.deps.db.getRepository(AuditEntry).find({ where: { actorId: root.id }, order: { id: "ASC" } })).map((e) => e.action);
    expect(actions).to.deep.equal([
      "catalog_category.create", "catalog_category.create", "catalog_category.rename", "catalog_category.reorder", "catalog_category.deactivate", "catalog_category.reactivate",
    ]);
  });

  it("'Add a question' and 'Add a task' show the form again with one more empty row and what was typed, saving nothing", async () => {
    const page = await admin.get("/admin/catalog/items/new").expect(200);
    expect(page.text).to.contain('name="field_0_label"');
    expect(page.text).to.not.contain('name="field_1_label"');
    const more = await post("/admin/catalog/items", [...basics(), ["field_0_label", "Screen size"], ["field_0_name", "screen"], ["field_0_type", "choice"],
      ["field_0_options", "13 inch\n15 inch"], ["field_0_order", "1"], ["_action", "add_field"]], 200);
    expect(more.text).to.contain('name="field_1_label"');
    expect(more.text).to.not.contain('name="field_2_label"');
    expect(more.text).to.match(/name="field_0_label" maxlength="100" value="Screen size"/);
    expect(more.text).to.contain("13 inch\n15 inch</textarea>");
    expect(more.text).to.match(/id="f-name" name="name" maxlength="150" required value="New laptop"/);
    const tasks = await post("/admin/catalog/items", [...basics(), ["task_0_title", "Prepare it"], ["task_0_groupId", String(n1)], ["_action", "add_task"]], 200);
    expect(tasks.text).to.contain('name="task_1_title"');
    expect(tasks.text).to.match(/name="task_0_title" maxlength="200" value="Prepare it"/);
    expect(await items()).to.deep.equal([]);
  });

  it("refuses a bad definition with 422, each message next to its row's input, what was typed kept", async () => {
    const res = await post("/admin/catalog/items", [
      ["name", ""], ["groupId", ""], ["icon", "laptop"], ["approval", "named"], ["approver", "nobody-here"],
      ["field_0_label", "Screen size"], ["field_0_name", "Screen Size"], ["field_0_type", "choice"], ["field_0_options", ""], ["field_0_order", "1"],
      ["field_1_label", "Reason"], ["field_1_name", "reason"], ["field_1_type", "text"], ["field_1_order", "2"],
      ["field_2_label", "Why"], ["field_2_name", "reason"], ["field_2_type", "text"], ["field_2_order", "3"],
      ["task_0_title", "Prepare it"], ["task_0_groupId", ""],
    ], 422);
    const errorOf = (id: string) => new RegExp(`id="${id}-error">([^<]+)<`).exec(res.text)?.[1];
    expect(errorOf("name")).to.equal("This field is required.");
    expect(errorOf("groupId")).to.equal("This field is required.");
    expect(errorOf("approver")).to.equal("No active user has this username.");
    expect(errorOf("field_0_name")).to.contain("Lowercase letters, digits and _ only");
    expect(errorOf("field_0_options")).to.contain("A choice needs at least one option");
    expect(errorOf("field_1_name")).to.equal(undefined);
    expect(errorOf("field_2_name")).to.equal("Another question of this item has this name.");
    expect(errorOf("task_0_groupId")).to.equal("This field is required.");
    expect(res.text).to.contain("Some fields need your attention.");
    expect(res.text).to.match(/name="field_0_name" maxlength="40" autocomplete="off" spellcheck="false" value="Screen Size"/);
    expect(res.text).to.match(/value="nobody-here"/);
    expect(await items()).to.deep.equal([]);
  });

  it("creates an item with its questions (ordered by their numbers, empty rows ignored) and its tasks, then edits it on its version", async () => {
    const created = await post("/admin/catalog/items", [...basics(),
      ["field_0_label", "Why do you need it?"], ["field_0_name", "reason"], ["field_0_type", "longtext"], ["field_0_required", "1"], ["field_0_order", "2"],
      ["field_1_label", "Screen size"], ["field_1_name", "screen"], ["field_1_type", "choice"], ["field_1_options", "13 inch\r\n\r\n15 inch\r\n"], ["field_1_order", "1"],
      ["field_1_help", "Bigger is heavier."],
      ["field_2_label", "Your current laptop"], ["field_2_name", "current"], ["field_2_type", "asset"], ["field_2_assetTypes", "laptop"], ["field_2_assetTypes", "desktop"],
      ["field_2_order", "3"],
      ["field_3_label", ""], ["field_3_name", ""], ["field_3_type", "text"], ["field_3_order", "4"],
      ["task_0_title", "Prepare the laptop"], ["task_0_groupId", String(n1)], ["task_0_order", "1"],
      ["task_1_title", "Install the software"], ["task_1_groupId", String(n3)], ["task_1_order", "2"],
      ["task_2_title", ""], ["task_2_groupId", String(n1)], ["task_2_order", "3"],
    ], 303);
    const url = created.headers.location as string;
    expect(url).to.match(/^\/admin\/catalog\/items\/\d+$/);
    let [item] = await items();
    expect(item.fields).to.deep.equal([
      { name: "screen", label: "Screen size", type: "choice", required: false, help: "Bigger is heavier.", options: ["13 inch", "15 inch"] },
      { name: "reason", label: "Why do you need it?", type: "longtext", required: true, help: null },
      { name: "current", label: "Your current laptop", type: "asset", required: false, help: null, assetTypes: ["laptop", "desktop"] },
    ]);
    expect(item.tasks).to.deep.equal([{ title: "Prepare the laptop", groupId: n1 }, { title: "Install the software", groupId: n3 }]);
    expect([item.name, item.icon, item.groupId, item.slaPriority, item.approval, item.active, item.version]).to.deep.equal(["New laptop", "laptop", n2, 2, "none", true, 1]);
    const page = await admin.get(url).expect(200);
    expect(page.text).to.contain('name="field_2_label"');
    expect(page.text).to.match(/<option value="laptop" selected>/);
    expect(page.text).to.contain('name="version" value="1"');
    expect(page.text).to.match(/<option value="2" selected>P2 \(4 h \/ 8 h\)<\/option>/);

    // the screen question removed, the reason moved last, an approver named; the asset question becomes a text
    const edit: [string, string][] = [...basics().filter(([k]) => k !== "approval" && k !== "approver"), ["approval", "named"], ["approver", "cat-boss"], ["version", "1"],
      ["field_0_label", "Screen size"], ["field_0_name", "screen"], ["field_0_type", "choice"], ["field_0_options", "13 inch"], ["field_0_remove", "1"], ["field_0_order", "1"],
      ["field_1_label", "Why do you need it?"], ["field_1_name", "reason"], ["field_1_type", "longtext"], ["field_1_order", "9"],
      ["field_2_label", "Your current laptop"], ["field_2_name", "current"], ["field_2_type", "text"], ["field_2_assetTypes", "laptop"], ["field_2_order", "3"],
      ["task_0_title", "Prepare the laptop"], ["task_0_groupId", String(n1)],
    ];
    await post(url, edit, 303);
    [item] = await items();
    expect(item.fields.map((f) => [f.name, f.type, f.assetTypes])).to.deep.equal([["current", "text", undefined], ["reason", "longtext", undefined]]);
    expect([item.approval, item.version, item.tasks.length]).to.deep.equal(["named", 2, 1]);
    // the page was on version 1: a 409, what was typed kept, now on the current version
    const stale = await post(url, [...edit.filter(([k]) => k !== "name"), ["name", "Stale laptop"]], 409);
    expect(stale.text).to.contain("Someone saved this item meanwhile.");
    expect(stale.text).to.contain('value="Stale laptop"');
    expect(stale.text).to.contain('name="version" value="2"');
    expect((await items())[0].name).to.equal("New laptop");
    const list = await admin.get("/admin/catalog").expect(200);
    expect(list.text).to.contain(`href="${url}">New laptop</a>`);
    const actions = (await ctx.deps.db.getRepository(AuditEntry).find({ where: { entityType: "catalog_item" }, order: { id: "ASC" } })).map((e) => e.action);
    expect(actions).to.deep.equal(["catalog_item.create", "catalog_item.update"]);
  });

  it("refuses an asset type that does not exist on a question's row (422)", async () => {
    const res = await post("/admin/catalog/items", [...basics(),
      ["field_0_label", "Device"], ["field_0_name", "device"], ["field_0_type", "asset"], ["field_0_assetTypes", "spaceship"]], 422);
    expect(res.text).to.match(/id="field_0_assetTypes-error">Choose among the asset types\.</);
  });
});
