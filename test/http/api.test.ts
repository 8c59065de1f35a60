import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser, N1, N2, N3 } from "../factories";
import { signIn, csrf } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { createApiToken, revokeApiToken } from "../../src/modules/users/commands/api-tokens";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import type { Ticket } from "../../src/modules/tickets/ticket.entity";
import { setMajor } from "../../src/modules/major";

interface TicketJson {
  number: string;
  status: string;
  tier: number;
  group: string | null;
  assignee: string | null;
  version: number;
  [k: string]: unknown;
}

describe("HTTP: JSON API v1", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
  });

  /** A client holding someone's bearer token. */
  async function client(actor: Actor) {
    const { token } = await createApiToken(ctx.deps, actor, "test");
    const auth = (r: request.Test) => r.set("authorization", `Bearer ${token}`);
    return {
      get: (path: string) => auth(request(ctx.app).get(`/api/v1${path}`)),
      post: (path: string, body: object = {}) => auth(request(ctx.app).post(`/api/v1${path}`)).send(body),
    };
  }
  type Client = Awaited<ReturnType<typeof client>>;
  const num = (t: Ticket) => formatNumber(t.type, t.id);
  const newReport = { type: "incident", title: "Printer jams", description: "Third floor" };

  /** A requester's ticket, with a client for the requester, an N1, an N2 and an N3 agent. */
  async function scene() {
    const emp = await makeUser(ctx.deps);
    const [a1, a2, a3] = [await makeAgent(ctx.deps, 1), await makeAgent(ctx.deps, 2), await makeAgent(ctx.deps, 3)];
    const t = await makeTicket(ctx.deps, emp);
    return {
      emp, a1, a2, a3, n: num(t),
      req: await client(emp), n1: await client(a1), n2: await client(a2), n3: await client(a3),
    };
  }

  describe("authentication", () => {
    it("accepts a valid token, refuses a missing, unknown, malformed or revoked one with 401 JSON", async () => {
      const u = await makeUser(ctx.deps, { username: "tok.user" });
      const { token, row } = await createApiToken(ctx.deps, u, "script");
      const me = await request(ctx.app).get("/api/v1/me").set("authorization", `Bearer ${token}`).expect(200);
      expect(me.body.username).to.equal("tok.user");
      const missing = await request(ctx.app).get("/api/v1/me").expect(401);
      expect(missing.body.error.code).to.equal("unauthorized");
      await request(ctx.app).get("/api/v1/tickets").set("authorization", "Bearer nvt_nope").expect(401);
      await request(ctx.app).get("/api/v1/me").set("authorization", `Basic ${token}`).expect(401);
      await revokeApiToken(ctx.deps, u, row.id);
      const revoked = await request(ctx.app).get("/api/v1/me").set("authorization", `Bearer ${token}`).expect(401);
      expect(revoked.body.error.code).to.equal("unauthorized");
      await request(ctx.app).post("/api/v1/tickets").set("authorization", `Bearer ${token}`).send(newReport).expect(401);
    });

    it("GET /me describes the caller, by token and by browser session", async () => {
      const agent = await makeAgent(ctx.deps, 2, { username: "me.agent", name: "Mia Agent" });
      const res = await (await client(agent)).get("/me").expect(200);
      expect(res.body).to.deep.equal({
        username: "me.agent", displayName: "Mia Agent", email: "me.agent@example.org", role: "agent", provider: "local",
        locale: null, groups: [{ name: N2, tier: 2 }],
      });
      expect(res.headers["cache-control"]).to.equal("no-store");
      const browser = await signIn(ctx.app, "me.agent");
      const viaSession = await browser.get("/api/v1/me").expect(200);
      expect(viaSession.body.username).to.equal("me.agent");
    });

    it("a session POST needs the x-csrf-token header (403 without it)", async () => {
      await makeUser(ctx.deps, { username: "sess.user" });
      const browser = await signIn(ctx.app, "sess.user");
      const refused = await browser.post("/api/v1/tickets").send(newReport).expect(403);
      expect(refused.body.error.code).to.equal("csrf_invalid");
      const ok = await browser.post("/api/v1/tickets").set("x-csrf-token", await csrf(browser)).send(newReport).expect(201);
      expect(ok.body.requester).to.equal("sess.user");
    });
  });

  describe("POST /tickets", () => {
    it("creates a ticket through the portal's command, channel api, priority from the matrix", async () => {
      const u = await makeUser(ctx.deps, { username: "creator" });
      const res = await (await client(u)).post("/tickets", {
        type: "request", title: "  New laptop ", description: "Mine is 6 years old", impact: "high", urgency: "high", category: "Hardware",
      }).expect(201);
      expect(res.body.number).to.match(/^REQ-\d{6}$/);
      expect(res.body).to.deep.include({
        type: "request", title: "New laptop", status: "new", impact: "high", urgency: "high", priority: "P1", tier: 1, group: N1,
        category: "Hardware", requester: "creator", assignee: null, channel: "api", createdAt: "2026-11-23T09:00:00.000Z",
        resolvedAt: null, closedAt: null, reopenCount: 0, version: 1,
      });
      const plain = await (await client(u)).post("/tickets", newReport).expect(201);
      expect(plain.body).to.deep.include({ impact: "low", urgency: "medium", category: null, priority: "P4" });
    });

    it("422 with fields: missing title, unknown category, wrong type; priority/tier/assignee are not accepted", async () => {
      const c = await client(await makeUser(ctx.deps));
      const missing = await c.post("/tickets", { type: "incident", description: "x" }).expect(422);
      expect(missing.body.error.code).to.equal("validation_failed");
      expect(missing.body.error.fields).to.have.keys("title");
      const cat = await c.post("/tickets", { ...newReport, category: "Coffee machines" }).expect(422);
      expect(cat.body.error.fields).to.have.keys("category");
      const type = await c.post("/tickets", { ...newReport, type: "problem" }).expect(422);
      expect(type.body.error.fields).to.have.keys("type");
      const extra = await c.post("/tickets", { ...newReport, priority: 1, tier: 3, assignee: "bob" }).expect(422);
      expect(extra.body.error.fields).to.have.keys("priority", "tier", "assignee");
      expect((await c.get("/tickets").expect(200)).body.items).to.have.length(0);
    });

    it("a malformed JSON body is 400 invalid_json, an oversized one 413", async () => {
      const { token } = await createApiToken(ctx.deps, await makeUser(ctx.deps), "t");
      const bad = await request(ctx.app).post("/api/v1/tickets").set("authorization", `Bearer ${token}`)
        .set("content-type", "application/json").send('{"type": "incident",').expect(400);
      expect(bad.body.error.code).to.equal("invalid_json");
      const big = await request(ctx.app).post("/api/v1/tickets").set("authorization", `Bearer ${token}`)
        .send({ ...newReport, description: "x".repeat(1_100_000) }).expect(413);
      expect(big.body.error.code).to.equal("body_too_large");
    });
  });

  describe("GET /tickets/{number}", () => {
    it("shows one's ticket with comments and history; another person's ticket is 404", async () => {
      const s = await scene();
      const res = await s.req.get(`/tickets/${s.n}`).expect(200);
      expect(res.body.number).to.equal(s.n);
      expect(res.body.comments).to.deep.equal([]);
      expect(res.body.history.map((h: { kind: string }) => h.kind)).to.deep.equal(["created"]);
      const other = await client(await makeUser(ctx.deps));
      const hidden = await other.get(`/tickets/${s.n}`).expect(404);
      expect(hidden.body.error.code).to.equal("ticket_not_found");
      await other.post(`/tickets/${s.n}/comments`, { body: "me too" }).expect(404);
      await s.req.get(`/tickets/${s.n.replace("INC", "REQ")}`).expect(404);
      await s.req.get("/tickets/INC-999999").expect(404);
      await s.req.get("/tickets/not-a-number").expect(404);
      await s.n3.get(`/tickets/${s.n}`).expect(404);
    });

    it("an internal note is invisible to the requester; a requester cannot post one (403)", async () => {
      const s = await scene();
      const note = await s.n1.post(`/tickets/${s.n}/comments`, { body: "User is on the old VPN client", internal: true }).expect(201);
      expect(note.body).to.deep.include({ internal: true, author: s.a1.username, body: "User is on the old VPN client" });
      await s.n1.post(`/tickets/${s.n}/comments`, { body: "Please update your client" }).expect(201);
      const reply = await s.req.post(`/tickets/${s.n}/comments`, { body: "Done, thanks" }).expect(201);
      expect(reply.body.internal).to.equal(false);
      const forbidden = await s.req.post(`/tickets/${s.n}/comments`, { body: "sneaky", internal: true }).expect(403);
      expect(forbidden.body.error.code).to.equal("ticket_action_forbidden");
      const mine = await s.req.get(`/tickets/${s.n}`).expect(200);
      expect(mine.body.comments.map((c: { body: string }) => c.body)).to.deep.equal(["Please update your client", "Done, thanks"]);
      expect(JSON.stringify(mine.body)).not.to.contain("old VPN client");
      const staff = await s.n1.get(`/tickets/${s.n}`).expect(200);
      expect(staff.body.comments).to.have.length(3);
    });
  });

  describe("GET /tickets", () => {
    it("is scoped: own tickets for a requester and an admin, tiers passed through for an agent, all for a supervisor", async () => {
      const s = await scene();
      const other = await makeUser(ctx.deps);
      const theirs = await makeTicket(ctx.deps, other, { title: "Someone else's" });
      const numbers = async (c: Client, query = "") => (await c.get(`/tickets?limit=100${query}`).expect(200)).body.items.map((t: TicketJson) => t.number);
      expect(await numbers(s.req)).to.deep.equal([s.n]);
      expect(await numbers(s.n1)).to.include.members([s.n, num(theirs)]);
      expect(await numbers(s.n2)).not.to.include(s.n);
      await s.n1.post(`/tickets/${s.n}/escalate`, { reason: "Needs N2", note: "Checked cables" }).expect(200);
      expect(await numbers(s.n2)).to.include(s.n);
      expect(await numbers(s.n1)).to.include(s.n);
      const sup = await client(await makeUser(ctx.deps, { role: "supervisor" }));
      expect(await numbers(sup)).to.include.members([s.n, num(theirs)]);
      const admin = await makeUser(ctx.deps, { role: "admin" });
      const own = await makeTicket(ctx.deps, admin, { title: "Admin's own" });
      expect(await numbers(await client(admin))).to.deep.equal([num(own)]);
    });

    it("lists a major incident to every agent, as they read it: an N2 agent finds a tier-1 major incident by q", async () => {
      const emp = await makeUser(ctx.deps);
      const n1 = await makeAgent(ctx.deps, 1);
      const n2 = await client(await makeAgent(ctx.deps, 2));
      const major = await makeTicket(ctx.deps, emp, { title: "Core switch down in building B" });
      const plain = await makeTicket(ctx.deps, emp, { title: "Core switch fan noisy" });
      await setMajor(ctx.deps, n1, major.id, { major: true, publicTitle: "Network outage" });
      const numbers = async (q: string) => (await n2.get(`/tickets?${q}`).expect(200)).body.items.map((t: TicketJson) => t.number);
      expect(await numbers("q=core%20switch")).to.deep.equal([num(major)]);
      expect(await numbers(`q=${num(major)}`)).to.deep.equal([num(major)]);
      expect(await numbers(`q=${num(plain)}`)).to.deep.equal([]);
      await n2.get(`/tickets/${num(major)}`).expect(200);
    });

    it("filters by status, tier, assignee (me or a username) and q (title, LIKE-escaped, or number)", async () => {
      const emp = await makeUser(ctx.deps);
      const agent = await makeAgent(ctx.deps, 1, { username: "filter.agent" });
      const c = await client(emp);
      const full = await makeTicket(ctx.deps, emp, { title: "Disk 100% full" });
      const other = await makeTicket(ctx.deps, emp, { title: "Disk 1000 GB missing" });
      const ag = await client(agent);
      await ag.post(`/tickets/${num(full)}/take`).expect(200);
      const numbers = async (cl: Client, q: string) => (await cl.get(`/tickets?${q}`).expect(200)).body.items.map((t: TicketJson) => t.number);
      expect(await numbers(c, "q=100%25")).to.deep.equal([num(full)]);
      expect(await numbers(c, "q=disk")).to.deep.equal([num(other), num(full)]);
      expect(await numbers(c, `q=${num(other)}`)).to.deep.equal([num(other)]);
      expect(await numbers(c, "status=open")).to.deep.equal([num(full)]);
      expect(await numbers(c, "status=&tier=1&q=")).to.deep.equal([num(other), num(full)]);
      expect(await numbers(c, "tier=2")).to.deep.equal([]);
      expect(await numbers(c, "assignee=filter.agent")).to.deep.equal([num(full)]);
      expect(await numbers(ag, "assignee=me")).to.deep.equal([num(full)]);
      expect(await numbers(c, "assignee=nobody.here")).to.deep.equal([]);
      const bad = await c.get("/tickets?limit=101&status=lost&tier=4").expect(422);
      expect(bad.body.error.fields).to.have.keys("limit", "status", "tier");
      expect((await c.get("/tickets?cursor=garbage").expect(422)).body.error.fields).to.have.keys("cursor");
    });

    it("pages by keyset: 30 tickets walked page by page, none missing or repeated", async () => {
      const emp = await makeUser(ctx.deps);
      const made: string[] = [];
      for (let i = 0; i < 30; i++) made.push(num(await makeTicket(ctx.deps, emp, { title: `Ticket ${i}` })));
      const c = await client(emp);
      const first = await c.get("/tickets").expect(200);
      expect(first.body.items).to.have.length(25);
      expect((await c.get(`/tickets?cursor=${first.body.nextCursor}`).expect(200)).body).to.deep.include({ nextCursor: null });
      const seen: string[] = [];
      let cursor: string | null = "";
      let pages = 0;
      while (cursor !== null) {
        const res: request.Response = await c.get(`/tickets?limit=7${cursor ? `&cursor=${cursor}` : ""}`).expect(200);
        seen.push(...res.body.items.map((t: TicketJson) => t.number));
        cursor = res.body.nextCursor;
        // a ticket raised while the client walks does not shift the pages it has yet to read
        if (++pages === 1) await makeTicket(ctx.deps, emp, { title: "Raised meanwhile" });
      }
      expect(pages).to.equal(5);
      expect(seen).to.deep.equal([...made].reverse());
    });
  });

  describe("actions", () => {
    it("every action's happy path, through the page's commands, with history", async () => {
      const s = await scene();
      const peer = await makeAgent(ctx.deps, 1, { username: "peer.n1" });
      const go = async (c: Client, action: string, body: object = {}) => (await c.post(`/tickets/${s.n}/${action}`, body).expect(200)).body as TicketJson;
      expect(await go(s.n1, "take")).to.deep.include({ status: "open", assignee: s.a1.username, version: 2 });
      expect(await go(s.n1, "pending", { reason: "requester", note: "Asked for the model" })).to.deep.include({ status: "pending" });
      expect(await go(s.n1, "resume")).to.deep.include({ status: "open" });
      expect(await go(s.n1, "assign", { assignee: "peer.n1" })).to.deep.include({ assignee: peer.username });
      expect(await go(s.n1, "escalate", { reason: "Needs N2", note: "Tried a reboot", group: N2 }))
        .to.deep.include({ status: "escalated", tier: 2, group: N2, assignee: null });
      expect(await go(s.n2, "take")).to.deep.include({ status: "open", assignee: s.a2.username });
      expect(await go(s.n2, "deescalate", { reason: "Not for N2" })).to.deep.include({ status: "new", tier: 1, group: N1 });
      const resolved = await go(s.n1, "resolve", { resolution: "Replaced the toner", code: "fixed" });
      expect(resolved).to.deep.include({ status: "resolved", assignee: s.a1.username });
      expect(resolved.resolvedAt).to.be.a("string");
      expect(await go(s.req, "reopen", { reason: "Still jams" })).to.deep.include({ status: "open", reopenCount: 1, resolvedAt: null });
      await go(s.n1, "resolve", { resolution: "Replaced the roller", code: "fixed" });
      const closed = await go(s.req, "close");
      expect(closed).to.deep.include({ status: "closed" });
      expect(closed.closedAt).to.equal("2026-11-23T09:00:00.000Z");
      const detail = await s.n1.get(`/tickets/${s.n}`).expect(200);
      const kinds = detail.body.history.map((h: { kind: string }) => h.kind);
      expect(kinds).to.include.members(["created", "taken", "pending", "resumed", "assigned", "escalated", "deescalated", "resolved", "reopened", "closed"]);
      const escalated = detail.body.history.find((h: { kind: string }) => h.kind === "escalated");
      expect(escalated).to.deep.include({ actor: s.a1.username, from: 1, to: 2, reason: "Needs N2", note: "Tried a reboot" });
      const assigned = detail.body.history.find((h: { kind: string }) => h.kind === "assigned");
      expect(assigned).to.deep.include({ from: s.a1.username, to: "peer.n1" });
    });

    it("a stale version is 409 ticket_changed; the current one works", async () => {
      const s = await scene();
      await s.n1.post(`/tickets/${s.n}/take`, { version: 1 }).expect(200);
      const stale = await s.n1.post(`/tickets/${s.n}/pending`, { reason: "third_party", version: 1 }).expect(409);
      expect(stale.body.error.code).to.equal("ticket_changed");
      const staleNote = await s.n1.post(`/tickets/${s.n}/comments`, { body: "x", internal: true, version: 1 }).expect(409);
      expect(staleNote.body.error.code).to.equal("ticket_changed");
      await s.n1.post(`/tickets/${s.n}/pending`, { reason: "third_party", version: 2 }).expect(200);
      const typo = await s.n1.post(`/tickets/${s.n}/resume`, { vesion: 3 }).expect(422);
      expect(typo.body.error.fields).to.have.keys("vesion");
    });

    it("invalid transitions are 409: close a new ticket, escalate from N3, reply on a closed ticket", async () => {
      const s = await scene();
      const close = await s.req.post(`/tickets/${s.n}/close`).expect(409);
      expect(close.body.error.code).to.equal("invalid_transition");
      await s.n1.post(`/tickets/${s.n}/escalate`, { reason: "N2", note: "n" }).expect(200);
      const twice = await s.n2.post(`/tickets/${s.n}/escalate`, { reason: "N2", note: "n" }).expect(409);
      expect(twice.body.error.code).to.equal("invalid_transition");
      await s.n2.post(`/tickets/${s.n}/take`).expect(200);
      await s.n2.post(`/tickets/${s.n}/escalate`, { reason: "N3", note: "n", group: N3 }).expect(200);
      await s.n3.post(`/tickets/${s.n}/take`).expect(200);
      const top = await s.n3.post(`/tickets/${s.n}/escalate`, { reason: "higher", note: "n" }).expect(409);
      expect(top.body.error.code).to.equal("invalid_transition");
      await s.n3.post(`/tickets/${s.n}/resolve`, { resolution: "Patched", code: "fixed" }).expect(200);
      await s.req.post(`/tickets/${s.n}/close`).expect(200);
      const reply = await s.req.post(`/tickets/${s.n}/comments`, { body: "Thanks!" }).expect(409);
      expect(reply.body.error.code).to.equal("invalid_transition");
    });

    it("refusals: a requester cannot take (403), names are checked (422 on the API's field), unknown actions are 404", async () => {
      const s = await scene();
      expect((await s.req.post(`/tickets/${s.n}/take`).expect(403)).body.error.code).to.equal("ticket_action_forbidden");
      const nobody = await s.n1.post(`/tickets/${s.n}/assign`, { assignee: "no.such.user" }).expect(422);
      expect(nobody.body.error.fields).to.have.keys("assignee");
      const notMember = await s.n1.post(`/tickets/${s.n}/assign`, { assignee: s.a2.username }).expect(422);
      expect(notMember.body.error.fields).to.have.keys("assignee");
      const wrongTier = await s.n1.post(`/tickets/${s.n}/escalate`, { reason: "r", note: "n", group: N3 }).expect(422);
      expect(wrongTier.body.error.fields).to.have.keys("group");
      const unknownGroup = await s.n1.post(`/tickets/${s.n}/escalate`, { reason: "r", note: "n", group: "Nope" }).expect(422);
      expect(unknownGroup.body.error.fields).to.have.keys("group");
      const missing = await s.n1.post(`/tickets/${s.n}/resolve`, { code: "fixed" }).expect(422);
      expect(missing.body.error.fields).to.have.keys("resolution");
      for (const action of ["constructor", "toString", "explode"]) {
        expect((await s.n1.post(`/tickets/${s.n}/${action}`).expect(404)).body.error.code).to.equal("not_found");
      }
      const untouched = await s.n1.get(`/tickets/${s.n}`).expect(200);
      expect(untouched.body).to.deep.include({ status: "new", version: 1, assignee: null });
    });
  });
});
