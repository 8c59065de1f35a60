import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { groupId, makeAgent, makeUser, N2 } from "../factories";
import { csrf, signIn } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import { Asset, AssetType, TicketAsset } from "../../src/modules/assets";
import { CatalogCategory, CatalogItem, CatalogRequest, createCatalogCategory, createItem, itemSchema } from "../../src/modules/catalog";
import { setCatalogCategoryActive } from "../../src/modules/catalog/commands/deactivate-category";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";

describe("HTTP: the service catalog on the portal (browse, order, the answers on the ticket)", () => {
  let ctx: TestContext;
  let emp: Actor;
  let other: Actor;
  let n2: number;
  let laptop: CatalogItem;
  let repair: CatalogItem;
  let hardware: CatalogCategory;
  const asset = async (tag: string, name: string, type: string, ownerId: number | null) => {
    const typeId = (await ctx.deps.db.getRepository(AssetType).findOneByOrFail({ code: type })).id;
    const now = ctx.clock.now();
    return ctx.deps.db.getRepository(Asset).save({
      tag, name, typeId, status: "in_use", ownerId, manufacturer: null, model: null, serial: null, location: null, department: null,
      purchaseDate: null, warrantyEnd: null, notes: null, warrantyWarnedFor: null, version: 1, createdById: null, createdAt: now, updatedAt: now,
    });
  };
  const item = (over: Record<string, unknown>) => createItem(ctx.deps, SYSTEM_ACTOR, itemSchema.parse({ groupId: n2, ...over }));

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "cp-emp", name: "Emma Martin" });
    other = await makeUser(ctx.deps, { username: "cp-other", name: "Omar Other" });
    await makeUser(ctx.deps, { username: "cp-jeanne", name: "Jeanne Dupont" });
    await makeAgent(ctx.deps, 2, { username: "cp-n2" });
    await makeAgent(ctx.deps, 1, { username: "cp-n1" });
    n2 = await groupId(ctx.deps, N2);
    hardware = await createCatalogCategory(ctx.deps, SYSTEM_ACTOR, { name: "Hardware", description: "Computers and screens" });
    laptop = await item({
      name: "New laptop", description: "A laptop for your work.", categoryId: hardware.id, icon: "laptop", slaPriority: 2,
      fields: [
        { name: "reason", label: "Why do you need it?", type: "longtext", required: true, help: "A sentence is enough." },
        { name: "size", label: "Screen size", type: "choice", required: true, options: ["13 inch", "15 inch"] },
        { name: "qty", label: "How many", type: "number" },
        { name: "start", label: "Needed by", type: "date", required: true },
        { name: "dock", label: "With a docking station", type: "boolean" },
        { name: "manager", label: "Your manager", type: "user" },
        { name: "colour", label: "Colour", type: "choice", options: ["Black", "Grey", "Silver", "White", "Blue"] },
      ],
    });
    repair = await item({
      name: "Repair my equipment", description: "Something is broken.", icon: "wrench",
      fields: [{ name: "device", label: "Which device?", type: "asset", required: true, assetTypes: ["laptop", "desktop"] }, { name: "what", label: "What happens?", type: "text" }],
    });
    await item({ name: "Retired service", description: "Gone.", active: false });
    await asset("PC-00001", "ThinkPad T14", "laptop", emp.id);
    await asset("MON-00002", "Dell 27", "monitor", emp.id);
    await asset("PC-00003", "Omar's laptop", "laptop", other.id);
  });

  it("the portal's 'request a service' leads to the catalog: categories, item cards with icon, name and description; 'Something else' stays reachable", async () => {
    const a = await signIn(ctx.app, "cp-emp");
    const home = await a.get("/portal").expect(200);
    expect(home.text).to.match(/href="\/catalog" id="request-service"/);
    const page = await a.get("/catalog").expect(200);
    expect(page.text).to.contain("Hardware");
    expect(page.text).to.contain("Computers and screens");
    expect(page.text).to.contain(`href="/catalog/${laptop.id}"`);
    expect(page.text).to.contain("A laptop for your work.");
    expect(page.text).to.contain('<svg class="catalog-icon');
    expect(page.text).to.contain("Other services");
    expect(page.text).to.contain(`href="/catalog/${repair.id}"`);
    expect(page.text).to.not.contain("Retired service");
    expect(page.text).to.match(/href="\/portal\/new\?type=request" id="free-request"/);
  });

  it("draws the right input for each question, with its label, help and required marker", async () => {
    const a = await signIn(ctx.app, "cp-emp");
    const page = await a.get(`/catalog/${laptop.id}`).expect(200);
    expect(page.text).to.match(/<textarea class="form-control" id="a-reason" name="reason" rows="4" maxlength="5000" aria-describedby="reason-help" required>/);
    expect(page.text).to.contain('<div class="form-text" id="reason-help">A sentence is enough.</div>');
    expect(page.text).to.contain('type="radio" id="a-size-0" name="size" value="13 inch"');
    expect(page.text).to.match(/<select class="form-select" id="a-colour" name="colour">/);
    expect(page.text).to.match(/id="a-start" name="start" value=""\s+type="date"/);
    expect(page.text).to.match(/id="a-qty" name="qty" value=""\s+type="text" inputmode="decimal"/);
    expect(page.text).to.contain('type="checkbox" id="a-dock" name="dock" value="on"');
    expect(page.text).to.contain('list="a-manager-list"');
    expect(page.text).to.contain('hx-get="/catalog/lookup/users?field=manager"');
    expect((page.text.match(/<span class="text-danger" aria-hidden="true"> \*<\/span>/g) ?? []).length).to.equal(3);
  });

  it("refuses bad answers with 422: the messages next to the questions, what was typed kept, nothing created", async () => {
    const a = await signIn(ctx.app, "cp-emp");
    const before = await ctx.deps.db.getRepository(Ticket).count();
    const res = await a.post(`/catalog/${laptop.id}`).type("form")
      .send({ _csrf: await csrf(a, `/catalog/${laptop.id}`), reason: "My <old> one is slow", size: "17 inch", qty: "lots", start: "2026-02-30", manager: "nobody" }).expect(422);
    const errorOf = (name: string) => new RegExp(`id="${name}-error">([^<]+)<`).exec(res.text)?.[1];
    expect(errorOf("size")).to.equal("Choose one of the options.");
    expect(errorOf("qty")).to.equal("Enter a number, such as 12 or 3.5.");
    expect(errorOf("start")).to.equal("Enter a real date (YYYY-MM-DD).");
    expect(errorOf("manager")).to.equal("No active user has this username.");
    expect(errorOf("reason")).to.equal(undefined);
    expect(res.text).to.contain("My &lt;old&gt; one is slow</textarea>");
    expect(res.text).to.match(/id="a-qty" name="qty" value="lots"/);
    expect(res.text).to.match(/id="a-manager" name="manager" value="nobody"/);
    expect(await ctx.deps.db.getRepository(Ticket).count()).to.equal(before);
  });

  it("a good order makes REQ-… in the item's group at its tier and priority, and both the requester and the agent read the answers", async () => {
    const a = await signIn(ctx.app, "cp-emp");
    const res = await a.post(`/catalog/${laptop.id}`).type("form").send({
      _csrf: await csrf(a, `/catalog/${laptop.id}`), reason: "Mine is five years old.\nIt overheats.", size: "15 inch", qty: "1,5",
      start: "2026-12-24", dock: "on", manager: "CP-JEANNE", unknown_key: "ignored",
    }).expect(303);
    const number = /^\/tickets\/(REQ-\d{6})$/.exec(res.headers.location as string)?.[1];
    expect(number).to.be.a("string");
    const t = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: Number(number!.slice(4)) });
    expect(formatNumber(t.type, t.id)).to.equal(number);
    expect([t.type, t.channel, t.requesterId, t.title, t.groupId, t.tier, t.tiersVisited, t.priority, t.impact, t.urgency])
      .to.deep.equal(["request", "portal", emp.id, "New laptop", n2, 2, 2, 2, "medium", "medium"]);
    expect(t.description).to.equal([
      "Why do you need it? Mine is five years old.\nIt overheats.", "Screen size: 15 inch", "How many: 1.5", "Needed by: 2026-12-24",
      "With a docking station: Yes", "Your manager: Jeanne Dupont",
    ].join("\n"));
    const req = await ctx.deps.db.getRepository(CatalogRequest).findOneByOrFail({ ticketId: t.id });
    expect(req.itemId).to.equal(laptop.id);
    expect(req.answers.find((x) => x.name === "manager")).to.deep.include({ label: "Your manager", type: "user", display: "Jeanne Dupont" });
    expect(req.answers.map((x) => x.name)).to.deep.equal(["reason", "size", "qty", "start", "dock", "manager", "colour"]);

    const mine = await a.get(`/tickets/${number}`).expect(200);
    expect(mine.text).to.contain(`Your request ${number} is registered.`);
    for (const page of [mine.text, (await (await signIn(ctx.app, "cp-n2")).get(`/tickets/${number}`).expect(200)).text]) {
      expect(page).to.contain('id="request-answers"');
      expect(page).to.match(/<dt class="col-sm-4">Needed by<\/dt>\s*<dd class="col-sm-8 tl-body">24 Dec 2026<\/dd>/);
      expect(page).to.match(/<dt class="col-sm-4">With a docking station<\/dt>\s*<dd class="col-sm-8 tl-body">Yes<\/dd>/);
      expect(page).to.match(/<dt class="col-sm-4">How many<\/dt>\s*<dd class="col-sm-8 tl-body">1.5<\/dd>/);
      expect(page).to.match(/<dt class="col-sm-4">Colour<\/dt>\s*<dd class="col-sm-8 tl-body">—<\/dd>/);
    }
    // an agent reading in French: the same answers in their language (the date too)
    await makeUser(ctx.deps, { username: "cp-n2-fr", role: "agent", groups: [N2], locale: "fr" });
    const frPage = (await (await signIn(ctx.app, "cp-n2-fr")).get(`/tickets/${number}`).expect(200)).text;
    expect(frPage).to.match(/<dt class="col-sm-4">Needed by<\/dt>\s*<dd class="col-sm-8 tl-body">24 déc. 2026<\/dd>/);
    expect(frPage).to.match(/<dt class="col-sm-4">With a docking station<\/dt>\s*<dd class="col-sm-8 tl-body">Oui<\/dd>/);
    expect(frPage).to.match(/<dt class="col-sm-4">How many<\/dt>\s*<dd class="col-sm-8 tl-body">1,5<\/dd>/);
    // the request went straight to N2: N1 never saw it
    await (await signIn(ctx.app, "cp-n1")).get(`/tickets/${number}`).expect(404);
  });

  it("an asset question offers one's own devices of its types; naming another's is refused; the chosen one is linked to the ticket", async () => {
    const a = await signIn(ctx.app, "cp-emp");
    const page = await a.get(`/catalog/${repair.id}`).expect(200);
    expect(page.text).to.contain('<option value="PC-00001" >PC-00001 — ThinkPad T14</option>');
    expect(page.text).to.not.contain("MON-00002");
    expect(page.text).to.not.contain("PC-00003");
    const token = await csrf(a, `/catalog/${repair.id}`);
    const refused = await a.post(`/catalog/${repair.id}`).type("form").send({ _csrf: token, device: "PC-00003", what: "Broken" }).expect(422);
    expect(refused.text).to.match(/id="device-error">Choose one of your own devices\.</);
    const wrongType = await a.post(`/catalog/${repair.id}`).type("form").send({ _csrf: token, device: "MON-00002" }).expect(422);
    expect(wrongType.text).to.match(/id="device-error">This device is not of a kind this question accepts\.</);
    const ok = await a.post(`/catalog/${repair.id}`).type("form").send({ _csrf: token, device: "PC-00001", what: "Will not boot" }).expect(303);
    const id = Number((ok.headers.location as string).slice("/tickets/REQ-".length));
    const links = await ctx.deps.db.getRepository(TicketAsset).find({ where: { ticketId: id } });
    const pc = await ctx.deps.db.getRepository(Asset).findOneByOrFail({ tag: "PC-00001" });
    expect(links.map((l) => l.assetId)).to.deep.equal([pc.id]);
    const t = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id });
    // no SLA override: the matrix, medium impact and urgency
    expect(t.priority).to.equal(3);
    expect(t.description).to.contain("Which device? PC-00001 — ThinkPad T14");
    // staff type a tag and may name anyone's device
    const n2 = await signIn(ctx.app, "cp-n2");
    const staffPage = await n2.get(`/catalog/${repair.id}`).expect(200);
    expect(staffPage.text).to.match(/<input class="form-control" id="a-device" name="device" value="" maxlength="40"/);
    await n2.post(`/catalog/${repair.id}`).type("form").send({ _csrf: await csrf(n2, `/catalog/${repair.id}`), device: "pc-00003" }).expect(303);
  });

  it("an inactive item, one of a withdrawn category and an unknown id are 404s, to read and to order", async () => {
    const a = await signIn(ctx.app, "cp-emp");
    const retired = await ctx.deps.db.getRepository(CatalogItem).findOneByOrFail({ name: "Retired service" });
    const token = await csrf(a, "/catalog");
    for (const url of [`/catalog/${retired.id}`, "/catalog/999999", "/catalog/abc"]) {
      await a.get(url).expect(404);
      await a.post(url).type("form").send({ _csrf: token }).expect(404);
    }
    await setCatalogCategoryActive(ctx.deps, SYSTEM_ACTOR, hardware.id, false);
    await a.get(`/catalog/${laptop.id}`).expect(404);
    expect((await a.get("/catalog").expect(200)).text).to.not.contain("New laptop");
    await setCatalogCategoryActive(ctx.deps, SYSTEM_ACTOR, hardware.id, true);
    await a.get(`/catalog/${laptop.id}`).expect(200);
  });

  it("the user picker's lookup suggests active people by username or name, and needs two characters", async () => {
    const a = await signIn(ctx.app, "cp-emp");
    const res = await a.get("/catalog/lookup/users?field=manager&manager=jea").expect(200);
    expect(res.text).to.contain('<option value="cp-jeanne">Jeanne Dupont</option>');
    expect((await a.get("/catalog/lookup/users?q=dupont").expect(200)).text).to.contain("cp-jeanne");
    expect((await a.get("/catalog/lookup/users?q=j").expect(200)).text.trim()).to.equal("");
  });
});
