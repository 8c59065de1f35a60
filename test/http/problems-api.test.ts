import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { createApiToken } from "../../src/modules/users/commands/api-tokens";
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
  const client = async (actor: Actor) => {
    const { token } = await createApiToken(ctx.deps, actor, "t");
    const auth = (r: request.Test) => r.set("authorization", `Bearer ${token}`);
    return {
      get: (p: string) => auth(request(ctx.app).get(`/api/v1${p}`)),
      post: (p: string, b: object = {}) => auth(request(ctx.app).post(`/api/v1${p}`)).send(b),
      del: (p: string) => auth(request(ctx.app).delete(`/api/v1${p}`)),
    };
  };

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
    await apiEmp.post("/problems", { title: "x", description: "y" }).expect(403);
    const api2 = await client(n2);
    const p = (await api2.post("/problems", { title: "Printer driver", description: "y" }).expect(201)).body.number as string;
    await api1.post(`/problems/${p}/incidents`, { ticket: formatNumber(t.type, t.id) }).expect(403);
    await apiEmp.get(`/problems/${p}`).expect(403);
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
});
