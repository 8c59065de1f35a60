import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { apiClient, csrf, signIn, type Agent } from "../helpers/http";
import { Asset, AssetHistory, TicketAsset } from "../../src/modules/assets/asset.entity";
import { createAsset, linkAsset } from "../../src/modules/assets";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import type { Actor } from "../../src/access/actor";

describe("HTTP: assets on tickets (portal form, the desk's panel, the API)", () => {
  let ctx: TestContext;
  let emp: Actor;
  let other: Actor;
  let n1: Actor;
  let admin: Actor;
  let empPage: Agent;
  let n1Page: Agent;

  const linked = async (ticketId: number) => {
    const links = await ctx.deps.db.getRepository(TicketAsset).find({ where: { ticketId } });
    const assets = links.length ? await ctx.deps.db.getRepository(Asset).findBy(links.map((l) => ({ id: l.assetId }))) : [];
    return assets.map((a) => a.tag).sort();
  };
  const assetHistory = async (ticketId: number) => (await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId, kind: "asset" }, order: { id: "ASC" } }))
    .map((h) => [h.fromValue, h.toValue]);
  /** What the asset's own history says of tickets (linked, unlinked). */
  const assetTickets = async (tag: string) => {
    const a = await ctx.deps.db.getRepository(Asset).findOneByOrFail({ tag });
    return (await ctx.deps.db.getRepository(AssetHistory).find({ where: { assetId: a.id }, order: { id: "ASC" } }))
      .filter((h) => h.kind === "linked" || h.kind === "unlinked").map((h) => [h.kind, h.fromValue ?? h.toValue, h.ticketId]);
  };
  const lastTicket = async () => (await ctx.deps.db.getRepository(Ticket).find({ order: { id: "DESC" }, take: 1 }))[0];
  const report = async (page: Agent, fields: Record<string, string>, status: number) =>
    page.post("/tickets").type("form").send({ _csrf: await csrf(page, "/portal/new"), type: "incident", title: "Laptop will not start", description: "Black screen.", ...fields }).expect(status);

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "ta-emp", name: "Emma Petit" });
    other = await makeUser(ctx.deps, { username: "ta-other" });
    await makeUser(ctx.deps, { username: "ta-none" });
    n1 = await makeAgent(ctx.deps, 1, { username: "ta-n1" });
    admin = await makeUser(ctx.deps, { username: "ta-admin", role: "admin" });
    await createAsset(ctx.deps, admin, { tag: "PC-EMMA", name: "Emma's ThinkPad", type: "laptop", owner: "ta-emp", warrantyEnd: "2027-03-31" });
    await createAsset(ctx.deps, admin, { tag: "MON-EMMA", name: "Emma's monitor", type: "monitor", owner: "ta-emp" });
    await createAsset(ctx.deps, admin, { tag: "PC-OLD", name: "Emma's old laptop", type: "laptop", status: "retired" });
    await createAsset(ctx.deps, admin, { tag: "PC-OTHER", name: "Someone else's", type: "laptop", owner: "ta-other" });
    empPage = await signIn(ctx.app, "ta-emp");
    n1Page = await signIn(ctx.app, "ta-n1");
  });

  it("the portal asks which device for an incident (own equipment, pre-selected from ?asset=), not for a request nor for someone without equipment", async () => {
    const html = (await empPage.get("/portal/new?type=incident").expect(200)).text;
    expect(html).to.include("Which device is concerned?").and.include('<option value="MON-EMMA" >MON-EMMA — Emma&#39;s monitor</option>')
      .and.include("Another device / not in the list").and.not.include("PC-OTHER").and.not.include("PC-OLD");
    expect((await empPage.get("/portal/new?type=incident&asset=pc-emma").expect(200)).text).to.include('<option value="PC-EMMA" selected>');
    expect((await empPage.get("/portal/new?type=request").expect(200)).text).to.not.include("Which device is concerned?");
    expect((await (await signIn(ctx.app, "ta-none")).get("/portal/new?type=incident").expect(200)).text).to.not.include('name="assets"');
  });

  it("an employee's incident links the device they chose; someone else's device or an unknown tag is a 422 on the field, nothing created", async () => {
    await report(empPage, { assets: "PC-EMMA" }, 303);
    const t = await lastTicket();
    expect(await linked(t.id)).to.deep.equal(["PC-EMMA"]);
    expect(await assetHistory(t.id)).to.deep.equal([[null, "PC-EMMA"]]);
    expect(await assetTickets("PC-EMMA")).to.deep.equal([["linked", formatNumber("incident", t.id), t.id]]);
    // "another device": nothing linked
    await report(empPage, { assets: "" }, 303);
    expect(await linked((await lastTicket()).id)).to.deep.equal([]);
    const count = await ctx.deps.db.getRepository(Ticket).count();
    for (const tag of ["PC-OTHER", "NO-SUCH-TAG"]) {
      const res = await report(empPage, { assets: tag }, 422);
      expect(res.text).to.include("Choose one of your own devices.").and.include('id="assets-error"');
    }
    expect(await ctx.deps.db.getRepository(Ticket).count()).to.equal(count);
  });

  it("staff logging a ticket for an employee may name any asset (unknown: 422)", async () => {
    expect((await n1Page.get("/portal/new?type=incident").expect(200)).text).to.include("Asset tag (optional)");
    const post = async (tag: string, status: number) => n1Page.post("/tickets").type("form").send({
      _csrf: await csrf(n1Page, "/portal/new"), type: "incident", title: "Called: screen", description: "By phone.", requester: "ta-emp", channel: "phone", assets: tag,
    }).expect(status);
    await post("pc-other", 303);
    const t = await lastTicket();
    expect(t.requesterId).to.equal(emp.id);
    expect(await linked(t.id)).to.deep.equal(["PC-OTHER"]);
    expect((await post("NOPE-1", 422)).text).to.include("No asset has this tag.");
  });

  it("an agent links and unlinks on the ticket page (history both ways, linking twice changes nothing); the requester sees the assets read-only", async () => {
    const t = await makeTicket(ctx.deps, emp);
    const number = formatNumber(t.type, t.id);
    const token = await csrf(n1Page, `/tickets/${number}`);
    const res = await n1Page.post(`/tickets/${number}/assets`).type("form").send({ _csrf: token, tag: " pc-emma " }).expect(303);
    expect(res.headers.location).to.equal(`/tickets/${number}#assets`);
    await n1Page.post(`/tickets/${number}/assets`).type("form").send({ _csrf: token, tag: "PC-EMMA" }).expect(303);
    expect(await linked(t.id)).to.deep.equal(["PC-EMMA"]);
    expect(await assetHistory(t.id)).to.deep.equal([[null, "PC-EMMA"]]);
    const unknown = await n1Page.post(`/tickets/${number}/assets`).type("form").send({ _csrf: token, tag: "ZZ-404" }).expect(422);
    expect(unknown.text).to.include("No asset has this tag.").and.include('value="ZZ-404"');

    const page = (await n1Page.get(`/tickets/${number}`).expect(200)).text;
    expect(page).to.include('id="assets"').and.include('href="/assets/PC-EMMA"').and.include("Emma&#39;s ThinkPad").and.include("Laptop")
      .and.include("In use").and.include("Emma Petit").and.include("warranty until 31 Mar 2027").and.include("linked asset PC-EMMA")
      .and.include(`action="/tickets/${number}/assets/PC-EMMA/unlink"`);
    // the link form points at the requester's equipment in the inventory (not read on every ticket page)
    expect(page).to.match(/href="\/assets\?owner=[^"]+" id="requester-assets">Emma Petit’s equipment in the inventory/);
    expect(page).to.include("Recent history of PC-EMMA");

    const mine = (await empPage.get(`/tickets/${number}`).expect(200)).text;
    expect(mine).to.include("Device concerned").and.include("PC-EMMA").and.not.include("/unlink").and.not.include('name="tag"');
    // the requester may not link (a 403 on their page), nor can anyone who may not read it learn of it (404)
    const own = await empPage.post(`/tickets/${number}/assets`).type("form").send({ _csrf: await csrf(empPage, `/tickets/${number}`), tag: "MON-EMMA" }).expect(403);
    expect(own.text).to.include("You cannot do this on this ticket.");
    const stranger = await signIn(ctx.app, "ta-other");
    await stranger.post(`/tickets/${number}/assets`).type("form").send({ _csrf: await csrf(stranger), tag: "PC-OTHER" }).expect(404);

    await n1Page.post(`/tickets/${number}/assets/PC-EMMA/unlink`).type("form").send({ _csrf: token }).expect(303);
    expect(await linked(t.id)).to.deep.equal([]);
    expect(await assetHistory(t.id)).to.deep.equal([[null, "PC-EMMA"], ["PC-EMMA", null]]);
    expect((await assetTickets("PC-EMMA")).filter((h) => h[2] === t.id)).to.deep.equal([["linked", number, t.id], ["unlinked", number, t.id]]);
    expect((await n1Page.get(`/tickets/${number}`).expect(200)).text).to.include("unlinked asset PC-EMMA");
    await n1Page.post(`/tickets/${number}/assets/PC-EMMA/unlink`).type("form").send({ _csrf: token }).expect(404);
  });

  it("warns of a recurring device on the panel (3 incidents in 30 days)", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await makeTicket(ctx.deps, emp, { title: `Monitor flickers ${i}` })).id);
    for (const id of ids.slice(0, 2)) await linkAsset(ctx.deps, n1, id, "MON-EMMA");
    const number = formatNumber("incident", ids[2]);
    expect((await n1Page.get(`/tickets/${number}`).expect(200)).text).to.not.include("recurring-warning");
    await linkAsset(ctx.deps, n1, ids[2], "MON-EMMA");
    expect((await n1Page.get(`/tickets/${number}`).expect(200)).text).to.include("recurring-warning").and.include("3 incidents in the last 30 days");
  });

  it("the API: assets on create (own only for an employee), in the ticket's JSON, link and unlink", async () => {
    const api = await apiClient(ctx.deps, ctx.app, emp);
    const created = await api.post("/tickets", { type: "incident", title: "Dock dead", description: "No power.", assets: ["pc-emma"] }).expect(201);
    expect(created.body.assets).to.deep.equal([{ tag: "PC-EMMA", name: "Emma's ThinkPad" }]);
    const refused = await api.post("/tickets", { type: "incident", title: "x", description: "y", assets: ["PC-OTHER"] }).expect(422);
    expect(refused.body.error.fields).to.have.keys("assets");
    await api.post("/tickets", { type: "incident", title: "x", description: "y", assets: "PC-EMMA" }).expect(422);
    const read = await api.get(`/tickets/${created.body.number}`).expect(200);
    expect(read.body.assets).to.deep.equal([{ tag: "PC-EMMA", name: "Emma's ThinkPad" }]);
    expect((await api.get("/tickets").expect(200)).body.items[0]).to.not.have.property("assets");

    const staff = await apiClient(ctx.deps, ctx.app, n1);
    const added = await staff.post(`/tickets/${created.body.number}/assets`, { tag: "PC-OTHER" }).expect(200);
    expect(added.body.assets.map((a: { tag: string }) => a.tag)).to.deep.equal(["PC-EMMA", "PC-OTHER"]);
    await staff.post(`/tickets/${created.body.number}/assets`, { tag: "NOPE" }).expect(404);
    expect((await staff.post(`/tickets/${created.body.number}/assets`, { tag: "PC-OTHER", why: 1 }).expect(422)).body.error.fields).to.have.keys("why");
    // the requester may read but not link
    await api.post(`/tickets/${created.body.number}/assets`, { tag: "MON-EMMA" }).expect(403);
    const removed = await staff.del(`/tickets/${created.body.number}/assets/pc-emma`).expect(200);
    expect(removed.body.assets).to.deep.equal([{ tag: "PC-OTHER", name: "Someone else's" }]);
    await staff.del(`/tickets/${created.body.number}/assets/PC-EMMA`).expect(404);
    const history = (await staff.get(`/tickets/${created.body.number}`).expect(200)).body.history
      .filter((h: { kind: string }) => h.kind === "asset").map((h: { from: string | null; to: string | null }) => [h.from, h.to]);
    expect(history).to.deep.equal([[null, "PC-EMMA"], [null, "PC-OTHER"], ["PC-EMMA", null]]);
    // someone who may not read the ticket learns nothing
    await (await apiClient(ctx.deps, ctx.app, other)).post(`/tickets/${created.body.number}/assets`, { tag: "PC-OTHER" }).expect(404);
  });
});
