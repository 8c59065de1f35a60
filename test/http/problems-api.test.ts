import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { apiClient } from "../helpers/http";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketComment } from "../../src/modules/tickets/comment.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { ProblemHistory } from "../../src/modules/problems/problem.entity";
import { canProblem, type ProblemAction } from "../../src/access/policies/problem.policy";
import type { Actor } from "../../src/access/actor";

describe("HTTP: problems through API v1 (create, link, known error, resolve) and their policy", () => {
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  let n2: Actor;
  const client = (actor: Actor) => apiClient(ctx.deps, ctx.app, actor);

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "p-emp" });
    n1 = await makeAgent(ctx.deps, 1, { username: "p-n1" });
    n2 = await makeAgent(ctx.deps, 2, { username: "p-n2" });
  });

  it("follows the policy matrix: specialists create and link, N1 links only to a known error, requesters and admins see nothing", async () => {
    const admin = await makeUser(ctx.deps, { username: "p-admin", role: "admin" });
    const sup = await makeUser(ctx.deps, { username: "p-sup", role: "supervisor" });
    const expectations: [Actor, ProblemAction, string, boolean][] = [
      [n1, "read", "new", true], [n1, "create", "new", false], [n1, "edit", "new", false], [n1, "link", "new", false],
      [n1, "link_known_error", "new", false], [n1, "link_known_error", "known_error", true],
      [n2, "create", "new", true], [n2, "edit", "new", true], [n2, "link", "new", true], [n2, "link_known_error", "new", true],
      [sup, "create", "new", true], [emp, "read", "new", false], [admin, "read", "new", false],
    ];
    for (const [a, action, status, allowed] of expectations) expect(canProblem(a, action, { status }), `${a.username} ${action} ${status}`).to.equal(allowed);
  });

  it("N2 opens a problem from an incident, links more, publishes a workaround that reaches every requester, and resolves them all", async () => {
    const api2 = await client(n2);
    const t1 = await makeTicket(ctx.deps, emp, { title: "Email is down" });
    const t2 = await makeTicket(ctx.deps, emp, { title: "Cannot send mail" });
    const created = await api2.post("/problems", { title: "Mail relay rejects connections", description: "Since 09:00.", fromIncident: formatNumber(t1.type, t1.id) }).expect(201);
    expect(created.body).to.include({ status: "new" });
    expect(created.body.number).to.match(/^PRB-\d{6}$/);
    expect(created.body.incidents).to.deep.equal([{ number: formatNumber(t1.type, t1.id), status: "new" }]);
    const number = created.body.number as string;
    await api2.post(`/problems/${number}/incidents`, { ticket: formatNumber(t2.type, t2.id) }).expect(200);
    // an incident has at most one problem
    const other = await api2.post("/problems", { title: "Another", description: "x" }).expect(201);
    const twice = await api2.post(`/problems/${other.body.number}/incidents`, { ticket: formatNumber(t2.type, t2.id) }).expect(409);
    expect(twice.body.error.code).to.equal("already_linked");
    const known = await api2.post(`/problems/${number}/workaround`, { text: "Use webmail meanwhile.", notifyRequesters: true }).expect(200);
    expect(known.body.status).to.equal("known_error");
    for (const t of [t1, t2]) {
      const comments = await ctx.deps.db.getRepository(TicketComment).find({ where: { ticketId: t.id }, order: { id: "ASC" } });
      expect(comments.map((c) => [c.internal, c.body.includes("Use webmail meanwhile.")])).to.deep.equal([[true, true], [false, true]]);
    }
    // linked later: the workaround reaches it too (internal note)
    const t3 = await makeTicket(ctx.deps, emp, { title: "Outlook says offline" });
    await (await client(n1)).post(`/problems/${number}/incidents`, { ticket: formatNumber(t3.type, t3.id) }).expect(200);
    expect((await ctx.deps.db.getRepository(TicketComment).find({ where: { ticketId: t3.id } })).map((c) => c.internal)).to.deep.equal([true]);
    const resolved = await api2.post(`/problems/${number}/resolve`, { resolution: "Relay certificate renewed.", resolveIncidents: true }).expect(200);
    expect(resolved.body.status).to.equal("resolved");
    expect(resolved.body.incidents.map((i: { status: string }) => i.status)).to.deep.equal(["resolved", "resolved", "resolved"]);
    const h = await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId: t1.id, kind: "resolved" } });
    expect(h).to.have.length(1);
    expect((await ctx.deps.db.getRepository(ProblemHistory).find({ where: { problemId: Number(number.slice(4)) } })).map((x) => x.kind))
      .to.deep.equal(["created", "linked", "linked", "workaround", "status", "linked", "status"]);
  });

  it("refuses what the rules forbid, with the right status", async () => {
    const t = await makeTicket(ctx.deps, emp);
    const request1 = await makeTicket(ctx.deps, emp, { type: "request", title: "New laptop" });
    const api1 = await client(n1);
    const apiEmp = await client(emp);
    await api1.post("/problems", { title: "x", description: "y" }).expect(403);
    await apiEmp.post("/problems", { title: "x", description: "y" }).expect(404);
    const api2 = await client(n2);
    const p = (await api2.post("/problems", { title: "Printer driver", description: "y" }).expect(201)).body.number as string;
    await api1.post(`/problems/${p}/incidents`, { ticket: formatNumber(t.type, t.id) }).expect(403);
    await apiEmp.get(`/problems/${p}`).expect(404);
    await api2.get("/problems/PRB-999999").expect(404);
    await api2.get("/problems/INC-000001").expect(404);
    const notIncident = await api2.post(`/problems/${p}/incidents`, { ticket: formatNumber(request1.type, request1.id) }).expect(422);
    expect(notIncident.body.error.fields.ticket).to.be.a("string");
    await api2.post(`/problems/${p}/workaround`, { text: "", notifyRequesters: false }).expect(422);
    await api2.post(`/problems/${p}/resolve`, { resolution: "done", resolveIncidents: false, extra: 1 }).expect(422);
    await api2.del(`/problems/${p}/incidents/${formatNumber(t.type, t.id)}`).expect(404);
    await api2.post(`/problems/${p}/incidents`, { ticket: formatNumber(t.type, t.id) }).expect(200);
    await api2.del(`/problems/${p}/incidents/${formatNumber(t.type, t.id)}`).expect(200);
    expect((await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id })).problemId).to.equal(null);
    await api2.post(`/problems/${p}/resolve`, { resolution: "done", resolveIncidents: false }).expect(200);
    await api2.post(`/problems/${p}/resolve`, { resolution: "again", resolveIncidents: false }).expect(409);
  });

  it("PATCH edits the record and the analysis (names for category, group, owner), one history row per changed field; GET shows it all", async () => {
    await makeAgent(ctx.deps, 3, { username: "p-n3", name: "Zoé Roux" });
    const api2 = await client(n2);
    const number = (await api2.post("/problems", { title: "Printer driver crashes", description: "On every laptop.", category: "Printing" }).expect(201)).body.number as string;
    const patched = await api2.patch(`/problems/${number}`, {
      version: 1, title: "Printer driver 5.2 crashes", rootCause: "A bad vendor update.", impact: "Nobody prints.", symptoms: "Spooler stops.",
      permanentFix: "Roll back to 5.1.", owner: "p-n3", group: "N3 Engineering", priority: 1, category: "Software", affected: "Print server",
    }).expect(200);
    expect(patched.body).to.deep.include({
      number, title: "Printer driver 5.2 crashes", status: "new", priority: "P1", category: "Software", affected: "Print server", owner: "p-n3", ownerName: "Zoé Roux",
      group: "N3 Engineering", symptoms: "Spooler stops.", rootCause: "A bad vendor update.", impact: "Nobody prints.", permanentFix: "Roll back to 5.1.", version: 2,
      incidents: [],
    });
    const got = await api2.get(`/problems/${number}`).expect(200);
    expect(got.body).to.deep.include({ owner: "p-n3", rootCause: "A bad vendor update.", version: 2 });
    const rows = await ctx.deps.db.getRepository(ProblemHistory).find({ where: { problemId: Number(number.slice(4)) }, order: { id: "ASC" } });
    expect(rows.map((h) => [h.kind, h.field, h.fromValue, h.toValue, h.actorId])).to.deep.equal([
      ["created", null, null, "new", n2.id],
      ["field", "title", "Printer driver crashes", "Printer driver 5.2 crashes", n2.id], ["field", "category", "Printing", "Software", n2.id],
      ["field", "affected", null, "Print server", n2.id], ["field", "priority", "P3", "P1", n2.id], ["field", "group", "N2 Support", "N3 Engineering", n2.id],
      ["owner", null, "User p-n2", "Zoé Roux", n2.id], ["field", "symptoms", null, "Spooler stops.", n2.id], ["field", "rootCause", null, "A bad vendor update.", n2.id],
      ["field", "impact", null, "Nobody prints.", n2.id], ["field", "permanentFix", null, "Roll back to 5.1.", n2.id],
    ]);
    // null clears; a value too long for the history columns is cut there, whole in the note
    const long = "x".repeat(300);
    await api2.patch(`/problems/${number}`, { affected: null, rootCause: long, owner: null }).expect(200);
    const last = await ctx.deps.db.getRepository(ProblemHistory).find({ where: { problemId: Number(number.slice(4)) }, order: { id: "DESC" }, take: 3 });
    expect(last.map((h) => [h.kind, h.field, h.toValue?.length ?? null])).to.deep.equal([["field", "rootCause", 200], ["owner", null, null], ["field", "affected", null]]);
    expect(last[0].note).to.equal(long);
    // supervisors are eligible owners too
    await makeUser(ctx.deps, { username: "p-sup", role: "supervisor" });
    expect((await api2.patch(`/problems/${number}`, { owner: "p-sup" }).expect(200)).body.owner).to.equal("p-sup");
    // a supervisor edits as well
    const sup = await makeUser(ctx.deps, { username: "p-sup2", role: "supervisor" });
    await (await client(sup)).patch(`/problems/${number}`, { impact: "Half the floor." }).expect(200);
  });

  it("PATCH refuses with the right status: 403 for N1, 404 for requesters, 422 by field name, 409 on a stale version or a closed problem", async () => {
    const api2 = await client(n2);
    const number = (await api2.post("/problems", { title: "VPN drops", description: "x" }).expect(201)).body.number as string;
    await (await client(n1)).patch(`/problems/${number}`, { title: "y" }).expect(403);
    await (await client(n1)).patch(`/problems/${number}`, { owner: "nobody" }).expect(403);
    await (await client(emp)).patch(`/problems/${number}`, { title: "y" }).expect(404);
    await request(ctx.app).patch(`/api/v1/problems/${number}`).send({ title: "y" }).expect(401);
    const unknown = await api2.patch(`/problems/${number}`, { title: "y", workaroundText: "z", status: "closed" }).expect(422);
    expect(unknown.body.error.fields).to.deep.equal({ workaroundText: "This field is not accepted.", status: "This field is not accepted." });
    const notOwner = await api2.patch(`/problems/${number}`, { owner: "p-n1" }).expect(422);
    expect(notOwner.body.error.fields).to.have.keys(["owner"]);
    expect((await api2.patch(`/problems/${number}`, { owner: "p-emp" }).expect(422)).body.error.fields).to.have.keys(["owner"]);
    expect((await api2.patch(`/problems/${number}`, { group: "N1 Service Desk" }).expect(422)).body.error.fields).to.have.keys(["group"]);
    expect((await api2.patch(`/problems/${number}`, { category: "Nope" }).expect(422)).body.error.fields).to.have.keys(["category"]);
    expect((await api2.patch(`/problems/${number}`, { title: "" }).expect(422)).body.error.fields).to.have.keys(["title"]);
    expect((await api2.patch(`/problems/${number}`, { priority: 7 }).expect(422)).body.error.fields).to.have.keys(["priority"]);
    await api2.patch("/problems/PRB-999999", { title: "y" }).expect(404);
    await api2.patch(`/problems/${number}`, { version: 1, title: "VPN drops at 9" }).expect(200);
    const stale = await api2.patch(`/problems/${number}`, { version: 1, title: "VPN drops at 10" }).expect(409);
    expect(stale.body.error.code).to.equal("problem_changed");
    expect((await api2.get(`/problems/${number}`)).body.title).to.equal("VPN drops at 9");
    // the workaround and the resolution take an optional version too: a stale one is a 409
    expect((await api2.post(`/problems/${number}/workaround`, { text: "Reconnect.", notifyRequesters: false, version: 1 }).expect(409)).body.error.code).to.equal("problem_changed");
    expect((await api2.post(`/problems/${number}/resolve`, { resolution: "Fixed.", resolveIncidents: false, version: 1 }).expect(409)).body.error.code).to.equal("problem_changed");
    expect((await api2.get(`/problems/${number}`)).body).to.deep.include({ status: "new", workaround: null, version: 2 });
    await api2.post(`/problems/${number}/resolve`, { resolution: "Fixed.", resolveIncidents: false, version: 2 }).expect(200);
    await api2.patch(`/problems/${number}`, { rootCause: "Written after the fix." }).expect(200);
    await api2.post(`/problems/${number}/status`, { status: "closed" }).expect(200);
    expect((await api2.patch(`/problems/${number}`, { title: "z" }).expect(409)).body.error.code).to.equal("problem_closed");
  });

  it("POST .../status follows the state table and writes a status history row", async () => {
    const api2 = await client(n2);
    const t = await makeTicket(ctx.deps, emp, { title: "Disk full" });
    const number = (await api2.post("/problems", { title: "File server disk full", description: "x", fromIncident: formatNumber(t.type, t.id) }).expect(201)).body.number as string;
    await (await client(n1)).post(`/problems/${number}/status`, { status: "investigating" }).expect(403);
    await (await client(emp)).post(`/problems/${number}/status`, { status: "investigating" }).expect(404);
    for (const status of ["closed", "resolved", "known_error", "new"]) {
      expect((await api2.post(`/problems/${number}/status`, { status }).expect(409)).body.error.code, status).to.equal("invalid_transition");
    }
    expect((await api2.post(`/problems/${number}/status`, { status: "bogus" }).expect(422)).body.error.fields).to.have.keys(["status"]);
    await api2.post(`/problems/${number}/status`, { status: "investigating", extra: true }).expect(422);
    expect((await api2.post(`/problems/${number}/status`, { status: "investigating", version: 9 }).expect(409)).body.error.code).to.equal("problem_changed");
    const investigating = await api2.post(`/problems/${number}/status`, { status: "investigating", version: 1 }).expect(200);
    expect(investigating.body).to.deep.include({ status: "investigating", version: 2 });
    expect(investigating.body.incidents).to.deep.equal([{ number: formatNumber(t.type, t.id), status: "new" }]);
    await api2.post(`/problems/${number}/status`, { status: "investigating" }).expect(409);
    await api2.post(`/problems/${number}/resolve`, { resolution: "Quota raised.", resolveIncidents: true }).expect(200);
    const reopened = await api2.post(`/problems/${number}/status`, { status: "investigating" }).expect(200);
    expect(reopened.body).to.deep.include({ status: "investigating", resolvedAt: null, resolution: null });
    await api2.post(`/problems/${number}/resolve`, { resolution: "Disk replaced.", resolveIncidents: false }).expect(200);
    const closed = await api2.post(`/problems/${number}/status`, { status: "closed" }).expect(200);
    expect(closed.body.status).to.equal("closed");
    expect(closed.body.closedAt).to.be.a("string");
    await api2.post(`/problems/${number}/status`, { status: "investigating" }).expect(409);
    const statusRows = await ctx.deps.db.getRepository(ProblemHistory).find({ where: { problemId: Number(number.slice(4)), kind: "status" }, order: { id: "ASC" } });
    expect(statusRows.map((h) => `${h.fromValue}>${h.toValue}`)).to.deep.equal(["new>investigating", "investigating>resolved", "resolved>investigating", "investigating>resolved", "resolved>closed"]);
  });
});
