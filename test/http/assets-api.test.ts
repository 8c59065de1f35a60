import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { apiClient } from "../helpers/http";
import { withTransaction } from "../../src/platform/db/transaction";
import { Asset, AssetHistory } from "../../src/modules/assets/asset.entity";
import { User } from "../../src/modules/users/user.entity";
import { attachAssets } from "../../src/modules/assets";
import { createProblem } from "../../src/modules/problems/commands/problem-commands";
import { formatProblemNumber } from "../../src/modules/problems/problem.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import type { Actor } from "../../src/access/actor";

describe("HTTP: assets through API v1", () => {
  let ctx: TestContext;
  let emp: Actor;
  let emp2: Actor;
  let n1: Actor;
  let n2: Actor;
  let admin: Actor;
  const client = (actor: Actor) => apiClient(ctx.deps, ctx.app, actor);

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "aa-emp", name: "Alice Martin" });
    emp2 = await makeUser(ctx.deps, { username: "aa-emp2", name: "Bruno Petit" });
    n1 = await makeAgent(ctx.deps, 1, { username: "aa-n1", name: "Nina Roux" });
    n2 = await makeAgent(ctx.deps, 2, { username: "aa-n2" });
    admin = await makeUser(ctx.deps, { username: "aa-admin", role: "admin" });
  });

  it("POST creates an asset (201, the contract's fields), a taken tag is a 409, bad fields a 422 naming each one", async () => {
    const api = await client(n1);
    const created = await api.post("/assets", {
      tag: "pc-00123", name: "ThinkPad T14", type: "laptop", owner: "aa-emp", location: "Lyon", serial: "SN1", warrantyEnd: "2027-01-31", notes: "Spare charger in IT.",
    }).expect(201);
    expect(created.body).to.deep.include({
      tag: "PC-00123", name: "ThinkPad T14", type: "laptop", typeName: "Laptop", status: "in_use", owner: "aa-emp", ownerName: "Alice Martin",
      location: "Lyon", serial: "SN1", warrantyEnd: "2027-01-31", purchaseDate: null, notes: "Spare charger in IT.", version: 1,
      tickets: [], problems: [], recentIncidents: 0, recurring: false,
    });
    expect(created.body.history.map((h: { kind: string; to: string; actor: string }) => [h.kind, h.to, h.actor]))
      .to.deep.equal([["owner", "Alice Martin", "aa-n1"], ["created", "in_use", "aa-n1"]]);
    // without an owner nor a status: in stock
    expect((await api.post("/assets", { tag: "MON-1", name: "Screen", type: "monitor" }).expect(201)).body.status).to.equal("in_stock");
    const taken = await api.post("/assets", { tag: " Pc-00123", name: "Again", type: "laptop" }).expect(409);
    expect(taken.body.error.code).to.equal("asset_tag_taken");
    const bad = await api.post("/assets", { tag: "bad tag", name: "", type: "laptop", warrantyEnd: "2026-13-01", colour: "red" }).expect(422);
    expect(Object.keys(bad.body.error.fields).sort()).to.deep.equal(["colour", "name", "tag", "warrantyEnd"]);
    const unknown = await api.post("/assets", { tag: "X-1", name: "x", type: "spaceship", owner: "ghost" }).expect(422);
    expect(Object.keys(unknown.body.error.fields).sort()).to.deep.equal(["owner", "type"]);
    const retired = await api.post("/assets", { tag: "X-2", name: "x", type: "laptop", owner: "aa-emp", status: "retired" }).expect(422);
    expect(Object.keys(retired.body.error.fields)).to.deep.equal(["owner"]);
    // employees do not create assets
    await (await client(emp)).post("/assets", { tag: "X-3", name: "x", type: "laptop" }).expect(403);
    expect(await ctx.deps.db.getRepository(Asset).count()).to.equal(2);
  });

  it("GET lists with filters and keyset pages; an employee gets only their own, whatever the filter", async () => {
    const api = await client(admin);
    for (const [tag, type, owner] of [["A-1", "laptop", "aa-emp"], ["A-2", "monitor", "aa-emp"], ["B-1", "laptop", "aa-emp2"], ["C-1", "phone", null], ["C-2", "laptop", null]] as const) {
      await api.post("/assets", { tag, name: `Device ${tag}`, type, ...(owner ? { owner } : {}) }).expect(201);
    }
    const tags = (body: { items: { tag: string }[] }) => body.items.map((i) => i.tag);
    expect(tags((await api.get("/assets?type=laptop").expect(200)).body)).to.deep.equal(["C-2", "B-1", "A-1"]);
    expect(tags((await api.get("/assets?owner=aa-emp&status=in_use").expect(200)).body)).to.deep.equal(["A-2", "A-1"]);
    expect(tags((await api.get("/assets?q=c-").expect(200)).body)).to.deep.equal(["C-2", "C-1"]);
    expect(tags((await api.get("/assets?owner=me").expect(200)).body)).to.deep.equal([]);
    const p1 = await api.get("/assets?limit=2").expect(200);
    expect(tags(p1.body)).to.deep.equal(["C-2", "C-1"]);
    expect(p1.body.next).to.be.a("number");
    const p2 = await api.get(`/assets?limit=2&after=${p1.body.next}`).expect(200);
    expect(tags(p2.body)).to.deep.equal(["B-1", "A-2"]);
    const p3 = await api.get(`/assets?limit=2&after=${p2.body.next}`).expect(200);
    expect(tags(p3.body)).to.deep.equal(["A-1"]);
    expect(p3.body.next).to.equal(null);
    const badQuery = await api.get("/assets?status=broken&limit=500").expect(422);
    expect(Object.keys(badQuery.body.error.fields).sort()).to.deep.equal(["limit", "status"]);

    const mine = await client(emp);
    expect(tags((await mine.get("/assets?owner=me").expect(200)).body)).to.deep.equal(["A-2", "A-1"]);
    expect(tags((await mine.get("/assets").expect(200)).body)).to.deep.equal(["A-2", "A-1"]);
    expect(tags((await mine.get("/assets?owner=aa-emp2").expect(200)).body)).to.deep.equal([]);
    expect(tags((await mine.get("/assets?type=laptop").expect(200)).body)).to.deep.equal(["A-1"]);
    // the desk's notes are not the employee's
    expect((await mine.get("/assets").expect(200)).body.items[0]).to.not.have.property("notes");
  });

  it("GET one: its tickets, history, problems and recurrence; 404 for what the caller may not read", async () => {
    const api = await client(n1);
    await api.post("/assets", { tag: "PC-1", name: "Laptop", type: "laptop", owner: "aa-emp" }).expect(201);
    await api.post("/assets", { tag: "PC-2", name: "Laptop", type: "laptop", owner: "aa-emp2" }).expect(201);
    const pc = await ctx.deps.db.getRepository(Asset).findOneByOrFail({ tag: "PC-1" });
    const tickets = [];
    for (const title of ["Will not boot", "Blue screen", "Keyboard dead"]) {
      const t = await makeTicket(ctx.deps, emp, { title });
      await withTransaction(ctx.deps.db, (tx) => attachAssets(tx, t.id, [pc.id], n1.id, ctx.deps.clock.now()));
      tickets.push(t);
    }
    const problem = await createProblem(ctx.deps, n2, { fromIncidentId: tickets[0].id });
    const got = await api.get("/assets/pc-1").expect(200);
    expect(got.body.tickets).to.deep.equal(tickets.reverse().map((t) => ({
      number: formatNumber(t.type, t.id), status: "new", title: t.title, createdAt: t.createdAt.toISOString(),
    })));
    expect(got.body.problems).to.deep.equal([{ number: formatProblemNumber(problem.id), title: problem.title, status: "new" }]);
    expect(got.body).to.include({ recentIncidents: 3, recurring: true });
    expect(got.body.history[0]).to.have.keys(["kind", "field", "from", "to", "note", "actor", "at"]);

    const mine = await client(emp);
    const own = await mine.get("/assets/PC-1").expect(200);
    expect(own.body.tickets).to.have.length(3);
    expect(own.body.problems).to.deep.equal([]);
    expect(own.body).to.not.have.property("notes");
    // the desk's notes, earlier owners and the tickets of others stay the desk's: the employee reads the status story
    await api.patch("/assets/PC-1", { notes: "DESK ONLY: HR case 42", version: 1 }).expect(200);
    const after = (await mine.get("/assets/PC-1").expect(200)).body;
    expect(after.history.map((h: { kind: string }) => h.kind)).to.deep.equal(["created"]);
    expect(JSON.stringify(after)).to.not.include("HR case");
    // another's asset, and one that does not exist, look the same
    expect((await mine.get("/assets/PC-2").expect(404)).body.error.code).to.equal("asset_not_found");
    await mine.get("/assets/NOPE-1").expect(404);
    // another employee's tickets on this asset are not theirs to read
    await withTransaction(ctx.deps.db, async (tx) => tx.update(Asset, { tag: "PC-1" }, { ownerId: emp2.id }));
    const theirs = await (await client(emp2)).get("/assets/PC-1").expect(200);
    expect(theirs.body.tickets).to.deep.equal([]);
    expect(theirs.body.recentIncidents).to.equal(3);
  });

  it("PATCH edits on the version seen, one history row per change; stale is a 409, employees a 403", async () => {
    const api = await client(n1);
    await api.post("/assets", { tag: "PT-1", name: "Phone", type: "phone", location: "Lyon" }).expect(201);
    await api.patch("/assets/PT-1", { location: "Paris" }).expect(422);
    const patched = await api.patch("/assets/PT-1", { version: 1, owner: "aa-emp2", status: "in_use", location: null, model: "Pixel 8" }).expect(200);
    expect(patched.body).to.include({ owner: "aa-emp2", status: "in_use", location: null, model: "Pixel 8", version: 2 });
    const a = await ctx.deps.db.getRepository(Asset).findOneByOrFail({ tag: "PT-1" });
    const rows = await ctx.deps.db.getRepository(AssetHistory).find({ where: { assetId: a.id }, order: { id: "ASC" } });
    expect(rows.map((h) => [h.kind, h.field, h.fromValue, h.toValue, h.actorId])).to.deep.equal([
      ["created", null, null, "in_stock", n1.id], ["field", "location", "Lyon", null, n1.id], ["field", "model", null, "Pixel 8", n1.id],
      ["status", null, "in_stock", "in_use", n1.id], ["owner", null, null, "Bruno Petit", n1.id],
    ]);
    const stale = await api.patch("/assets/PT-1", { version: 1, name: "Old phone" }).expect(409);
    expect(stale.body.error.code).to.equal("asset_changed");
    const renamed = await api.patch("/assets/pt-1", { version: 2, tag: "pt-2", type: "tablet" }).expect(200);
    expect(renamed.body).to.include({ tag: "PT-2", type: "tablet", version: 3 });
    await api.post("/assets", { tag: "PT-3", name: "Phone", type: "phone" }).expect(201);
    expect((await api.patch("/assets/PT-3", { version: 1, tag: "PT-2" }).expect(409)).body.error.code).to.equal("asset_tag_taken");
    expect((await api.patch("/assets/PT-3", { version: 1, owner: "ghost" }).expect(422)).body.error.fields).to.have.keys(["owner"]);
    await api.patch("/assets/NOPE", { version: 1 }).expect(404);
    // the owner left (account deactivated): a form posting them back unchanged still saves; naming them anew does not
    await ctx.deps.db.getRepository(User).update({ id: emp2.id }, { active: false });
    await api.patch("/assets/PT-2", { version: 3, owner: "aa-emp2", location: "Nice" }).expect(200);
    expect((await api.patch("/assets/PT-3", { version: 1, owner: "aa-emp2" }).expect(422)).body.error.fields).to.have.keys(["owner"]);
    await (await client(emp)).patch("/assets/PT-2", { version: 4, name: "Mine now" }).expect(403);
    await (await client(admin)).patch("/assets/PT-2", { version: 4, name: "Admin's edit" }).expect(200);
  });
});
