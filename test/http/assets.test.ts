import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, signIn } from "../helpers/http";
import { withTransaction } from "../../src/platform/db/transaction";
import { Asset, AssetHistory, AssetType } from "../../src/modules/assets/asset.entity";
import { attachAssets, createAsset, ensureAssetTypes, type CreateAssetInput } from "../../src/modules/assets";
import { createProblem } from "../../src/modules/problems/commands/problem-commands";
import { formatProblemNumber } from "../../src/modules/problems/problem.entity";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import type { Actor } from "../../src/access/actor";

describe("HTTP: the inventory pages (assets, My equipment, asset types)", () => {
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  let n2: Actor;
  let admin: Actor;
  const add = (over: Partial<CreateAssetInput> & { tag: string }) => createAsset(ctx.deps, admin, { name: `Device ${over.tag}`, type: "laptop", ...over });
  const history = async (tag: string) => {
    const a = await ctx.deps.db.getRepository(Asset).findOneByOrFail({ tag });
    return (await ctx.deps.db.getRepository(AssetHistory).find({ where: { assetId: a.id }, order: { id: "ASC" } }))
      .map((h) => [h.kind, h.field, h.fromValue, h.toValue]);
  };
  const link = (ticketId: number, asset: Asset) => withTransaction(ctx.deps.db, (tx) => attachAssets(tx, ticketId, [asset.id], n1.id, ctx.deps.clock.now()));

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "as-emp", name: "Alice Martin" });
    await makeUser(ctx.deps, { username: "as-emp2", name: "Bruno Petit" });
    n1 = await makeAgent(ctx.deps, 1, { username: "as-n1", name: "Nina Roux" });
    n2 = await makeAgent(ctx.deps, 2, { username: "as-n2" });
    admin = await makeUser(ctx.deps, { username: "as-admin", role: "admin" });
  });

  it("an agent adds an asset: bad input comes back (422) with the messages and what was typed, a taken tag is a 409 on the tag", async () => {
    const agent = await signIn(ctx.app, "as-n1");
    const token = await csrf(agent, "/assets/new");
    const bad = await agent.post("/assets").type("form")
      .send({ _csrf: token, tag: "pc 1", name: "", type: "spaceship", status: "in_use", owner: "ghost", purchaseDate: "2026-02-30", warrantyEnd: "" })
      .expect(422);
    expect(bad.text).to.contain("Use capital letters, digits and . _ - only");
    expect(bad.text).to.contain("This field is required.");
    expect(bad.text).to.contain("Enter a real date as YYYY-MM-DD.");
    expect(bad.text).to.contain('value="pc 1"');
    expect(bad.text).to.contain('value="2026-02-30"');
    // the form passes the field checks; the type and the owner are the command's (an unknown one named next to its field)
    const unknown = await agent.post("/assets").type("form")
      .send({ _csrf: token, tag: "pc-00123", name: "ThinkPad T14", type: "spaceship", status: "in_use", owner: "ghost" }).expect(422);
    expect(unknown.text).to.contain("Choose one of the options.");
    expect(unknown.text).to.contain("Nobody active has this username.");
    const created = await agent.post("/assets").type("form")
      .send({ _csrf: token, tag: " pc-00123 ", name: "ThinkPad T14", type: "laptop", status: "in_use", owner: "as-emp", location: "Lyon", warrantyEnd: "2027-01-31" })
      .expect(303);
    expect(created.headers.location).to.equal("/assets/PC-00123");
    const taken = await agent.post("/assets").type("form").send({ _csrf: token, tag: "PC-00123", name: "Another", type: "monitor", status: "in_stock" }).expect(409);
    expect(taken.text).to.contain("Another asset already has the tag PC-00123.");
    expect(taken.text).to.match(/id="f-tag"[^>]*aria-invalid="true"/);
    expect(await history("PC-00123")).to.deep.equal([["created", null, null, "in_use"], ["owner", null, null, "Alice Martin"]]);
    const page = await agent.get("/assets/PC-00123").expect(200);
    expect(page.text).to.contain("ThinkPad T14");
    expect(page.text).to.contain("Alice Martin (as-emp)");
    expect(page.text).to.contain("Added to the inventory (In use)");
  });

  it("lists with filters (type, status, location, owner, warranty, words) and a keyset Next link", async () => {
    await add({ tag: "MON-1", type: "monitor", status: "in_stock", location: "Paris", serial: "SN-ABC-77" });
    await add({ tag: "MON-2", type: "monitor", status: "in_repair", location: "Lyon", model: "UltraSharp U2723" });
    await add({ tag: "LT-SOON", owner: "as-emp2", warrantyEnd: "2026-12-10" });
    await add({ tag: "LT-OLD", warrantyEnd: "2025-01-01" });
    await add({ tag: "LT-LATER", warrantyEnd: "2027-06-01" });
    const agent = await signIn(ctx.app, "as-n1");
    const tags = async (q: string) => [...(await agent.get(`/assets${q}`).expect(200)).text.matchAll(/<a href="\/assets\/([A-Z0-9._-]+)">/g)].map((m) => m[1]);
    expect(await tags("?type=monitor")).to.deep.equal(["MON-2", "MON-1"]);
    expect(await tags("?status=in_repair")).to.deep.equal(["MON-2"]);
    expect(await tags("?location=Paris")).to.deep.equal(["MON-1"]);
    expect(await tags("?location=Par")).to.deep.equal([]);
    expect(await tags("?owner=as-emp2")).to.deep.equal(["LT-SOON"]);
    // today is 2026-11-23: "soon" is up to 2026-12-23
    expect(await tags("?warranty=soon")).to.deep.equal(["LT-SOON"]);
    expect(await tags("?warranty=expired")).to.deep.equal(["LT-OLD"]);
    expect(await tags("?q=mon")).to.deep.equal(["MON-2", "MON-1"]);
    expect(await tags("?q=abc-7")).to.deep.equal(["MON-1"]);
    expect(await tags("?q=ultrasharp")).to.deep.equal(["MON-2"]);
    expect(await tags("?q=SN-")).to.deep.equal(["MON-1"]);
    // a bad filter value is no filter, not an error page
    expect((await tags("?status=bogus&after=x")).length).to.be.greaterThan(5);

    for (let i = 1; i <= 52; i++) await add({ tag: `BULK-${String(i).padStart(3, "0")}`, type: "peripheral" });
    const first = await agent.get("/assets?type=peripheral").expect(200);
    const firstTags = [...first.text.matchAll(/<a href="\/assets\/(BULK-\d+)">/g)].map((m) => m[1]);
    expect(firstTags).to.have.length(50);
    expect(firstTags[0]).to.equal("BULK-052");
    const next = /id="next-page"|rel="next"/.test(first.text) ? /href="(\/assets\?[^"]+)" rel="next"/.exec(first.text)![1].replace(/&amp;/g, "&") : "";
    expect(next).to.match(/type=peripheral/).and.to.match(/after=\d+/);
    const second = await agent.get(next).expect(200);
    expect([...second.text.matchAll(/<a href="\/assets\/(BULK-\d+)">/g)].map((m) => m[1])).to.deep.equal(["BULK-002", "BULK-001"]);
    expect(second.text).to.not.contain('rel="next"');
    // export for the desk, import for admins only
    expect(first.text).to.contain('href="/assets/export.csv?type=peripheral"');
    expect(first.text).to.not.contain('href="/assets/import"');
    expect((await (await signIn(ctx.app, "as-admin")).get("/assets").expect(200)).text).to.contain('href="/assets/import"');
  });

  it("editing writes one history row per change; a stale version is a 409; retiring hands the device back", async () => {
    await add({ tag: "ED-1", status: "in_stock", location: "Lyon" });
    const agent = await signIn(ctx.app, "as-n1");
    const form = await agent.get("/assets/ED-1/edit").expect(200);
    expect(form.text).to.contain('name="version" value="1"');
    const token = await csrf(agent, "/assets/ED-1/edit");
    const base = { _csrf: token, tag: "ED-1", name: "Device ED-1", type: "laptop", status: "in_use", owner: "as-emp", location: "Paris", version: "1" };
    await agent.post("/assets/ED-1/edit").type("form").send(base).expect(303);
    expect((await history("ED-1")).slice(1)).to.deep.equal([
      ["field", "location", "Lyon", "Paris"], ["status", null, "in_stock", "in_use"], ["owner", null, null, "Alice Martin"],
    ]);
    // the same page posted again: somebody (here, the same form) changed it since
    const stale = await agent.post("/assets/ED-1/edit").type("form").send({ ...base, location: "Nice" }).expect(409);
    expect(stale.text).to.contain("changed this asset while you were editing it");
    expect(stale.text).to.contain('value="Nice"');
    // saving without a change writes nothing
    await agent.post("/assets/ED-1/edit").type("form").send({ ...base, version: "2" }).expect(303);
    expect(await history("ED-1")).to.have.length(4);
    // retired: the owner goes; naming a new owner for a retired device is refused
    const refused = await agent.post("/assets/ED-1/edit").type("form").send({ ...base, version: "2", status: "retired", owner: "as-emp2" }).expect(422);
    expect(refused.text).to.contain("A retired asset has been handed back");
    await agent.post("/assets/ED-1/edit").type("form").send({ ...base, version: "2", status: "retired" }).expect(303);
    expect((await history("ED-1")).slice(4)).to.deep.equal([["status", null, "in_use", "retired"], ["owner", null, "Alice Martin", null]]);
    const page = await agent.get("/assets/ED-1").expect(200);
    expect(page.text).to.contain("Owner: Alice Martin → —");
    expect(page.text).to.contain("by Nina Roux");
  });

  it("the asset page lists the linked tickets the viewer may read, their problems for the desk, and warns at 3 incidents in 30 days", async () => {
    const pc = await add({ tag: "REC-1", owner: "as-emp", status: "in_use" });
    const t1 = await makeTicket(ctx.deps, emp, { title: "Laptop will not boot" });
    const t2 = await makeTicket(ctx.deps, emp, { title: "Blue screen again" });
    const req = await makeTicket(ctx.deps, emp, { type: "request", title: "New charger" });
    const old = await makeTicket(ctx.deps, emp, { title: "Fan noise" });
    // an incident of two months ago does not make it recurring
    await ctx.deps.db.getRepository(Ticket).update({ id: old.id }, { createdAt: new Date("2026-09-20T09:00:00Z") });
    for (const t of [t1, t2, req, old]) await link(t.id, pc);
    const agent = await signIn(ctx.app, "as-n1");
    let page = await agent.get("/assets/REC-1").expect(200);
    expect(page.text).to.not.contain('id="recurring-warning"');
    for (const t of [t1, t2, req, old]) expect(page.text).to.contain(formatNumber(t.type, t.id));
    expect(page.text).to.contain("Linked tickets (4)");
    const t3 = await makeTicket(ctx.deps, emp, { title: "Keyboard dead" });
    await link(t3.id, pc);
    const problem = await createProblem(ctx.deps, n2, { fromIncidentId: t1.id });
    page = await agent.get("/assets/REC-1").expect(200);
    expect(page.text).to.contain('id="recurring-warning"');
    expect(page.text).to.contain("3 incidents in the last 30 days.");
    // newest first
    expect(page.text.indexOf(formatNumber(t3.type, t3.id))).to.be.lessThan(page.text.indexOf(formatNumber(t1.type, t1.id)));
    expect(page.text).to.contain(formatProblemNumber(problem.id));
    // an admin is not a ticket reader: the warning (a fact about the device), no ticket nor problem
    const adminPage = await (await signIn(ctx.app, "as-admin")).get("/assets/REC-1").expect(200);
    expect(adminPage.text).to.contain("3 incidents in the last 30 days.");
    expect(adminPage.text).to.contain("Linked tickets (0)");
    expect(adminPage.text).to.not.contain(formatProblemNumber(problem.id));
    expect(adminPage.text).to.not.contain(formatNumber(t1.type, t1.id));
  });

  it("refuses employees the inventory pages at the gate, and shows them their own equipment under My equipment", async () => {
    const mine = await add({ tag: "MY-1", owner: "as-emp", model: "Latitude 5440", serial: "SER-MY-1" });
    await add({ tag: "MY-2", owner: "as-emp2" });
    const returned = await add({ tag: "MY-OLD", owner: "as-emp" });
    await ctx.deps.db.getRepository(Asset).update({ id: returned.id }, { status: "retired" });
    const open = await makeTicket(ctx.deps, emp, { title: "Battery swollen" });
    const done = await makeTicket(ctx.deps, emp, { title: "Old trouble" });
    await ctx.deps.db.getRepository(Ticket).update({ id: done.id }, { status: "closed" });
    for (const t of [open, done]) await link(t.id, mine);
    const employee = await signIn(ctx.app, "as-emp");
    const token = await csrf(employee);
    for (const url of ["/assets", "/assets/MY-1", "/assets/MY-2", "/assets/new", "/assets/MY-1/edit", "/admin/asset-types"]) await employee.get(url).expect(403);
    await employee.post("/assets").type("form").send({ _csrf: token, tag: "X-1", name: "x", type: "laptop" }).expect(403);
    const home = await employee.get("/portal").expect(200);
    expect(home.text).to.contain('href="/my/equipment"');
    expect(home.text).to.not.contain('href="/assets"');
    const page = await employee.get("/my/equipment").expect(200);
    expect(page.text).to.contain("MY-1");
    expect(page.text).to.contain("Latitude 5440");
    expect(page.text).to.contain("SER-MY-1");
    expect(page.text).to.not.contain("MY-2");
    expect(page.text).to.not.contain("MY-OLD");
    expect(page.text).to.contain(formatNumber(open.type, open.id));
    expect(page.text).to.not.contain(formatNumber(done.type, done.id));
    expect(page.text).to.contain('href="/portal/new?type=incident&amp;asset=MY-1"');
    const other = await (await signIn(ctx.app, "as-emp2")).get("/my/equipment").expect(200);
    expect(other.text).to.contain("MY-2");
    expect(other.text).to.not.contain("MY-1");
    const nobody = await (await signIn(ctx.app, "as-n2")).get("/my/equipment").expect(200);
    expect(nobody.text).to.contain('id="no-equipment"');
  });

  it("the admin adds, renames and stops offering a type of their own; the built-ins are seeded once and translated", async () => {
    expect(await withTransaction(ctx.deps.db, (tx) => ensureAssetTypes(tx))).to.equal(0);
    expect(await ctx.deps.db.getRepository(AssetType).count({ where: { builtin: true } })).to.equal(11);
    const a = await signIn(ctx.app, "as-admin");
    const list = await a.get("/admin/asset-types").expect(200);
    expect(list.text).to.contain("Software licence");
    const token = await csrf(a, "/admin/asset-types");
    await a.post("/admin/asset-types").type("form").send({ _csrf: token, name: "Docking station" }).expect(303);
    const dock = await ctx.deps.db.getRepository(AssetType).findOneByOrFail({ code: "docking_station" });
    expect(dock).to.include({ name: "Docking station", builtin: false, active: true });
    const dup = await a.post("/admin/asset-types").type("form").send({ _csrf: token, name: "docking STATION" }).expect(422);
    expect(dup.text).to.contain("Another type already has this name.");
    await a.post("/admin/asset-types").type("form").send({ _csrf: token, name: "Laptop" }).expect(422);
    await a.post("/admin/asset-types").type("form").send({ _csrf: token, name: "" }).expect(422);
    await a.post(`/admin/asset-types/${dock.id}`).type("form").send({ _csrf: token, name: "Dock" }).expect(303);
    expect(await ctx.deps.db.getRepository(AssetType).findOneByOrFail({ id: dock.id })).to.include({ code: "docking_station", name: "Dock", active: false });
    const laptop = await ctx.deps.db.getRepository(AssetType).findOneByOrFail({ code: "laptop" });
    await a.get(`/admin/asset-types/${laptop.id}`).expect(404);
    // an inactive type is no longer offered
    const form = await (await signIn(ctx.app, "as-n1")).get("/assets/new").expect(200);
    expect(form.text).to.not.contain('value="docking_station"');
    expect(form.text).to.contain('value="laptop"');
    await (await signIn(ctx.app, "as-n1")).get("/admin/asset-types").expect(403);
    // French: the built-ins in French, the admin's own by its name
    await a.post("/locale").type("form").send({ _csrf: token, locale: "fr", back: "/admin/asset-types" }).expect(303);
    const fr = await a.get("/admin/asset-types").expect(200);
    expect(fr.text).to.contain("Licence logicielle");
    expect(fr.text).to.contain("Dock");
  });
});
