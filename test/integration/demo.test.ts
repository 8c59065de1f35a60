import { expect } from "chai";
import { TicketKpiFacts, TicketSurvey, loadDashboard } from "../../src/modules/reporting";
import { In, IsNull, Not } from "typeorm";
import { resetDb, testContext, type TestContext } from "../helpers/context";
import type { Actor } from "../../src/access/actor";
import { loadDemo, type DemoSummary } from "../../src/modules/admin/demo";
import { inventory } from "../../src/modules/admin/demo-catalog";
import { CATALOG_ITEMS, FACILITIES_GROUP, MANAGERS } from "../../src/modules/admin/demo-catalog-data";
import { EMPLOYEES, STAFF } from "../../src/modules/admin/demo-data";
import { Asset, AssetHistory, AssetType, TicketAsset } from "../../src/modules/assets";
import { getAsset } from "../../src/modules/assets/queries/get-asset";
import { CatalogApproval, CatalogCategory, CatalogItem, CatalogRequest, CatalogTask } from "../../src/modules/catalog";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { KbArticle, KbCategory } from "../../src/modules/kb";
import { KB_DEMO_ARTICLES } from "../../src/modules/kb/demo-kb-data";
import { GroupMember, SupportGroup } from "../../src/modules/users/group.entity";
import { loadActor } from "../../src/modules/users/queries/load-actor";
import { User } from "../../src/modules/users/user.entity";

const DAY = 24 * 3600_000;

