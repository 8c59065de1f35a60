import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { groupId, makeAgent, makeUser, N1, N2, N3 } from "../factories";
import { apiClient } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { Asset, AssetType, TicketAsset } from "../../src/modules/assets";
import { CatalogItem, CatalogRequest } from "../../src/modules/catalog";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { translator } from "../../src/platform/i18n";

/** error.fields carries messages in the caller's language: the expected i18n keys as English messages. */
const messages = (keys: Record<string, string>) => Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, translator("en")(v)]));

describe("HTTP: the service catalog in API v1", () => {
  let ctx: TestContext;
  let admin: Actor;
  let emp: Actor;
  const client = (a: Actor) => apiClient(ctx.deps, ctx.app, a);
  const LAPTOP = {
    name: "New laptop", description: "For your work.", category: "Hardware", group: N2, icon: "laptop", slaPriority: 2,
    fields: [
      { name: "reason", label: "Why?", type: "text", required: true },
      { name: "size", label: "Screen size", type: "choice", required: true, options: ["13 inch", "15 inch"] },
      { name: "start", label: "Needed by", type: "date" },
      { name: "device", label: "Your current device", type: "asset", assetTypes: ["laptop"] },
      { name: "dock", label: "Docking station", type: "boolean" },
    ],
    approval: "none", tasks: [{ title: "Prepare the laptop", group: N1 }],
  };

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    admin = await makeUser(ctx.deps, { username: "ca-admin", role: "admin" });
    emp = await makeUser(ctx.deps, { username: "ca-emp", name: "Emma Martin" });
    await makeUser(ctx.deps, { username: "ca-boss", name: "Béatrice Boss" });
  });

  it("an admin creates an item (201) with names for the category, groups and approver; others may not (403)", async () => {
    const api = await client(admin);
    await api.post("/catalog/categories", { name: "Hardware" }).expect(201);
    const created = await api.post("/catalog", { ...LAPTOP, approval: "named", approver: "ca-boss" }).expect(201);
    expect(created.body).to.deep.include({
      name: "New laptop", description: "For your work.", category: "Hardware", icon: "laptop", group: N2, slaPriority: 2, approval: "named",
      approver: "ca-boss", tasks: [{ title: "Prepare the laptop", group: N1 }], active: true, version: 1, fulfilAssetType: null,
    });
    expect(created.body.id).to.be.a("number");
    expect(created.body.fields[1]).to.deep.equal({ name: "size", label: "Screen size", type: "choice", required: true, help: null, options: ["13 inch", "15 inch"] });
    expect(created.body.fields[0]).to.deep.equal({ name: "reason", label: "Why?", type: "text", required: true, help: null });
    // a group by id works too; no category, defaults for the rest
    const bare = await api.post("/catalog", { name: "Access", group: await groupId(ctx.deps, N3), fields: [] }).expect(201);
    expect(bare.body).to.deep.include({ category: null, group: N3, icon: "box", approval: "none", slaPriority: null, fields: [], tasks: [] });
    for (const who of [emp, await makeAgent(ctx.deps, 2, { username: "ca-n2" })]) {
      await (await client(who)).post("/catalog", LAPTOP).expect(403);
      await (await client(who)).post("/catalog/categories", { name: "Rogue" }).expect(403);
    }
    expect(await ctx.deps.db.getRepository(CatalogItem).count()).to.equal(2);
  });

  it("refuses a bad definition with 422 and error.fields on the API's keys", async () => {
    const api = await client(admin);
    const bad = await api.post("/catalog", {
      name: "", group: "No such group", category: "Nope", approver: "nobody",
      fields: [{ name: "Bad Name", label: "x", type: "text" }, { name: "size", label: "Size", type: "choice" }, { name: "size", label: "Again", type: "colour" }],
      tasks: [{ title: "Do it", group: "Ghosts" }],
    }).expect(422);
    // every mistake at once, on the API's keys: the unknown names and the definition's own
    expect(bad.body.error.fields).to.deep.equal(messages({
      group: "validation.choice", category: "validation.choice", approver: "validation.unknown_user", "tasks.0.group": "validation.choice",
      name: "validation.required", "fields.0.name": "catalog.errors.field_name", "fields.1.options": "catalog.errors.options_required", "fields.2.type": "validation.choice",
      "fields.2.name": "catalog.errors.field_name_taken",
    }));
    const dup = await api.post("/catalog", { name: "Dup", group: N2, fields: [{ name: "a", label: "A", type: "text" }, { name: "a", label: "B", type: "text" }] }).expect(422);
    expect(dup.body.error.fields).to.deep.equal(messages({ "fields.1.name": "catalog.errors.field_name_taken" }));
    const extra = await api.post("/catalog", { name: "X", group: N2, fields: [{ name: "a", label: "A", type: "text", colour: "red" }], price: 3 }).expect(422);
    expect(extra.body.error.fields).to.deep.equal(messages({ price: "validation.unknown_field", "fields.0.colour": "validation.unknown_field" }));
    await api.post("/catalog", { name: "X", group: N2, fields: [{ name: "d", label: "D", type: "asset", assetTypes: ["spaceship"] }] }).expect(422)
      .then((r) => expect(r.body.error.fields).to.deep.equal(messages({ "fields.0.assetTypes": "catalog.errors.asset_types" })));
    expect(await ctx.deps.db.getRepository(CatalogItem).count()).to.equal(0);
  });

  it("lists and reads the items one may order (not the inactive ones); an admin reads the whole definition; PATCH on the version", async () => {
    const api = await client(admin);
    await api.post("/catalog/categories", { name: "Hardware" }).expect(201);
    const id = (await api.post("/catalog", LAPTOP).expect(201)).body.id as number;
    const off = (await api.post("/catalog", { name: "Old service", group: N2, active: false }).expect(201)).body.id as number;
    const empApi = await client(emp);
    const list = await empApi.get("/catalog").expect(200);
    expect(list.body.items.map((i: { name: string }) => i.name)).to.deep.equal(["New laptop"]);
    expect(list.body.items[0]).to.have.all.keys("id", "name", "description", "category", "icon", "fields");
    expect(list.body.items[0]).to.deep.include({ id, category: "Hardware", icon: "laptop" });
    expect(list.body.items[0].fields.map((f: { name: string }) => f.name)).to.deep.equal(["reason", "size", "start", "device", "dock"]);
    const one = await empApi.get(`/catalog/${id}`).expect(200);
    expect(one.body).to.not.have.property("tasks");
    await empApi.get(`/catalog/${off}`).expect(404);
    await empApi.get("/catalog/999999").expect(404);
    expect((await api.get(`/catalog/${off}`).expect(200)).body).to.deep.include({ active: false, version: 1 });

    const patched = await api.patch(`/catalog/${id}`, { version: 1, name: "New laptop (2026)", tasks: [], slaPriority: null }).expect(200);
    expect(patched.body).to.deep.include({ name: "New laptop (2026)", tasks: [], slaPriority: null, version: 2, category: "Hardware", group: N2 });
    expect(patched.body.fields).to.have.length(5);
    const stale = await api.patch(`/catalog/${id}`, { version: 1, name: "Stale" }).expect(409);
    expect(stale.body.error.code).to.equal("catalog_item_changed");
    expect((await api.patch(`/catalog/${id}`, { group: "Nobody" }).expect(422)).body.error.fields).to.deep.equal(messages({ group: "validation.choice" }));
    await empApi.patch(`/catalog/${id}`, { name: "Mine" }).expect(403);
    await api.patch("/catalog/999999", { name: "x" }).expect(404);
    await api.patch(`/catalog/${id}`, { active: false }).expect(200);
    expect((await empApi.get("/catalog").expect(200)).body.items).to.deep.equal([]);
  });

  it("orders an item: 201 with the REQ ticket (the same JSON as POST /tickets) and the answers; bad answers 422 by field name", async () => {
    const api = await client(admin);
    const id = (await api.post("/catalog", { ...LAPTOP, category: undefined, tasks: [] }).expect(201)).body.id as number;
    const typeId = (await ctx.deps.db.getRepository(AssetType).findOneByOrFail({ code: "laptop" })).id;
    const now = ctx.clock.now();
    const base = { typeId, status: "in_use" as const, manufacturer: null, model: null, serial: null, location: null, department: null, purchaseDate: null,
      warrantyEnd: null, notes: null, warrantyWarnedFor: null, version: 1, createdById: null, createdAt: now, updatedAt: now };
    const mine = await ctx.deps.db.getRepository(Asset).save({ ...base, tag: "PC-00010", name: "ThinkPad", ownerId: emp.id });
    await ctx.deps.db.getRepository(Asset).save({ ...base, tag: "PC-00011", name: "Not mine", ownerId: admin.id });
    const empApi = await client(emp);
    const bad = await empApi.post(`/catalog/${id}/requests`, { answers: { size: "17 inch", start: "2026-13-01", device: "PC-00011", dock: "yes" } }).expect(422);
    expect(bad.body.error.code).to.equal("validation_failed");
    expect(bad.body.error.fields).to.deep.equal(messages({
      reason: "validation.required", size: "validation.choice", start: "catalog.errors.date", device: "catalog.errors.not_your_asset", dock: "validation.invalid",
    }));
    await empApi.post(`/catalog/${id}/requests`, { answer: {} }).expect(422);
    const made = await empApi.post(`/catalog/${id}/requests`, { answers: { reason: "Old one died", size: "13 inch", start: "2026-12-01", device: "pc-00010", dock: true, other: 1 } }).expect(201);
    expect(made.body.number).to.match(/^REQ-\d{6}$/);
    expect(made.body).to.deep.include({ type: "request", title: "New laptop", channel: "api", requester: "ca-emp", group: N2, tier: 2, priority: "P2", status: "new" });
    const viaTickets = await empApi.post("/tickets", { type: "request", title: "Free form", description: "Something else" }).expect(201);
    expect(Object.keys(made.body).sort()).to.deep.equal([...Object.keys(viaTickets.body), "answers"].sort());
    expect(made.body.assets).to.deep.equal([{ tag: "PC-00010", name: "ThinkPad" }]);
    expect(made.body.answers).to.deep.equal([
      { name: "reason", label: "Why?", type: "text", value: "Old one died", display: null },
      { name: "size", label: "Screen size", type: "choice", value: "13 inch", display: null },
      { name: "start", label: "Needed by", type: "date", value: "2026-12-01", display: null },
      { name: "device", label: "Your current device", type: "asset", value: mine.id, display: "PC-00010 — ThinkPad" },
      { name: "dock", label: "Docking station", type: "boolean", value: true, display: null },
    ]);
    const ticketId = Number(made.body.number.slice(4));
    expect(await ctx.deps.db.getRepository(CatalogRequest).countBy({ ticketId })).to.equal(1);
    expect((await ctx.deps.db.getRepository(TicketAsset).findBy({ ticketId })).map((l) => l.assetId)).to.deep.equal([mine.id]);
    expect((await empApi.get(`/tickets/${made.body.number}`).expect(200)).body.number).to.equal(made.body.number);
    const count = await ctx.deps.db.getRepository(Ticket).count();
    await api.patch(`/catalog/${id}`, { active: false }).expect(200);
    await empApi.post(`/catalog/${id}/requests`, { answers: { reason: "x", size: "13 inch" } }).expect(404);
    await empApi.post("/catalog/999999/requests", { answers: {} }).expect(404);
    expect(await ctx.deps.db.getRepository(Ticket).count()).to.equal(count);
  });
});
