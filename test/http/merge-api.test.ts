import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { createApiToken } from "../../src/modules/users/commands/api-tokens";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketWatcher } from "../../src/modules/tickets/link.entity";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { closeTicket } from "../../src/modules/tickets/commands/close-ticket";
import { createProblem } from "../../src/modules/problems/commands/problem-commands";
import { formatProblemNumber } from "../../src/modules/problems/problem.entity";
import type { Actor } from "../../src/access/actor";

describe("HTTP: merge and related links through API v1", () => {
  let ctx: TestContext;
  let anna: Actor, bob: Actor, n1: Actor, n2: Actor;
  const num = (t: Ticket) => formatNumber(t.type, t.id);
  const client = async (actor: Actor) => {
    const { token } = await createApiToken(ctx.deps, actor, "t");
    const auth = (r: request.Test) => r.set("authorization", `Bearer ${token}`);
    return {
      get: (p: string) => auth(request(ctx.app).get(`/api/v1${p}`)),
      post: (p: string, b: object = {}) => auth(request(ctx.app).post(`/api/v1${p}`)).send(b),
      del: (p: string) => auth(request(ctx.app).delete(`/api/v1${p}`)),
    };
  };

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    anna = await makeUser(ctx.deps, { username: "ma-anna" });
    bob = await makeUser(ctx.deps, { username: "ma-bob" });
    n1 = await makeAgent(ctx.deps, 1, { username: "ma-n1" });
    n2 = await makeAgent(ctx.deps, 2, { username: "ma-n2" });
  });

  it("POST /tickets/{n}/merge closes the duplicate, points it at the target, and the requester follows it", async () => {
    const target = await makeTicket(ctx.deps, anna, { title: "SAP is slow", description: "Anna's words" });
    const source = await makeTicket(ctx.deps, bob, { title: "SAP very slow" });
    const api = await client(n1);
    const res = await api.post(`/tickets/${num(source)}/merge`, { into: num(target), version: source.version }).expect(200);
    expect(res.body).to.include({ number: num(source), status: "closed", mergedInto: num(target) });
    expect(res.body.closedAt).to.be.a("string");
    const t = await api.get(`/tickets/${num(target)}`).expect(200);
    expect(t.body).to.include({ mergedInto: null, status: "new" });
    expect(t.body.history.map((h: { kind: string }) => h.kind)).to.include("merged_in");
    expect(await ctx.deps.db.getRepository(TicketWatcher).countBy({ ticketId: target.id, userId: bob.id })).to.equal(1);

    // the follower reads the public face: no description, no requester, no history; staff replies only
    await addComment(ctx.deps, anna, target.id, { body: "Anna's reply", internal: false, files: [] });
    await addComment(ctx.deps, n1, target.id, { body: "We restarted the server", internal: false, files: [] });
    const seen = await (await client(bob)).get(`/tickets/${num(target)}`).expect(200);
    expect(seen.body).to.include({ following: true, requester: null, description: "", title: "SAP is slow" });
    expect(seen.body.history).to.deep.equal([]);
    expect(seen.body.comments.map((c: { body: string }) => c.body)).to.deep.equal(["We restarted the server"]);
    const refused = await (await client(bob)).post(`/tickets/${num(target)}/comments`, { body: "me too" }).expect(403);
    expect(refused.body.error.code).to.equal("ticket_watcher");
    // and the merged ticket is read-only
    const closed = await (await client(bob)).post(`/tickets/${num(source)}/comments`, { body: "hello?" }).expect(409);
    expect(closed.body.error.code).to.equal("ticket_merged");
    expect(closed.body.error.message).to.contain(num(target));
  });

  it("answers the refusals in JSON: malformed 422, unknown 404, itself 422, closed 409, stale 409, requesters 403/404", async () => {
    const a = await makeTicket(ctx.deps, anna, { title: "Disk full" });
    const b = await makeTicket(ctx.deps, bob, { title: "Disk is full" });
    const api = await client(n1);
    let res = await api.post(`/tickets/${num(a)}/merge`, {}).expect(422);
    expect(res.body.error.fields).to.have.keys("into");
    res = await api.post(`/tickets/${num(a)}/merge`, { into: "disk" }).expect(422);
    expect(res.body.error.fields.into).to.equal("Enter a ticket number such as INC-000123.");
    res = await api.post(`/tickets/${num(a)}/merge`, { into: num(b), reason: "dup" }).expect(422);
    expect(res.body.error.fields).to.have.keys("reason");
    res = await api.post(`/tickets/${num(a)}/merge`, { into: num(a) }).expect(422);
    expect(res.body.error.code).to.equal("merge_self");
    res = await api.post(`/tickets/${num(a)}/merge`, { into: "INC-999999" }).expect(404);
    expect(res.body.error).to.include({ code: "ticket_not_found" });
    await api.post("/tickets/INC-999999/merge", { into: num(a) }).expect(404);
    res = await api.post(`/tickets/${num(a)}/merge`, { into: num(b), version: 99 }).expect(409);
    expect(res.body.error.code).to.equal("ticket_changed");
    const done = await makeTicket(ctx.deps, bob, { title: "Disk full last week" });
    await resolveTicket(ctx.deps, n1, done.id, { resolution: "Cleaned up.", code: "fixed" });
    await closeTicket(ctx.deps, bob, done.id);
    res = await api.post(`/tickets/${num(a)}/merge`, { into: num(done) }).expect(409);
    expect(res.body.error.code).to.equal("target_closed");
    res = await api.post(`/tickets/${num(done)}/merge`, { into: num(a) }).expect(409);
    expect(res.body.error.code).to.equal("source_closed");
    res = await (await client(anna)).post(`/tickets/${num(a)}/merge`, { into: num(b) }).expect(403);
    expect(res.body.error.code).to.equal("ticket_action_forbidden");
    await (await client(anna)).post(`/tickets/${num(b)}/merge`, { into: num(a) }).expect(404);
    expect((await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: a.id })).status).to.equal("new");
  });

  it("POST /tickets/{n}/related and DELETE /tickets/{n}/related/{other}: tickets and problems, both sides", async () => {
    const a = await makeTicket(ctx.deps, anna, { title: "Badge printer broken" });
    const b = await makeTicket(ctx.deps, bob, { title: "Badge printer jams" });
    const p = await createProblem(ctx.deps, n2, { title: "Printer driver", description: "Driver 4.2 breaks badge printers." });
    const api = await client(n1);
    await api.post(`/tickets/${num(a)}/related`, { ticket: num(b) }).expect(200);
    await api.post(`/tickets/${num(a)}/related`, { problem: formatProblemNumber(p.id) }).expect(200);
    expect((await api.get(`/tickets/${num(a)}`)).body.related).to.deep.equal({ tickets: [num(b)], problems: [formatProblemNumber(p.id)] });
    expect((await api.get(`/tickets/${num(b)}`)).body.related).to.deep.equal({ tickets: [num(a)], problems: [] });
    // a requester's JSON never has them
    expect((await (await client(anna)).get(`/tickets/${num(a)}`)).body).not.to.have.property("related");

    let res = await api.post(`/tickets/${num(a)}/related`, { ticket: num(b), problem: formatProblemNumber(p.id) }).expect(422);
    expect(res.body.error.fields).to.have.keys("ticket");
    await api.post(`/tickets/${num(a)}/related`, {}).expect(422);
    res = await api.post(`/tickets/${num(a)}/related`, { ticket: formatProblemNumber(p.id) }).expect(422);
    expect(res.body.error.fields).to.have.keys("ticket");
    res = await api.post(`/tickets/${num(a)}/related`, { problem: num(b) }).expect(422);
    expect(res.body.error.fields).to.have.keys("problem");
    res = await api.post(`/tickets/${num(a)}/related`, { ticket: num(a) }).expect(422);
    expect(res.body.error.code).to.equal("relate_self");
    await api.post(`/tickets/${num(a)}/related`, { problem: "PRB-999999" }).expect(404);
    await (await client(anna)).post(`/tickets/${num(a)}/related`, { ticket: num(b) }).expect(403);

    await api.del(`/tickets/${num(b)}/related/${num(a)}`).expect(200);
    res = await api.del(`/tickets/${num(b)}/related/${num(a)}`).expect(404);
    expect(res.body.error.code).to.equal("link_not_found");
    await api.del(`/tickets/${num(a)}/related/${formatProblemNumber(p.id)}`).expect(200);
    await api.del(`/tickets/${num(a)}/related/printer`).expect(404);
    expect((await api.get(`/tickets/${num(a)}`)).body.related).to.deep.equal({ tickets: [], problems: [] });
    await (await client(anna)).del(`/tickets/${num(a)}/related/${num(b)}`).expect(403);
  });
});
