import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { TicketLink, TicketWatcher } from "../../src/modules/tickets/link.entity";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { relateTickets } from "../../src/modules/tickets/commands/link-tickets";
import { mergeTicket } from "../../src/modules/tickets/commands/merge-ticket";
import { mergeSchema } from "../../src/modules/tickets/link.schemas";
import { createProblem } from "../../src/modules/problems/commands/problem-commands";
import { formatProblemNumber } from "../../src/modules/problems/problem.entity";
import { refusal } from "../helpers/refusal";
import type { Actor } from "../../src/access/actor";

describe("HTTP: related links between tickets, and between a ticket and a problem", () => {
  let ctx: TestContext;
  let anna: Actor, bob: Actor, n1: Actor, n2: Actor, n3: Actor;
  let n1Web: Agent;

  const num = (t: Ticket) => formatNumber(t.type, t.id);
  const url = (t: Ticket) => `/tickets/${num(t)}`;
  const post = async (web: Agent, t: Ticket, action: "related" | "unrelate", number: string, status: number) =>
    web.post(`${url(t)}/${action}`).type("form").send({ _csrf: await csrf(web, "/profile"), number }).expect(status);
  const texts = async (t: Ticket) => (await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId: t.id }, order: { id: "ASC" } }))
    .filter((h) => h.kind === "related" || h.kind === "unrelated").map((h) => `${h.kind} ${h.fromValue ?? ""}${h.toValue ?? ""}`);
  /** The links panel of the desk's ticket page, or undefined when the page has none. */
  const section = (html: string) => /<section class="card card-body mb-3 small" aria-labelledby="links-heading" id="links">([\s\S]*?)<\/section>/.exec(html)?.[1];
  /** The panel, which must be there (an absent panel would make every "does not contain" pass). */
  const panel = (html: string): string => {
    const found = section(html);
    expect(found, "the links panel").to.be.a("string").that.contains("Related tickets and problems");
    return found!;
  };

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    anna = await makeUser(ctx.deps, { username: "lk-anna" });
    bob = await makeUser(ctx.deps, { username: "lk-bob" });
    n1 = await makeAgent(ctx.deps, 1, { username: "lk-n1" });
    n2 = await makeAgent(ctx.deps, 2, { username: "lk-n2" });
    n3 = await makeAgent(ctx.deps, 3, { username: "lk-n3" });
    n1Web = await signIn(ctx.app, "lk-n1");
  });

  it("relates two tickets once, shows the link on both sides, and removes it from either", async () => {
    const a = await makeTicket(ctx.deps, anna, { title: "Outlook crashes" });
    const b = await makeTicket(ctx.deps, bob, { title: "Office update failed", type: "request" });
    const done = await post(n1Web, b, "related", num(a), 303);
    expect(done.headers.location).to.equal(url(b));
    let rows = await ctx.deps.db.getRepository(TicketLink).find();
    expect(rows).to.have.length(1);
    // one row per pair, the lower id first, whichever side it was made from
    expect(rows[0]).to.include({ ticketId: a.id, otherTicketId: b.id, problemId: null, createdById: n1.id });
    for (const [self, other] of [[a, b], [b, a]]) {
      const html = panel((await n1Web.get(url(self)).expect(200)).text);
      expect(html, num(self)).to.contain(`<a href="${url(other)}">${num(other)}</a> <span>${other.title}</span>`);
      expect(html).to.contain(`action="${url(self)}/unrelate"`);
      expect(await texts(self)).to.deep.equal([`related ${num(other)}`]);
    }
    expect((await n1Web.get(url(a))).text).to.contain(`related to ${num(b)}`);

    // again, from the other side: nothing changes (no second row, no second history line)
    await post(n1Web, a, "related", num(b), 303);
    await relateTickets(ctx.deps, n1, b.id, { id: a.id, prefix: null });
    expect(await ctx.deps.db.getRepository(TicketLink).count()).to.equal(1);
    expect(await texts(a)).to.have.length(1);

    // refusals: itself, a malformed number, a ticket that does not exist
    let res = await post(n1Web, a, "related", num(a), 422);
    expect(res.text).to.contain("A ticket cannot be related to itself.");
    res = await post(n1Web, a, "related", "printer", 422);
    expect(res.text).to.contain("Enter a ticket number (INC-000123) or a problem number (PRB-000042).");
    await post(n1Web, a, "related", "INC-999999", 404);

    // removed from the side it was not made from
    await post(n1Web, a, "unrelate", num(b), 303);
    rows = await ctx.deps.db.getRepository(TicketLink).find();
    expect(rows).to.have.length(0);
    expect(panel((await n1Web.get(url(b))).text)).to.contain("Nothing related yet.").and.not.contain(num(a));
    expect(await texts(b)).to.deep.equal([`related ${num(a)}`, `unrelated ${num(a)}`]);
    expect((await n1Web.get(url(b))).text).to.contain(`no longer related to ${num(a)}`);
    await post(n1Web, a, "unrelate", num(b), 404);
  });

  it("relates a ticket to a problem: both pages show it, the problem's only to those who may read the ticket", async () => {
    const t = await makeTicket(ctx.deps, anna, { title: "Laptop overheats" });
    const p = await createProblem(ctx.deps, n2, { title: "Fan firmware bug", description: "Fans stop under load." });
    await post(n1Web, t, "related", formatProblemNumber(p.id), 303);
    const html = panel((await n1Web.get(url(t))).text);
    expect(html).to.contain(`<a href="/problems/${formatProblemNumber(p.id)}">${formatProblemNumber(p.id)}</a> <span>Fan firmware bug</span>`);
    expect(await texts(t)).to.deep.equal([`related ${formatProblemNumber(p.id)}`]);
    await post(n1Web, t, "related", formatProblemNumber(p.id), 303);
    expect(await ctx.deps.db.getRepository(TicketLink).countBy({ problemId: p.id })).to.equal(1);
    await post(n1Web, t, "related", "PRB-999999", 404);

    // the problem's page lists it to those who may read the ticket: not N2 (it never went through N2), the supervisor yes
    const n2Page = await (await signIn(ctx.app, "lk-n2")).get(`/problems/${formatProblemNumber(p.id)}`).expect(200);
    expect(n2Page.text).to.contain("Related tickets (0)").and.not.contain(url(t));
    await makeUser(ctx.deps, { username: "lk-sup", role: "supervisor" });
    const supPage = await (await signIn(ctx.app, "lk-sup")).get(`/problems/${formatProblemNumber(p.id)}`).expect(200);
    expect(supPage.text).to.contain("Related tickets (1)").and.contain(`<a href="${url(t)}">${num(t)}</a> Laptop overheats`);

    await post(n1Web, t, "unrelate", formatProblemNumber(p.id), 303);
    expect(await ctx.deps.db.getRepository(TicketLink).countBy({ problemId: p.id })).to.equal(0);
    expect((await (await signIn(ctx.app, "lk-sup")).get(`/problems/${formatProblemNumber(p.id)}`)).text).to.contain("No ticket is related to this problem.");
  });

  it("keeps links internal: requesters never see nor make them; a link shows no ticket the viewer may not read", async () => {
    const a = await makeTicket(ctx.deps, anna, { title: "Scanner jams" });
    const b = await makeTicket(ctx.deps, bob, { title: "Copier jams" });
    await relateTickets(ctx.deps, n1, a.id, { id: b.id, prefix: null });
    const annaWeb = await signIn(ctx.app, "lk-anna");
    const page = await annaWeb.get(url(a)).expect(200);
    expect(section(page.text), "no links panel for a requester").to.equal(undefined);
    expect(page.text).not.to.contain(num(b)).and.not.to.contain("Related tickets and problems").and.not.to.contain("related to");
    await post(annaWeb, a, "related", num(b), 403);
    await post(annaWeb, b, "related", num(a), 404);
    await post(annaWeb, a, "unrelate", num(b), 403);

    // N3 works a ticket escalated to it; it is related to one N3 never saw: not listed, and not relatable
    const deep = await makeTicket(ctx.deps, bob, { title: "Core switch reboots" });
    await escalateTicket(ctx.deps, n1, deep.id, { groupId: null, reason: "network", note: "N2 please" });
    await takeTicket(ctx.deps, n2, deep.id);
    await escalateTicket(ctx.deps, n2, deep.id, { groupId: null, reason: "core", note: "N3 please" });
    await relateTickets(ctx.deps, await makeUser(ctx.deps, { role: "supervisor" }), deep.id, { id: a.id, prefix: null });
    const n3Web = await signIn(ctx.app, "lk-n3");
    const n3Page = await n3Web.get(url(deep)).expect(200);
    expect(panel(n3Page.text)).to.contain("Nothing related yet.").and.not.contain(num(a));
    expect((await refusal(relateTickets(ctx.deps, n3, deep.id, { id: b.id, prefix: null }))).status).to.equal(404);
    await post(n3Web, deep, "related", num(b), 404);
    expect(panel((await n1Web.get(url(deep))).text)).to.contain(num(a));
  });

  it("a follower reads only the ticket they follow; a merged ticket's links are read-only", async () => {
    const a = await makeTicket(ctx.deps, anna, { title: "Teams calls drop" });
    const b = await makeTicket(ctx.deps, anna, { title: "Teams chat slow" });
    await relateTickets(ctx.deps, n1, a.id, { id: b.id, prefix: null });
    await ctx.deps.db.getRepository(TicketWatcher).insert({ ticketId: a.id, userId: bob.id, reason: "merged", createdAt: new Date() });
    const bobWeb = await signIn(ctx.app, "lk-bob");
    const page = await bobWeb.get(url(a)).expect(200);
    expect(page.text).to.contain("You follow this ticket").and.not.contain(num(b));
    await bobWeb.get(url(b)).expect(404);
    await post(bobWeb, a, "related", num(b), 403);

    expect(section(page.text), "no links panel for a follower").to.equal(undefined);

    const dup = await makeTicket(ctx.deps, bob, { title: "Teams drops calls" });
    // related before the merge: the link stays, shown on both sides, and can no longer be removed
    await relateTickets(ctx.deps, n1, b.id, { id: dup.id, prefix: null });
    await mergeTicket(ctx.deps, n1, dup.id, mergeSchema.parse({ into: num(a) }));
    const res = await post(n1Web, dup, "related", num(b), 409);
    expect(res.text).to.contain(`This ticket was merged into ${num(a)}`);
    const dupPanel = panel((await n1Web.get(url(dup))).text);
    expect(dupPanel).to.contain(`<a href="${url(b)}">${num(b)}</a>`).and.not.contain(`action="${url(dup)}/related"`).and.not.contain(`action="${url(dup)}/unrelate"`);
    const bPanel = panel((await n1Web.get(url(b))).text);
    expect(bPanel).to.contain(`<a href="${url(dup)}">${num(dup)}</a>`).and.contain(`action="${url(b)}/related"`).and.not.contain(`value="${num(dup)}"`);

    // relating another ticket to the merged one, or removing the old link from the other side, writes nothing on it: 409
    const history = async () => ctx.deps.db.getRepository(TicketHistory).countBy({ ticketId: dup.id });
    const rows = await history();
    const c = await makeTicket(ctx.deps, anna, { title: "Teams video freezes" });
    const refused = await post(n1Web, c, "related", num(dup), 409);
    expect(refused.text).to.contain(`This ticket was merged into ${num(a)}: it is read-only.`);
    expect((await refusal(relateTickets(ctx.deps, n1, c.id, { id: dup.id, prefix: "INC" }))).code).to.equal("ticket_merged");
    await post(n1Web, b, "unrelate", num(dup), 409);
    expect(await history()).to.equal(rows);
    expect(await ctx.deps.db.getRepository(TicketLink).countBy({ ticketId: Math.min(b.id, dup.id), otherTicketId: Math.max(b.id, dup.id) })).to.equal(1);
    expect(await texts(c)).to.deep.equal([]);
  });
});
