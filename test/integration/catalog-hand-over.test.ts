import { expect } from "chai";
import { resetDb, testContext, type TestContext } from "../helpers/context";
import { refusal } from "../helpers/refusal";
import { makeAgent, makeUser } from "../factories";
import { assetTypeId, makeAsset, makeItem, order, setManager, ticketOf } from "../helpers/catalog-fixtures";
import type { Actor } from "../../src/access/actor";
import { Asset, AssetHistory, TicketAsset } from "../../src/modules/assets";
import { handOverAsset } from "../../src/modules/catalog/commands/hand-over-asset";
import { TicketHistory } from "../../src/modules/tickets/history.entity";

describe("integration: handing an in-stock asset over to the requester of a catalog request", function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;

  const asset = (id: number) => ctx.deps.db.getRepository(Asset).findOneByOrFail({ id });

  before(async () => {
    ctx = await testContext();
  });
  beforeEach(async () => {
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "ho-emp", name: "Emma Leroy" });
    n1 = await makeAgent(ctx.deps, 1, { username: "ho-n1", name: "Noah Martin" });
  });

  it("makes the requester its owner, in use, version + 1, with the asset's history, the link and the request's history", async () => {
    const previous = await makeUser(ctx.deps, { username: "ho-prev", name: "Paul Prev" });
    const item = await makeItem(ctx.deps, { fulfilAssetTypeId: await assetTypeId(ctx.deps, "laptop") });
    const req = await order(ctx.deps, emp, item);
    const laptop = await makeAsset(ctx.deps, "PC-00100", "laptop", { ownerId: previous.id });
    const { asset: handed, ticket } = await handOverAsset(ctx.deps, n1, req.id, laptop.id);
    expect(handed).to.include({ ownerId: emp.id, status: "in_use", version: 2 });
    expect(await asset(laptop.id)).to.include({ ownerId: emp.id, status: "in_use", version: 2 });
    const rows = await ctx.deps.db.getRepository(AssetHistory).find({ where: { assetId: laptop.id }, order: { id: "ASC" } });
    expect(rows.map((h) => [h.kind, h.field, h.fromValue, h.toValue, h.ticketId, h.actorId])).to.deep.equal([
      ["assigned", "owner", "Paul Prev", "Emma Leroy", req.id, n1.id],
      ["status", null, "in_stock", "in_use", req.id, n1.id],
    ]);
    expect(await ctx.deps.db.getRepository(TicketAsset).countBy({ ticketId: req.id, assetId: laptop.id })).to.equal(1);
    const history = await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId: req.id }, order: { id: "ASC" } });
    expect(history.slice(-2).map((h) => [h.kind, h.toValue, h.actorId])).to.deep.equal([["asset", "PC-00100", n1.id], ["handover", "PC-00100", n1.id]]);
    expect(ticket.version).to.equal((await ticketOf(ctx.deps, req.id)).version);
  });

  it("refuses an asset no longer in stock (409), one of another type (422), and a request that hands nothing over (409)", async () => {
    const item = await makeItem(ctx.deps, { fulfilAssetTypeId: await assetTypeId(ctx.deps, "laptop") });
    const req = await order(ctx.deps, emp, item);
    const other = await order(ctx.deps, await makeUser(ctx.deps, { username: "ho-other" }), item);
    const laptop = await makeAsset(ctx.deps, "PC-00101");
    await handOverAsset(ctx.deps, n1, other.id, laptop.id);
    const taken = await refusal(handOverAsset(ctx.deps, n1, req.id, laptop.id));
    expect(taken).to.include({ status: 409, code: "asset_not_in_stock" });
    expect(taken.params).to.deep.equal({ tag: "PC-00101" });
    const repair = await makeAsset(ctx.deps, "PC-00102", "laptop", { status: "in_repair" });
    expect(await refusal(handOverAsset(ctx.deps, n1, req.id, repair.id))).to.include({ status: 409, code: "asset_not_in_stock" });
    const screen = await makeAsset(ctx.deps, "MON-00001", "monitor");
    expect((await refusal(handOverAsset(ctx.deps, n1, req.id, screen.id))).fields).to.deep.equal({ assetId: "approvals.errors.asset_choice" });
    expect((await refusal(handOverAsset(ctx.deps, n1, req.id, 9999))).status).to.equal(422);
    expect(await asset(screen.id)).to.include({ status: "in_stock", ownerId: null, version: 1 });

    const plain = await order(ctx.deps, emp, await makeItem(ctx.deps, { name: "Software" }));
    expect(await refusal(handOverAsset(ctx.deps, n1, plain.id, (await makeAsset(ctx.deps, "PC-00103")).id))).to.include({ status: 409, code: "no_hand_over" });
  });

  it("is for who works the request: the requester and another tier's agent are refused, nothing changes", async () => {
    const item = await makeItem(ctx.deps, { fulfilAssetTypeId: await assetTypeId(ctx.deps, "laptop") });
    const req = await order(ctx.deps, emp, item);
    const laptop = await makeAsset(ctx.deps, "PC-00104");
    expect((await refusal(handOverAsset(ctx.deps, emp, req.id, laptop.id))).status).to.equal(403);
    expect((await refusal(handOverAsset(ctx.deps, await makeAgent(ctx.deps, 2), req.id, laptop.id))).status).to.equal(404);
    expect(await asset(laptop.id)).to.include({ status: "in_stock", ownerId: null, version: 1 });
  });

  it("waits for the approval: a request still awaiting its approver (or rejected) hands nothing over (409), the asset stays in stock", async () => {
    const boss = await makeUser(ctx.deps, { username: "ho-boss", name: "Bruno Marchal" });
    await setManager(ctx.deps, emp, boss);
    const item = await makeItem(ctx.deps, { approval: "manager", fulfilAssetTypeId: await assetTypeId(ctx.deps, "laptop") });
    const req = await order(ctx.deps, emp, item);
    const laptop = await makeAsset(ctx.deps, "PC-00300", "laptop");
    expect(await refusal(handOverAsset(ctx.deps, n1, req.id, laptop.id))).to.include({ status: 409, code: "hand_over_not_now" });
    expect(await asset(laptop.id)).to.include({ status: "in_stock", ownerId: null, version: 1 });
  });
});