describe("integration: the demo data set's inventory and service catalog (loadDemo)", function () {
  // two replays of about 200 tickets through the real commands
  this.timeout(600_000);
  let ctx: TestContext;
  let first: DemoSummary;
  const repo = <T extends object>(e: new () => T) => ctx.deps.db.getRepository(e);
  const user = (username: string) => repo(User).findOneByOrFail({ username });
  const typeId = async (code: string) => (await repo(AssetType).findOneByOrFail({ code })).id;
  const item = (name: string) => repo(CatalogItem).findOneByOrFail({ name });
  /** The catalog request of an item, with its ticket and approval. */
  const requestsOf = async (name: string) => {
    const rows = await repo(CatalogRequest).find({ where: { itemId: (await item(name)).id }, order: { ticketId: "ASC" } });
    return Promise.all(rows.map(async (r) => ({
      request: r, ticket: await repo(Ticket).findOneByOrFail({ id: r.ticketId }), approval: await repo(CatalogApproval).findOneBy({ ticketId: r.ticketId }),
    })));
  };

  /** What the demo wrote, row by row, for the determinism check. */
  const snapshot = async () => {
    const q = (sql: string) => ctx.deps.db.query(sql);
    return {
      tickets: await q("SELECT id, type, status, title, requester_id, assignee_id, group_id, priority, created_at, resolved_at FROM tickets ORDER BY id"),
      assets: await q("SELECT tag, owner_id, status, warranty_end FROM assets ORDER BY tag"),
      links: await q("SELECT ticket_id, asset_id FROM ticket_assets ORDER BY ticket_id, asset_id"),
      requests: await q("SELECT ticket_id, item_id, approval_state FROM catalog_requests ORDER BY ticket_id"),
      surveys: await q("SELECT ticket_id, score, comment, answered_at FROM ticket_surveys ORDER BY ticket_id"),
    };
  };
  let firstRows: Awaited<ReturnType<typeof snapshot>>;

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    first = await loadDemo(ctx.deps);
    firstRows = await snapshot();
  });

  it("has a Facilities group at tier 1 with a demo agent in it", async () => {
    const group = await repo(SupportGroup).findOneByOrFail({ name: FACILITIES_GROUP });
    expect(group.tier).to.equal(1);
    const members = await repo(GroupMember).findBy({ groupId: group.id });
    const people = await repo(User).findBy({ id: In(members.map((m) => m.userId)) });
    expect(people.map((p) => [p.username, p.role])).to.deep.equal([["marc.girard", "agent"]]);
  });

  it("gives every demo employee and staff member a manager, but the head of the executive office", async () => {
    const people = await repo(User).findBy({ username: In([...EMPLOYEES, ...STAFF].map((p) => p.username)) });
    const byId = new Map(people.map((p) => [p.id, p.username]));
    const managers = Object.fromEntries(people.filter((p) => p.managerId !== null).map((p) => [p.username, byId.get(p.managerId as number)]));
    expect(managers).to.deep.equal(MANAGERS);
    expect(people.filter((p) => p.managerId === null).map((p) => p.username)).to.deep.equal(["olivier.lefebvre"]);
  });

  it("gives every person a laptop PC-00001..., most a monitor, a few a phone; laptops and monitors in stock; a printer per office", async () => {
    const assets = await repo(Asset).find({ order: { tag: "ASC" } });
    const types = new Map((await repo(AssetType).find()).map((t) => [t.code, t.id] as const));
    const of = (code: string) => assets.filter((a) => a.typeId === types.get(code));
    const laptops = of("laptop");
    const people = [...EMPLOYEES, ...STAFF];
    const owners = await repo(User).findBy({ username: In(people.map((p) => p.username)) });
    expect(laptops.filter((a) => a.ownerId !== null).map((a) => a.ownerId).sort()).to.deep.equal(
      // every person one laptop; the laptop refresh gave its requester a second one
      [...owners.map((o) => o.id), (await user("priya.sharma")).id].sort());
    expect(laptops.every((a) => /^PC-\d{5}$/.test(a.tag))).to.equal(true);
    expect(laptops[0]).to.include({ tag: "PC-00001", ownerId: (await user("claire.martin")).id, status: "in_use" });
    expect(laptops.filter((a) => a.status === "in_stock")).to.have.length(5);
    const monitors = of("monitor");
    expect(monitors.filter((a) => a.status === "in_stock")).to.have.length(2);
    expect(monitors.filter((a) => a.ownerId !== null).length).to.be.greaterThan(people.length / 2).and.below(people.length);
    expect(of("phone").length).to.be.within(2, 6);
    const printers = of("printer");
    const offices = [...new Set(people.map((p) => p.location).filter((l) => l !== "Remote"))].sort();
    expect(printers.map((p) => p.location).sort()).to.deep.equal(offices);
    expect(first.assets).to.equal(assets.length);
  });

  it("has two or three assets whose warranty ends in the next 30 days, and dates that follow from today", async () => {
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const soon = new Date(ctx.clock.now().getTime() + 30 * DAY).toISOString().slice(0, 10);
    const assets = await repo(Asset).find();
    const ending = assets.filter((a) => a.warrantyEnd !== null && a.warrantyEnd >= today && a.warrantyEnd <= soon);
    expect(ending.length).to.be.within(2, 3);
    // bought before it was recorded (the inventory predates the replayed tickets), none in the future
    expect(assets.filter((a) => !a.purchaseDate || a.purchaseDate >= a.createdAt.toISOString().slice(0, 10)).map((a) => a.tag)).to.deep.equal([]);
    // deterministic: the same tags, serials and dates as the data describes for this "now"
    const expected = inventory(ctx.clock.now().getTime());
    expect(assets.map((a) => [a.tag, a.serial, a.purchaseDate, a.warrantyEnd]).sort())
      .to.deep.equal(expected.map((s) => [s.tag, s.serial, s.purchaseDate, s.warrantyEnd]).sort());
  });

  it("shows the recurring-failure warning on thomas.dubois's laptop, and links replayed laptop incidents to their laptops", async () => {
    const agent = (await loadActor(ctx.deps.db.manager, (await user("julie.petit")).id)) as Actor;
    const detail = await getAsset(ctx.deps, agent, "PC-00002");
    expect(detail.owner?.username).to.equal("thomas.dubois");
    expect(detail.recentIncidents).to.be.at.least(3);
    expect(detail.recurring).to.equal(true);
    const links = await repo(TicketAsset).count();
    expect(links).to.be.greaterThan(5);
  });

  it("ships the five items in their categories, with fields, icons, help texts, approvals, tasks and hand-over", async () => {
    const categories = await repo(CatalogCategory).find({ order: { position: "ASC" } });
    expect(categories.map((c) => c.name)).to.deep.equal(["Hardware", "Software", "Access", "Arrivals & departures"]);
    const items = await repo(CatalogItem).find();
    expect(items.map((i) => i.name).sort()).to.deep.equal(CATALOG_ITEMS.map((i) => i.name).sort());
    expect(items.every((i) => i.icon !== "box" && i.description && i.fields.some((f) => f.help))).to.equal(true);
    const groups = new Map((await repo(SupportGroup).find()).map((g) => [g.id, g.name]));
    const laptop = await item("New laptop");
    expect([laptop.approval, groups.get(laptop.groupId as number), laptop.fulfilAssetTypeId]).to.deep.equal(["manager", "N1 Service Desk", await typeId("laptop")]);
    expect(laptop.fields.map((f) => [f.name, f.type])).to.deep.equal([["model", "choice"], ["needed_by", "date"], ["justification", "longtext"], ["docking", "boolean"]]);
    const software = await item("Software installation");
    expect(software.fields.find((f) => f.type === "asset")?.assetTypes).to.deep.equal(["laptop", "desktop"]);
    const access = await item("Access to an application");
    expect([access.approval, access.approverId]).to.deep.equal(["named", (await user("isabelle.mercier")).id]);
    expect((await item("Replace or repair my equipment")).approval).to.equal("none");
    const arrival = await item("New employee arrival");
    expect(arrival.fields.map((f) => f.type)).to.deep.equal(["text", "date", "user", "text", "boolean"]);
    expect(arrival.tasks.map((t) => [t.title, groups.get(t.groupId)])).to.deep.equal([
      ["Prepare the laptop", "N1 Service Desk"], ["Create the accounts", "N2 Support"], ["Activate the badge", FACILITIES_GROUP],
    ]);
  });

  it("has requests awaiting approval, being fulfilled, fulfilled with a laptop handed over, and rejected", async () => {
    const [software] = await requestsOf("Software installation");
    expect([software.ticket.status, software.ticket.pendingReason, software.request.approvalState, software.approval?.state])
      .to.deep.equal(["pending", "approval", "pending", "pending"]);
    expect(software.approval?.approverId).to.equal((await user("karim.benali")).id);

    const [arrival] = await requestsOf("New employee arrival");
    expect([arrival.ticket.status, arrival.request.approvalState]).to.deep.equal(["open", "approved"]);
    const tasks = await repo(CatalogTask).find({ where: { requestTicketId: arrival.ticket.id }, order: { position: "ASC" } });
    const states = await Promise.all(tasks.map(async (t) => (await repo(Ticket).findOneByOrFail({ id: t.taskTicketId })).status));
    expect(states).to.deep.equal(["resolved", "open", "new"]);

    const [refresh] = await requestsOf("New laptop");
    expect([refresh.ticket.status, refresh.request.approvalState, refresh.approval?.decidedVia]).to.deep.equal(["closed", "approved", "email"]);
    const handed = await repo(AssetHistory).findOneByOrFail({ ticketId: refresh.ticket.id, kind: "assigned" });
    const asset = await repo(Asset).findOneByOrFail({ id: handed.assetId });
    expect([asset.ownerId, asset.status]).to.deep.equal([refresh.ticket.requesterId, "in_use"]);

    const [access] = await requestsOf("Access to an application");
    expect([access.ticket.status, access.ticket.resolutionCode, access.request.approvalState, access.approval?.state])
      .to.deep.equal(["closed", "cancelled", "rejected", "rejected"]);
    expect(access.approval?.reason).to.match(/payroll team/);

    const [repair] = await requestsOf("Replace or repair my equipment");
    expect(repair.ticket.status).to.equal("new");
    expect(await repo(TicketAsset).countBy({ ticketId: repair.ticket.id })).to.equal(1);
    expect(first.catalogRequests).to.equal(5);
    expect(first.catalogItems).to.equal(5);
    // on working days, and nothing after "now"
    const tickets = await repo(Ticket).findBy({ id: In((await repo(CatalogRequest).find()).map((r) => r.ticketId)) });
    expect(tickets.filter((t) => t.createdAt.getUTCDay() % 6 === 0)).to.deep.equal([]);
    expect(await repo(Ticket).createQueryBuilder("t").where("t.created_at > :now", { now: ctx.clock.now().getTime() }).getCount()).to.equal(0);
  });

  it("has the requesters' ratings (a few low, alerted) and the dashboard's facts at once", async () => {
    const surveys = await repo(TicketSurvey).find();
    expect(surveys).to.have.length(first.surveys);
    expect(first.surveys).to.be.within(20, 100);
    expect(surveys.filter((a) => a.score <= 2).length).to.be.within(1, first.surveys / 3);
    expect(surveys.filter((a) => a.score <= 2).every((a) => a.alertedAt !== null)).to.equal(true);
    // every ticket resolved or closed with a solution has its facts
    const [{ n }] = await ctx.deps.db.query("SELECT COUNT(*) AS n FROM tickets WHERE status IN ('resolved', 'closed') AND merged_into_id IS NULL AND (resolution_code IS NULL OR resolution_code NOT IN ('cancelled', 'duplicate'))");
    expect(await repo(TicketKpiFacts).count()).to.equal(Number(n)).and.be.greaterThan(50);
    const sup = (await loadActor(ctx.deps.db.manager, (await repo(User).findOneByOrFail({ role: "supervisor" })).id))!;
    const d = await loadDashboard(ctx.deps, sup, { groupId: null, tier: null, categoryId: null });
    expect(d.flow.resolved).to.be.greaterThan(50);
    expect(d.quality.satisfaction.count).to.be.greaterThan(10);
  });

  it("a second run adds no group, person, manager, asset, category, item, request or article (the replayed tickets are the installer's guard)", async () => {
    const counts = async () => ({
      groups: await repo(SupportGroup).count(), users: await repo(User).count(), managed: await repo(User).count({ where: { managerId: Not(IsNull()) } }),
      assets: await repo(Asset).count(), categories: await repo(CatalogCategory).count(), items: await repo(CatalogItem).count(),
      requests: await repo(CatalogRequest).count(), approvals: await repo(CatalogApproval).count(), tasks: await repo(CatalogTask).count(),
      kbCategories: await repo(KbCategory).count(), kbArticles: await repo(KbArticle).count(),
    });
    const before = await counts();
    const again = await loadDemo(ctx.deps);
    expect(await counts()).to.deep.equal(before);
    expect([again.usersCreated, again.assets, again.catalogItems, again.catalogRequests]).to.deep.equal([0, first.assets, 5, 5]);
    // the knowledge base: its articles and the known error's, written once
    expect([first.kbCategories, first.kbArticles, again.kbArticles]).to.deep.equal([5, KB_DEMO_ARTICLES.length + 1, KB_DEMO_ARTICLES.length + 1]);
  });

  it("is deterministic for a given now: a fresh database gets the same tickets, assets, links and requests", async () => {
    expect(firstRows.tickets).to.have.length(first.tickets);
    await resetDb(ctx);
    await loadDemo(ctx.deps);
    expect(await snapshot()).to.deep.equal(firstRows);
  });
});
