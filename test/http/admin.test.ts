import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { groupId, makeAgent, makeTicket, makeUser, N1, N2, PASSWORD } from "../factories";
import { csrf, csrfFrom, signIn, type Agent } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { User } from "../../src/modules/users/user.entity";
import { GroupMember, SupportGroup } from "../../src/modules/users/group.entity";
import { Category } from "../../src/modules/tickets/category.entity";
import { AuditEntry } from "../../src/modules/admin/audit.entity";
import { getPriorityMatrix } from "../../src/modules/tickets/queries/priority-matrix";

const PAGES = ["/admin/users", "/admin/users/new", "/admin/groups", "/admin/categories", "/admin/matrix", "/admin/audit"];
const MATRIX = { high_high: "1", high_medium: "2", high_low: "3", medium_high: "2", medium_medium: "3", medium_low: "4", low_high: "3", low_medium: "4", low_low: "4" };

describe("HTTP: the admin area", () => {
  let ctx: TestContext;
  let root: Actor;
  let admin: Agent;

  /** Audit rows written by the signed-in admin for one action (the factories write theirs as the system). */
  const audits = (action: string) => ctx.deps.db.getRepository(AuditEntry).find({ where: { action, actorId: root.id }, order: { id: "ASC" } });
  /** A form post by the admin, with the CSRF token of the page the form is on. */
  const post = async (url: string, body: Record<string, unknown>, status: number, page = url) =>
    admin.post(url).type("form").send({ _csrf: await csrf(admin, page), ...body }).expect(status);

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    root = await makeUser(ctx.deps, { username: "root", name: "Ada Admin", role: "admin" });
    admin = await signIn(ctx.app, "root");
  });

  describe("access", () => {
    it("redirects an anonymous visitor to the sign-in page (303)", async () => {
      for (const url of PAGES) {
        const res = await request(ctx.app).get(url).expect(303);
        expect(res.headers.location, url).to.equal(`/login?next=${encodeURIComponent(url)}`);
      }
    });

    it("refuses every admin page and form to a requester and to an agent (403)", async () => {
      await makeUser(ctx.deps, { username: "req1" });
      await makeAgent(ctx.deps, 1, { username: "agt1" });
      for (const who of ["req1", "agt1"]) {
        const agent = await signIn(ctx.app, who);
        for (const url of PAGES) await agent.get(url).expect(403);
        const token = await csrf(agent, "/portal");
        await agent.post("/admin/groups").type("form").send({ _csrf: token, name: "Rogue", tier: "1" }).expect(403);
        await agent.post("/admin/matrix").type("form").send({ _csrf: token, ...MATRIX, low_low: "1" }).expect(403);
      }
      expect(await ctx.deps.db.getRepository(SupportGroup).count({ where: { name: "Rogue" } })).to.equal(0);
    });

    it("refuses a form posted without its CSRF token (403) and changes nothing", async () => {
      await admin.post("/admin/groups").type("form").send({ name: "No token", tier: "2" }).expect(403);
      await admin.post("/admin/groups").type("form").send({ _csrf: "forged", name: "No token", tier: "2" }).expect(403);
      expect(await ctx.deps.db.getRepository(SupportGroup).count({ where: { name: "No token" } })).to.equal(0);
    });

    it("shows the admin sub-navigation on every page, the current section marked", async () => {
      for (const url of PAGES) {
        const res = await admin.get(url).expect(200);
        for (const href of ["/admin/users", "/admin/groups", "/admin/categories", "/admin/matrix", "/admin/audit"]) expect(res.text, url).to.contain(`href="${href}"`);
        expect(res.text).to.match(/class="nav-link active" href="\/admin\/[a-z]+" aria-current=page/);
      }
    });

    it("answers 404 for an unknown or malformed id", async () => {
      for (const url of ["/admin/users/999999", "/admin/users/abc", "/admin/groups/999999", "/admin/categories/999999"]) await admin.get(url).expect(404);
      await post("/admin/users/999999", { displayName: "Ghost", role: "requester", active: "1" }, 404, "/admin/users");
      await post("/admin/users/999999/password", { password: "long-enough-password" }, 404, "/admin/users");
    });
  });

  describe("users", () => {
    it("creates a user with groups, audits it and redirects to the user's page", async () => {
      const n2 = await groupId(ctx.deps, N2);
      const res = await post("/admin/users", {
        username: "Nina.N2", password: "a-long-password", displayName: "Nina Roux", email: "nina@example.org", role: "agent", groupIds: String(n2), vip: "1",
      }, 303, "/admin/users/new");
      const user = await ctx.deps.db.getRepository(User).findOneByOrFail({ username: "nina.n2" });
      expect(res.headers.location).to.equal(`/admin/users/${user.id}`);
      expect(user).to.include({ role: "agent", vip: true, active: true, displayName: "Nina Roux" });
      expect(await ctx.deps.db.getRepository(GroupMember).findBy({ userId: user.id })).to.deep.equal([{ groupId: n2, userId: user.id }]);
      expect((await audits("user.create")).map((a) => a.entityId)).to.include(String(user.id));
      const page = await admin.get(res.headers.location).expect(200);
      expect(page.text).to.contain("User nina.n2 created.");
    });

    it("keeps what was typed and shows the field error for a duplicate username (422)", async () => {
      await makeUser(ctx.deps, { username: "taken" });
      const res = await post("/admin/users", { username: "taken", password: "secret-password-1", displayName: "Typed Name", role: "requester" }, 422, "/admin/users/new");
      expect(res.text).to.match(/id="username-error">This username is already taken\./);
      expect(res.text).to.contain('value="Typed Name"');
      expect(res.text).not.to.contain("secret-password-1");
      expect(await ctx.deps.db.getRepository(User).countBy({ username: "taken" })).to.equal(1);
    });

    it("shows each invalid field next to its input (422)", async () => {
      const res = await post("/admin/users", { username: "Bad Name!", password: "short", displayName: "", role: "king" }, 422, "/admin/users/new");
      for (const f of ["username", "password", "displayName", "role"]) expect(res.text, f).to.contain(`id="${f}-error"`);
    });

    it("lists users with search, role filter and keyset pages (no row twice, none lost)", async () => {
      const now = ctx.clock.now();
      await ctx.deps.db.getRepository(User).insert(Array.from({ length: 55 }, (_, i) => ({
        username: `bulk${String(i).padStart(2, "0")}`, provider: "local" as const, displayName: `Bulk ${i}`, email: null, phone: null, department: null,
        location: null, locale: null, timezone: null, vip: false, role: "requester" as const, active: true, passwordHash: null, createdAt: now, updatedAt: now,
      })));
      const first = await admin.get("/admin/users?q=bulk").expect(200);
      const next = /href="([^"]+)" rel="next"/.exec(first.text)?.[1]?.replace(/&amp;/g, "&");
      expect(next).to.match(/^\/admin\/users\?q=bulk&cursor=/);
      const second = await admin.get(next!).expect(200);
      const names = (html: string) => [...html.matchAll(/>(bulk\d\d)</g)].map((m) => m[1]);
      const all = [...names(first.text), ...names(second.text)];
      expect(all).to.have.length(55);
      expect(new Set(all).size).to.equal(55);
      expect(second.text).not.to.contain('rel="next"');
      const search = await admin.get("/admin/users?q=Nina").expect(200);
      expect(search.text).to.contain("nina.n2").and.not.contain("bulk01");
      const admins = await admin.get("/admin/users?role=admin").expect(200);
      expect(admins.text).to.contain(">root<").and.not.contain("nina.n2");
    });

    it("edits profile, role, groups and VIP, with an audit row", async () => {
      const emma = await makeUser(ctx.deps, { username: "emma", name: "Emma M" });
      const [n1, n2] = [await groupId(ctx.deps, N1), await groupId(ctx.deps, N2)];
      const form = await admin.get(`/admin/users/${emma.id}`).expect(200);
      expect(form.text).to.contain('value="Emma M"');
      await admin.post(`/admin/users/${emma.id}`).type("form").send(`_csrf=${encodeURIComponent(csrfFrom(form.text))}&displayName=Emma+Martin&role=supervisor&groupIds=${n1}&groupIds=${n2}&vip=1&active=1&locale=fr`).expect(303);
      const user = await ctx.deps.db.getRepository(User).findOneByOrFail({ id: emma.id });
      expect(user).to.include({ displayName: "Emma Martin", role: "supervisor", vip: true, active: true, locale: "fr" });
      expect((await ctx.deps.db.getRepository(GroupMember).findBy({ userId: emma.id })).map((g) => g.groupId).sort()).to.deep.equal([n1, n2].sort());
      const [row] = (await audits("user.update")).filter((a) => a.entityId === String(emma.id));
      expect(row.details).to.deep.include({ before: { role: "requester", active: true, vip: false }, after: { role: "supervisor", active: true, vip: true } });
    });

    it("deactivating a user ends their session: their next request goes to the sign-in page", async () => {
      const bob = await makeUser(ctx.deps, { username: "bob" });
      const browser = await signIn(ctx.app, "bob");
      await browser.get("/portal").expect(200);
      await post(`/admin/users/${bob.id}`, { displayName: "Bob", role: "requester" }, 303, `/admin/users/${bob.id}`);
      const res = await browser.get("/portal").expect(303);
      expect(res.headers.location).to.equal("/login?next=%2Fportal");
      const login = request.agent(ctx.app);
      const token = csrfFrom((await login.get("/login")).text);
      await login.post("/login").type("form").send({ _csrf: token, username: "bob", password: PASSWORD }).expect(401);
      const [row] = (await audits("user.update")).filter((a) => a.entityId === String(bob.id));
      expect(row.details).to.deep.include({ after: { role: "requester", active: false, vip: false } });
    });

    it("refuses to let an admin deactivate or demote themselves (409), keeping them signed in", async () => {
      const before = (await audits("user.update")).length;
      const off = await post(`/admin/users/${root.id}`, { displayName: "Ada Admin", role: "admin" }, 409, `/admin/users/${root.id}`);
      expect(off.text).to.contain("You cannot deactivate your own account");
      expect(off.text).to.contain('value="Ada Admin"');
      const demoted = await post(`/admin/users/${root.id}`, { displayName: "Ada Admin", role: "requester", active: "1" }, 409, `/admin/users/${root.id}`);
      expect(demoted.text).to.contain("You cannot remove your own administrator role");
      expect(await ctx.deps.db.getRepository(User).findOneByOrFail({ id: root.id })).to.include({ role: "admin", active: true });
      expect(await audits("user.update")).to.have.length(before);
      await admin.get("/admin/users").expect(200);
    });

    it("resets a password: the old one stops working, the new one works, sessions end", async () => {
      const carl = await makeUser(ctx.deps, { username: "carl" });
      const browser = await signIn(ctx.app, "carl");
      const short = await post(`/admin/users/${carl.id}/password`, { password: "short" }, 422, `/admin/users/${carl.id}`);
      expect(short.text).to.contain('id="password-error"');
      await post(`/admin/users/${carl.id}/password`, { password: "brand-new-password" }, 303, `/admin/users/${carl.id}`);
      await browser.get("/portal").expect(303);
      await signIn(ctx.app, "carl", "brand-new-password");
      const login = request.agent(ctx.app);
      const token = csrfFrom((await login.get("/login")).text);
      await login.post("/login").type("form").send({ _csrf: token, username: "carl", password: PASSWORD }).expect(401);
      expect((await audits("user.password_reset")).map((a) => a.entityId)).to.include(String(carl.id));
    });
  });

  describe("groups and categories", () => {
    it("lists groups with their tier and member count, creates and edits one, audited", async () => {
      await makeAgent(ctx.deps, 2, { username: "n2a" });
      const list = await admin.get("/admin/groups").expect(200);
      expect(list.text).to.match(/N2 Support<\/a><\/td><td><span class="badge tier-badge">N2<\/span><\/td><td><\/td><td class="text-end">\d+<\/td>/);
      await post("/admin/groups", { name: "Network team", tier: "3", email: "net@example.org" }, 303);
      const g = await ctx.deps.db.getRepository(SupportGroup).findOneByOrFail({ name: "Network team" });
      expect(g).to.include({ tier: 3, email: "net@example.org" });
      await post(`/admin/groups/${g.id}`, { name: "Network engineering", tier: "2", email: "" }, 303);
      expect(await ctx.deps.db.getRepository(SupportGroup).findOneByOrFail({ id: g.id })).to.include({ name: "Network engineering", tier: 2, email: null });
      expect((await audits("group.create")).map((a) => a.entityId)).to.deep.equal([String(g.id)]);
      expect((await audits("group.update"))[0].details).to.deep.include({ after: { name: "Network engineering", tier: 2, email: null } });
    });

    it("refuses a duplicate group name (any case) or a bad tier with field errors, keeping the input (422)", async () => {
      const dup = await post("/admin/groups", { name: "n2 support", tier: "2", email: "typed@example.org" }, 422);
      expect(dup.text).to.contain('id="name-error">A group with this name already exists.');
      expect(dup.text).to.contain('value="typed@example.org"');
      const bad = await post("/admin/groups", { name: "Tier nine", tier: "9" }, 422);
      expect(bad.text).to.contain('id="tier-error"');
    });

    it("refuses to move a group holding open tickets to another tier (409)", async () => {
      const emp = await makeUser(ctx.deps, { username: "emp-g" });
      await makeTicket(ctx.deps, emp);
      const n1 = await groupId(ctx.deps, N1);
      const res = await post(`/admin/groups/${n1}`, { name: N1, tier: "2" }, 409);
      expect(res.text).to.contain("open ticket");
      expect(await ctx.deps.db.getRepository(SupportGroup).findOneByOrFail({ id: n1 })).to.include({ tier: 1 });
    });

    it("creates, renames and deactivates a category; the portal stops offering it", async () => {
      const n1 = await groupId(ctx.deps, N1);
      await post("/admin/categories", { name: "Telephony", defaultGroupId: String(n1), active: "1" }, 303);
      const c = await ctx.deps.db.getRepository(Category).findOneByOrFail({ name: "Telephony" });
      expect(c).to.include({ defaultGroupId: n1, active: true });
      const portalUser = await signIn(ctx.app, "emp-g");
      expect((await portalUser.get("/portal/new").expect(200)).text).to.contain(">Telephony<");
      await post(`/admin/categories/${c.id}`, { name: "Phones", defaultGroupId: "" }, 303);
      expect(await ctx.deps.db.getRepository(Category).findOneByOrFail({ id: c.id })).to.include({ name: "Phones", defaultGroupId: null, active: false });
      expect((await portalUser.get("/portal/new").expect(200)).text).not.to.contain(">Phones<");
      expect((await audits("category.create")).map((a) => a.entityId)).to.deep.equal([String(c.id)]);
      expect(await audits("category.update")).to.have.length(1);
    });

    it("refuses a duplicate category name and a default group that is not N1 (422)", async () => {
      const dup = await post("/admin/categories", { name: "HARDWARE", defaultGroupId: "" }, 422);
      expect(dup.text).to.contain('id="name-error">A category with this name already exists.');
      expect(dup.text).to.contain('value="HARDWARE"');
      const n2 = await groupId(ctx.deps, N2);
      const wrong = await post("/admin/categories", { name: "Servers", defaultGroupId: String(n2), active: "1" }, 422);
      expect(wrong.text).to.contain('id="defaultGroupId-error">Choose an N1 group');
      expect(await ctx.deps.db.getRepository(Category).countBy({ name: "Servers" })).to.equal(0);
    });
  });

  describe("priority matrix and audit log", () => {
    it("saves the matrix: new tickets follow it, and the change is audited", async () => {
      const page = await admin.get("/admin/matrix").expect(200);
      expect(page.text).to.match(/<label class="visually-hidden" for="f-low_low">/);
      await post("/admin/matrix", { ...MATRIX, low_low: "2" }, 303);
      expect((await getPriorityMatrix(ctx.deps.db.manager)).low.low).to.equal(2);
      const emp = await makeUser(ctx.deps, { username: "emp-m" });
      expect((await makeTicket(ctx.deps, emp, { impact: "low", urgency: "low" })).priority).to.equal(2);
      const [row] = await audits("settings.priority_matrix");
      expect(row.details).to.have.nested.property("after.low.low", 2);
      expect(row.details).to.have.nested.property("before.low.low", 4);
    });

    it("refuses a cell outside P1..P4 with the error next to that cell, keeping what was typed (422)", async () => {
      const res = await post("/admin/matrix", { ...MATRIX, medium_high: "5" }, 422);
      expect(res.text).to.contain('id="medium_high-error"');
      expect(res.text).to.contain('<option value="5" selected>5</option>');
      expect(res.text).to.match(/id="f-low_low"[^>]*>[\s\S]*?<option value="4" selected>/);
      expect((await getPriorityMatrix(ctx.deps.db.manager)).medium.high).to.equal(2);
      expect(await audits("settings.priority_matrix")).to.have.length(1);
    });

    it("shows the audit log newest first, with who (or System), action, subject and details", async () => {
      const res = await admin.get("/admin/audit").expect(200);
      const first = res.text.indexOf("Priority matrix changed");
      const older = res.text.indexOf("Category created");
      expect(first).to.be.greaterThan(-1);
      expect(older).to.be.greaterThan(first);
      expect(res.text).to.contain("Ada Admin").and.contain("System");
      expect(res.text).to.contain("&#34;low&#34;:2");
    });

    it("pages the audit log by keyset (every row once)", async () => {
      await ctx.deps.db.getRepository(AuditEntry).insert(Array.from({ length: 50 }, (_, i) => ({
        actorId: null, action: "test.filler", entityType: "setting", entityId: String(i), details: null, createdAt: ctx.clock.now(),
      })));
      const total = await ctx.deps.db.getRepository(AuditEntry).count();
      expect(total).to.be.greaterThan(50);
      const first = await admin.get("/admin/audit").expect(200);
      const next = /href="([^"]+)" rel="next"/.exec(first.text)?.[1];
      expect(next).to.match(/^\/admin\/audit\?cursor=/);
      const rows = (html: string) => (html.match(/<time datetime=/g) ?? []).length;
      const second = await admin.get(next!).expect(200);
      expect(rows(first.text) + rows(second.text)).to.equal(total);
    });

    it("speaks French with French typography", async () => {
      await makeUser(ctx.deps, { username: "root-fr", role: "admin", locale: "fr" });
      const fr = await signIn(ctx.app, "root-fr");
      const res = await fr.get("/admin/matrix").expect(200);
      expect(res.text).to.contain("Journal d’audit").and.contain("Impact\u00a0: Élevé");
    });
  });
});
