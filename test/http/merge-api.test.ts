import { expect } from "chai";
import type request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { apiClient } from "../helpers/http";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketWatcher } from "../../src/modules/tickets/link.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
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
  const client = (actor: Actor) => apiClient(ctx.deps, ctx.app, actor);

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
    await addComment(ctx.deps, n1, source.id, { body: "Reply to Bob on his duplicate", internal: false, files: [] });
    const api = await client(n1);
    const res = await api.post(`/tickets/${num(source)}/merge`, { into: num(target), version: source.version + 1 }).expect(200);
    expect(res.body).to.include({ number: num(source), status: "closed", mergedInto: num(target) });
    expect(res.body.closedAt).to.be.a("string");
    const t = await api.get(`/tickets/${num(target)}`).expect(200);
    expect(t.body).to.include({ mergedInto: null, status: "new" });
    expect(t.body.history.map((h: { kind: string }) => h.kind)).to.include("merged_in");
    expect(await ctx.deps.db.getRepository(TicketWatcher).countBy({ ticketId: target.id, userId: bob.id })).to.equal(1);

    // the follower reads the public face: no description, no requester, no history; staff replies only
    await addComment(ctx.deps, anna, target.id, { body: "Anna's reply", internal: false, files: [] });
    await addComment(ctx.deps, n1, target.id, { body: "We restarted the server", internal: false, files: [] });
    await addComment(ctx.deps, n1, target.id, { body: "Internal: the DB is full", internal: true, files: [] });
    await ctx.deps.db.getRepository(Ticket).update({ id: target.id }, { publicTitle: "SAP slowness" });
    const seen = await (await client(bob)).get(`/tickets/${num(target)}`).expect(200);
    // an allow-list: nothing of who asked, how it is classified and worked, its SLA or history
    expect(seen.body).to.have.all.keys("number", "type", "title", "status", "resolution", "resolvedAt", "closedAt", "following", "comments");
    expect(seen.body).to.include({ number: num(target), type: "incident", title: "SAP slowness", status: "new", resolution: null, following: true });
    expect(seen.body.comments.map((c: { body: string }) => c.body)).to.deep.equal(["We restarted the server"]);
    expect(seen.body.comments[0]).to.have.all.keys("id", "author", "body", "internal", "createdAt");
    // the target's requester: all of their own ticket, of the duplicate only the "merged into this ticket" line
    const own = await (await client(anna)).get(`/tickets/${num(target)}`).expect(200);
    expect(own.body.history.map((h: { kind: string; from: string; to: string }) => [h.kind, h.from, h.to])).to.deep.equal([["created", null, "new"], ["merged_in", num(source), num(target)]]);
    expect(own.body.comments.map((c: { body: string }) => c.body)).to.deep.equal(["Anna's reply", "We restarted the server"]);
    const refused = await (await client(bob)).post(`/tickets/${num(target)}/comments`, { body: "me too" }).expect(403);
    expect(refused.body.error.code).to.equal("ticket_watcher");
    // and the merged ticket is read-only
    const closed = await (await client(bob)).post(`/tickets/${num(source)}/comments`, { body: "hello?" }).expect(409);
    expect(closed.body.error.code).to.equal("ticket_merged");
    expect(closed.body.error.message).to.contain(num(target));
  });

  it("gives an 'affected' follower a 404, and refuses every change to a merged ticket: related, problem link, detach (409 ticket_merged)", async () => {
    const major = await makeTicket(ctx.deps, anna, { title: "Core network" });
    const api = await client(n1);
    await api.post(`/tickets/${num(major)}/major`, { publicTitle: "Network outage" }).expect(200);
    await ctx.deps.db.getRepository(TicketWatcher).insert({ ticketId: major.id, userId: bob.id, reason: "affected", createdAt: new Date() });
    const res404 = await (await client(bob)).get(`/tickets/${num(major)}`).expect(404);
    expect(res404.body.error.code).to.equal("ticket_not_found");
    await (await client(bob)).post(`/tickets/${num(major)}/comments`, { body: "me too" }).expect(404);

    // a child of the major incident, merged into another ticket: read-only whatever the path
    const child = await makeTicket(ctx.deps, bob, { title: "No network on floor 3" });
    await api.post(`/tickets/${num(child)}/parent`, { parent: num(major) }).expect(200);
    const target = await makeTicket(ctx.deps, anna, { title: "Floor 3 offline" });
    await api.post(`/tickets/${num(child)}/merge`, { into: num(target) }).expect(200);
    const before = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: child.id });
    const code = async (r: request.Test, status: number) => (await r.expect(status)).body.error.code as string;
    expect(await code(api.post(`/tickets/${num(child)}/parent`, { parent: null }), 409)).to.equal("ticket_merged");
    expect(await code(api.post(`/tickets/${num(target)}/related`, { ticket: num(child) }), 409)).to.equal("ticket_merged");
    expect(await code(api.post(`/tickets/${num(child)}/related`, { ticket: num(target) }), 409)).to.equal("ticket_merged");
    const p = await createProblem(ctx.deps, n2, { title: "Switch firmware", description: "Floor switches reboot." });
    const prb = await client(n2);
    expect(await code(prb.post(`/problems/${formatProblemNumber(p.id)}/incidents`, { ticket: num(child) }), 409)).to.equal("ticket_merged");
    expect(await code(prb.post("/problems", { title: "From the merged one", description: "x", fromIncident: num(child) }), 409)).to.equal("ticket_merged");
    const after = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: child.id });
    expect(after).to.include({ parentId: major.id, problemId: null, version: before.version });
    expect(await ctx.deps.db.getRepository(TicketHistory).countBy({ ticketId: child.id, kind: "related" })).to.equal(0);
    // attaching a merged ticket is refused too (it is closed)
    const other = await makeTicket(ctx.deps, bob, { title: "Floor 4 offline" });
    await api.post(`/tickets/${num(other)}/merge`, { into: num(target) }).expect(200);
    expect((await api.post(`/tickets/${num(other)}/parent`, { parent: num(major) }).expect(409)).body.error.code).to.be.oneOf(["child_closed", "ticket_merged"]);
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
