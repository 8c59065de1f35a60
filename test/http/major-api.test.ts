import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { apiClient } from "../helpers/http";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import type { Ticket } from "../../src/modules/tickets/ticket.entity";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { invalidateOpenMajors } from "../../src/modules/major";
import type { Actor } from "../../src/access/actor";

describe("HTTP: major incidents through API v1 (POST /tickets/{number}/major and /parent)", () => {
  let ctx: TestContext;
  let emp: Actor;
  let emp2: Actor;
  let n1: Actor;
  const num = (t: Pick<Ticket, "type" | "id">) => formatNumber(t.type, t.id);
  const client = (actor: Actor) => apiClient(ctx.deps, ctx.app, actor);

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    invalidateOpenMajors(ctx.deps.db);
    emp = await makeUser(ctx.deps, { username: "ma-emp" });
    emp2 = await makeUser(ctx.deps, { username: "ma-emp2" });
    n1 = await makeAgent(ctx.deps, 1, { username: "ma-n1" });
  });

  it("marks a major incident with its public title, and refuses with JSON errors: 403, 404, 422, 409", async () => {
    const api = await client(n1);
    const t = await makeTicket(ctx.deps, emp, { title: "Exchange DAG failover" });
    const marked = await api.post(`/tickets/${num(t)}/major`, { publicTitle: "Email unavailable", version: t.version }).expect(200);
    expect(marked.body).to.include({ number: num(t), major: true, publicTitle: "Email unavailable", parent: null, version: 2 });
    // a title not sent is kept; null shows the ticket's title
    expect((await api.post(`/tickets/${num(t)}/major`, {}).expect(200)).body.publicTitle).to.equal("Email unavailable");
    expect((await api.post(`/tickets/${num(t)}/major`, { publicTitle: null }).expect(200)).body).to.include({ major: true, publicTitle: null });
    const stale = await api.post(`/tickets/${num(t)}/major`, { publicTitle: "Mail down", version: 1 }).expect(409);
    expect(stale.body.error.code).to.equal("ticket_changed");

    const own = await (await client(emp)).post(`/tickets/${num(t)}/major`, {}).expect(403);
    expect(own.body.error.code).to.equal("ticket_action_forbidden");
    expect((await (await client(emp2)).post(`/tickets/${num(t)}/major`, {}).expect(404)).body.error.code).to.equal("ticket_not_found");
    const request = await makeTicket(ctx.deps, emp, { type: "request", title: "A laptop" });
    expect((await api.post(`/tickets/${num(request)}/major`, {}).expect(422)).body.error.code).to.equal("not_incident");
    const unknown = await api.post(`/tickets/${num(t)}/major`, { publicTitle: "x", priority: 1 }).expect(422);
    expect(unknown.body.error.fields).to.deep.equal({ priority: "This field is not accepted." });
    const long = await api.post(`/tickets/${num(t)}/major`, { publicTitle: "x".repeat(201) }).expect(422);
    expect(long.body.error.fields).to.deep.equal({ publicTitle: "This is too long." });
    const done = await makeTicket(ctx.deps, emp, { title: "Old" });
    await resolveTicket(ctx.deps, n1, done.id, { resolution: "Done.", code: "fixed" });
    expect((await api.post(`/tickets/${num(done)}/major`, {}).expect(409)).body.error.code).to.equal("invalid_transition");
    // unmarked
    expect((await api.post(`/tickets/${num(t)}/major`, { major: false }).expect(200)).body).to.include({ major: false, publicTitle: null });
  });

  it("attaches a ticket to a major incident by number, shows it in the ticket JSON, refuses with codes, detaches with null", async () => {
    const api = await client(n1);
    const parent = await makeTicket(ctx.deps, emp2, { title: "Mail relay down" });
    await api.post(`/tickets/${num(parent)}/major`, { publicTitle: "Email unavailable" }).expect(200);
    const child = await makeTicket(ctx.deps, emp, { title: "Outlook offline" });
    const attached = await api.post(`/tickets/${num(child)}/parent`, { parent: num(parent) }).expect(200);
    expect(attached.body).to.include({ number: num(child), parent: num(parent), major: false });
    // the same again changes nothing; the requester reads the link in their ticket's JSON
    await api.post(`/tickets/${num(child)}/parent`, { parent: num(parent) }).expect(200);
    expect((await (await client(emp)).get(`/tickets/${num(child)}`).expect(200)).body.parent).to.equal(num(parent));
    expect((await api.get(`/tickets/${num(child)}`).expect(200)).body.history.map((h: { kind: string; to: string }) => [h.kind, h.to]))
      .to.deep.include(["parent", num(parent)]);

    const other = await makeTicket(ctx.deps, emp, { title: "Printer jam" });
    const codes = async (t: Ticket, body: object, status: number) => (await api.post(`/tickets/${num(t)}/parent`, body).expect(status)).body.error;
    expect(await codes(other, { parent: num(child) }, 422)).to.deep.equal({ code: "not_major", message: `${num(child)} is not a major incident.`, fields: { parent: "This is not a major incident." } });
    expect((await codes(other, { parent: "INC-999999" }, 422)).code).to.equal("no_such_incident");
    expect((await codes(other, { parent: "REQ-12" }, 422)).code).to.equal("no_such_incident");
    expect((await codes(parent, { parent: num(parent) }, 422)).code).to.equal("self");
    expect((await codes(other, { parent: 12 }, 422)).fields).to.deep.equal({ parent: "This value is not valid." });
    expect((await codes(other, {}, 422)).fields).to.deep.equal({ parent: "This field is required." });
    const second = await makeTicket(ctx.deps, emp2, { title: "Wi-Fi down" });
    await api.post(`/tickets/${num(second)}/major`, {}).expect(200);
    expect((await codes(child, { parent: num(second) }, 409)).code).to.equal("already_attached");
    expect((await codes(second, { parent: num(parent) }, 422)).code).to.equal("child_is_major");
    expect((await (await client(emp)).post(`/tickets/${num(other)}/parent`, { parent: num(parent) }).expect(403)).body.error.code).to.equal("ticket_action_forbidden");
    expect((await api.post(`/tickets/${num(parent)}/major`, { major: false }).expect(409)).body.error.code).to.equal("has_children");
    await resolveTicket(ctx.deps, n1, second.id, { resolution: "Controller replaced.", code: "fixed" });
    expect((await codes(other, { parent: num(second) }, 409)).code).to.equal("parent_closed");

    const detached = await api.post(`/tickets/${num(child)}/parent`, { parent: null }).expect(200);
    expect(detached.body.parent).to.equal(null);
    expect((await codes(child, { parent: null }, 409)).code).to.equal("not_attached");
    expect((await api.post(`/tickets/${num(parent)}/major`, { major: false }).expect(200)).body.major).to.equal(false);
  });
});
