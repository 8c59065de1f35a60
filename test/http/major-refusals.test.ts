import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import { refusal } from "../helpers/refusal";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketWatcher } from "../../src/modules/tickets/link.entity";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { attachChildren, followMajor, invalidateOpenMajors, setMajor, setParent } from "../../src/modules/major";
import { detachChild } from "../../src/modules/major/commands/attach";
import type { Actor } from "../../src/access/actor";

describe("HTTP: major incidents, the refusals of marking, attaching and detaching", () => {
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  let tech: Agent;
  let parent: Ticket;
  const num = (t: Pick<Ticket, "type" | "id">) => formatNumber(t.type, t.id);
  const reload = (t: Ticket) => ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id });
  const post = async (url: string, form: Record<string, string>, page: string) =>
    tech.post(url).type("form").send({ _csrf: await csrf(tech, page), ...form });

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    invalidateOpenMajors(ctx.deps.db);
    emp = await makeUser(ctx.deps, { username: "mr-emp" });
    n1 = await makeAgent(ctx.deps, 1, { username: "mr-n1" });
    parent = await makeTicket(ctx.deps, emp, { title: "Mail relay down" });
    await setMajor(ctx.deps, n1, parent.id, { major: true, publicTitle: "Email unavailable" });
    tech = await signIn(ctx.app, "mr-n1");
  });

  it("will not attach a resolved or closed incident (409 child_closed), from either page", async () => {
    const done = await makeTicket(ctx.deps, emp, { title: "Outlook offline" });
    await resolveTicket(ctx.deps, n1, done.id, { resolution: "Restarted.", code: "fixed" });
    const P = num(parent);
    const res = await post(`/major/${P}/children`, { tickets: num(done) }, `/tickets/${P}`);
    expect(res.status).to.equal(409);
    expect(res.text).to.contain(`${num(done)} is resolved or closed: only open incidents can be attached.`);
    expect((await refusal(attachChildren(ctx.deps, n1, parent.id, [done.id]))).code).to.equal("child_closed");
    expect((await refusal(setParent(ctx.deps, n1, done.id, { parentId: parent.id }))).code).to.equal("child_closed");
    expect((await reload(done)).parentId).to.equal(null);
  });

  it("will not attach a request (422 not_incident), by its number or by its id", async () => {
    const request = await makeTicket(ctx.deps, emp, { type: "request", title: "A new mailbox" });
    const P = num(parent);
    const res = await post(`/major/${P}/children`, { tickets: num(request) }, `/tickets/${P}`);
    expect(res.status).to.equal(422);
    expect(res.text).to.contain(`${num(request)} is a request: only incidents can be major incidents or attached to one.`);
    // a bare number is looked up, and refused as a request all the same
    const bare = await refusal(attachChildren(ctx.deps, n1, parent.id, [request.id]));
    expect([bare.status, bare.code, bare.fields]).to.deep.equal([422, "not_incident", { tickets: "major.fields.not_incident" }]);
    expect((await refusal(setParent(ctx.deps, n1, request.id, { parentId: parent.id }))).code).to.equal("not_incident");
    expect((await reload(request)).parentId).to.equal(null);
  });

  it("will not mark a child as a major incident (409 is_child)", async () => {
    const child = await makeTicket(ctx.deps, emp, { title: "Outlook offline" });
    await attachChildren(ctx.deps, n1, parent.id, [child.id]);
    const c = await reload(child);
    const res = await post(`/tickets/${num(c)}/major`, { major: "1", publicTitle: "Outlook down", version: String(c.version) }, `/tickets/${num(c)}`);
    expect(res.status).to.equal(409);
    expect(res.text).to.contain(`This incident is attached to ${num(parent)}: detach it first to make it a major incident.`);
    const refused = await refusal(setMajor(ctx.deps, n1, child.id, { major: true, publicTitle: "Outlook down" }));
    expect([refused.status, refused.code]).to.deep.equal([409, "is_child"]);
    expect(await reload(child)).to.include({ major: false, publicTitle: null, parentId: parent.id });
  });

  it("refuses more than 100 numbers at once (422 too_many) and attaches none of them", async () => {
    const child = await makeTicket(ctx.deps, emp, { title: "Outlook offline" });
    const numbers = [num(child), ...Array.from({ length: 100 }, (_, i) => `INC-${String(900000 + i)}`)].join(" ");
    const P = num(parent);
    const res = await post(`/major/${P}/children`, { tickets: numbers }, `/tickets/${P}`);
    expect(res.status).to.equal(422);
    expect(res.text).to.contain("At most 100 incidents at once.");
    expect(res.text).to.contain("Too many incidents at once.");
    expect((await reload(child)).parentId).to.equal(null);
  });

  it("will not detach a ticket that is not attached: 404 from the parent's page, 409 not_attached from the child's", async () => {
    const loose = await makeTicket(ctx.deps, emp, { title: "Printer jam" });
    const other = await makeTicket(ctx.deps, emp, { title: "Wi-Fi down" });
    await setMajor(ctx.deps, n1, other.id, { major: true, publicTitle: "Wi-Fi down" });
    const elsewhere = await makeTicket(ctx.deps, emp, { title: "No Wi-Fi" });
    await attachChildren(ctx.deps, n1, other.id, [elsewhere.id]);
    const P = num(parent);
    expect((await post(`/major/${P}/children/${num(loose)}/detach`, {}, `/tickets/${P}`)).status).to.equal(404);
    // attached to another major incident: not this one's to detach
    expect((await post(`/major/${P}/children/${num(elsewhere)}/detach`, {}, `/tickets/${P}`)).status).to.equal(404);
    expect((await refusal(detachChild(ctx.deps, n1, parent.id, elsewhere.id))).code).to.equal("ticket_not_found");
    expect((await reload(elsewhere)).parentId).to.equal(other.id);
    const res = await post(`/tickets/${num(loose)}/parent`, { parentId: "" }, `/tickets/${num(loose)}`);
    expect(res.status).to.equal(409);
    expect(res.text).to.contain(`${num(loose)} is not attached to a major incident.`);
    expect((await refusal(setParent(ctx.deps, n1, loose.id, { parentId: null }))).code).to.equal("not_attached");
  });

  it("will not unmark a major incident with children (409 has_children): it stays major, its followers stay", async () => {
    const child = await makeTicket(ctx.deps, emp, { title: "Outlook offline" });
    await attachChildren(ctx.deps, n1, parent.id, [child.id]);
    const follower = await makeUser(ctx.deps, { username: "mr-follow" });
    await followMajor(ctx.deps, follower, parent.id);
    const refused = await refusal(setMajor(ctx.deps, n1, parent.id, { major: false, publicTitle: undefined }));
    expect([refused.status, refused.code, refused.params]).to.deep.equal([409, "has_children", { count: 1 }]);
    expect(await reload(parent)).to.include({ major: true, publicTitle: "Email unavailable" });
    expect(await ctx.deps.db.getRepository(TicketWatcher).count({ where: { ticketId: parent.id, reason: "affected" } })).to.equal(1);
  });

  it("keeps what was typed in the public title form after a refusal, with the field's error, for marking and for a new title", async () => {
    const t = await makeTicket(ctx.deps, emp, { title: "Wi-Fi down" });
    const long = "x".repeat(201);
    for (const [ticket, summary] of [[t, "Mark as a major incident"], [parent, "Change the public title"]] as const) {
      const n = num(ticket);
      const res = await post(`/tickets/${n}/major`, { major: "1", publicTitle: long }, `/tickets/${n}`);
      expect(res.status, n).to.equal(422);
      const form = /<details class="mb-2" open>[\s\S]*?<\/details>/.exec(res.text)?.[0] ?? "";
      expect(form, n).to.contain(`<summary>${summary}</summary>`).and.contain(`value="${long}"`).and.contain("is-invalid");
      expect(form, n).to.contain(`name="version" value="${(await reload(ticket)).version}"`);
    }
  });
});
