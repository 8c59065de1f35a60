import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser, N1, N2, N3 } from "../factories";
import { signIn } from "../helpers/http";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import type { Actor } from "../../src/access/actor";

describe("HTTP: the desk queues", () => {
  let ctx: TestContext;
  let emma: Actor, n1: Actor;
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emma = await makeUser(ctx.deps, { username: "emma", name: "Emma Martin" });
    n1 = await makeAgent(ctx.deps, 1, { username: "nina" });
    await makeAgent(ctx.deps, 2, { username: "sam" });
    await makeUser(ctx.deps, { username: "sue", role: "supervisor", groups: [N1, N2, N3] });
    // 30 tickets: P4..P1 mixed; 3 taken by nina, 2 pending, 2 escalated to N2
    for (let i = 0; i < 30; i++) {
      const lv = (["low", "medium", "high"] as const)[i % 3];
      ctx.clock.advance(60_000);
      await makeTicket(ctx.deps, emma, { title: i === 7 ? "Badge reader broken" : `Ticket ${i}`, impact: lv, urgency: lv });
    }
    for (const id of [1, 2, 3]) await takeTicket(ctx.deps, n1, id);
    for (const id of [2, 3]) await setPending(ctx.deps, n1, id, { reason: "third_party", note: null });
    for (const id of [4, 5]) await escalateTicket(ctx.deps, n1, id, { groupId: null, reason: "r", note: "n" });
  });

  it("sorts by priority then age, 25 rows a page, keyset to the next page without loss", async () => {
    const web = await signIn(ctx.app, "nina");
    const p1 = await web.get("/desk/queues/1").expect(200);
    const numbers = (html: string) => [...html.matchAll(/<td class="text-nowrap"><a href="\/tickets\/(INC-\d+)"/g)].map((m) => m[1]);
    const first = numbers(p1.text);
    expect(first).to.have.length(25);
    const prio = [...p1.text.matchAll(/badge prio prio-(\d)/g)].map((m) => Number(m[1]));
    expect(prio).to.deep.equal([...prio].sort());
    const next = /href="([^"]+cursor=[^"]+)" rel="next"/.exec(p1.text)![1].replace(/&amp;/g, "&");
    const second = numbers((await web.get(next).expect(200)).text);
    expect(second).to.have.length(3);
    expect(new Set([...first, ...second]).size).to.equal(28);
  });

  it("counts every view and filters by text, number and status", async () => {
    const web = await signIn(ctx.app, "nina");
    const res = await web.get("/desk/queues/1?view=mine").expect(200);
    const count = (view: string) => Number(new RegExp(`view=${view}"[^>]*>[^<]*<span class="count">(\\d+)`).exec(res.text)![1]);
    expect(count("open")).to.equal(28);
    expect(count("mine")).to.equal(3);
    expect(count("unassigned")).to.equal(25);
    expect(count("pending")).to.equal(2);
    const text = await web.get("/desk/queues/1?q=badge").expect(200);
    expect(text.text).to.contain("Badge reader broken");
    expect(text.text).to.not.contain("Ticket 12<");
    const byNumber = await web.get("/desk/queues/1?q=INC-000009").expect(200);
    expect(byNumber.text).to.contain("INC-000009");
    const pending = await web.get("/desk/queues/1?view=pending").expect(200);
    expect((pending.text.match(/status-pending/g) ?? []).length).to.equal(2);
  });

  it("an agent sees only their tiers; a supervisor all; a requester none", async () => {
    const sam = await signIn(ctx.app, "sam");
    await sam.get("/desk/queues/1").expect(403);
    const n2 = await sam.get("/desk/queues/2?view=escalated").expect(200);
    expect((n2.text.match(/status-escalated/g) ?? []).length).to.equal(2);
    const sue = await signIn(ctx.app, "sue");
    for (const tier of [1, 2, 3]) await sue.get(`/desk/queues/${tier}`).expect(200);
    const requester = await signIn(ctx.app, "emma");
    await requester.get("/desk/queues/1").expect(403);
    await requester.get("/desk").expect(403);
  });

  it("a bad filter value is a 422, not a crash", async () => {
    const web = await signIn(ctx.app, "nina");
    await web.get("/desk/queues/1?view=everything").expect(422);
  });
});
