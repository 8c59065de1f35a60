import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { createApiToken } from "../../src/modules/users/commands/api-tokens";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Ticket } from "../../src/modules/tickets/ticket.entity";

describe("HTTP: API classify (impact, urgency, category, group)", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
  });

  it("changes only what is sent, recomputes the priority, and refuses the requester", async () => {
    const emma = await makeUser(ctx.deps);
    const n1 = await makeAgent(ctx.deps, 1);
    const t = await makeTicket(ctx.deps, emma, { impact: "low", urgency: "low" });
    const url = `/api/v1/tickets/${formatNumber(t.type, t.id)}/classify`;
    const { token } = await createApiToken(ctx.deps, n1, "script");
    const res = await request(ctx.app).post(url).set("authorization", `Bearer ${token}`).send({ impact: "high", category: "Network" }).expect(200);
    expect(res.body).to.include({ impact: "high", urgency: "low", priority: "P3", category: "Network", group: "N1 Service Desk" });
    const cleared = await request(ctx.app).post(url).set("authorization", `Bearer ${token}`).send({ urgency: "high", category: null }).expect(200);
    expect(cleared.body).to.include({ impact: "high", urgency: "high", priority: "P1", category: null });
    const bad = await request(ctx.app).post(url).set("authorization", `Bearer ${token}`).send({ group: "N2 Support" }).expect(422);
    expect(bad.body.error.fields).to.have.property("group");
    await request(ctx.app).post(url).set("authorization", `Bearer ${token}`).send({ impact: "low", version: 1 }).expect(409);
    const mine = await createApiToken(ctx.deps, emma, "mine");
    await request(ctx.app).post(url).set("authorization", `Bearer ${mine.token}`).send({ impact: "high" }).expect(403);
    expect((await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id })).priority).to.equal(1);
  });
});
