import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { groupId, makeAgent, makeTicket, makeUser, N1, N2 } from "../factories";
import type { Actor } from "../../src/access/actor";
import { SessionRow } from "../../src/platform/db/session.entity";
import { SupportGroup } from "../../src/modules/users/group.entity";
import { User } from "../../src/modules/users/user.entity";
import { Category } from "../../src/modules/tickets/category.entity";
import { DEFAULT_MATRIX, type PriorityMatrix } from "../../src/modules/tickets/priority";
import { getPriorityMatrix } from "../../src/modules/tickets/queries/priority-matrix";
import { AuditEntry } from "../../src/modules/admin/audit.entity";
import { categorySchema, groupSchema, matrixSchema } from "../../src/modules/admin/admin.schemas";
import { createGroup } from "../../src/modules/admin/commands/create-group";
import { updateGroup } from "../../src/modules/admin/commands/update-group";
import { createCategory } from "../../src/modules/admin/commands/create-category";
import { updateCategory } from "../../src/modules/admin/commands/update-category";
import { setPriorityMatrix } from "../../src/modules/admin/commands/set-priority-matrix";
import { updateUser } from "../../src/modules/users/commands/update-user";
import { uniqueName } from "../../src/modules/admin/commands/unique";
import { listUsers } from "../../src/modules/admin/queries/users";
import { listGroupsWithCounts } from "../../src/modules/admin/queries/groups";
import { listAudit } from "../../src/modules/admin/queries/audit-log";
import { refusal } from "../helpers/refusal";


const group = (name: string, tier: number, email = "") => groupSchema.parse({ name, tier: String(tier), email });
const category = (name: string, defaultGroupId: number | "" = "", active = "1") => categorySchema.parse({ name, defaultGroupId: String(defaultGroupId), active });

describe("Integration: admin commands and queries", () => {
  let ctx: TestContext;
  let admin: Actor;
  let agent: Actor;
  const auditCount = () => ctx.deps.db.getRepository(AuditEntry).count();

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    admin = await makeUser(ctx.deps, { username: "root", role: "admin", name: "Ada Admin" });
    agent = await makeAgent(ctx.deps, 1, { username: "agent" });
  });

  it("refuses every command and query to a non-admin (403), writing nothing", async () => {
    const before = await auditCount();
    const profile = { ...(await profileOf(agent.id)), role: "admin" as const };
    // thunks: one refused attempt must not keep the next from running
    const attempts: (() => Promise<unknown>)[] = [
      () => createGroup(ctx.deps, agent, group("X", 1)), () => updateGroup(ctx.deps, agent, 1, group("X", 1)),
      () => createCategory(ctx.deps, agent, category("X")), () => updateCategory(ctx.deps, agent, 1, category("X")),
      () => setPriorityMatrix(ctx.deps, agent, DEFAULT_MATRIX), () => updateUser(ctx.deps, agent, agent.id, profile),
      () => listUsers(ctx.deps, agent, {}), () => listGroupsWithCounts(ctx.deps, agent), () => listAudit(ctx.deps, agent, undefined),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).status).to.equal(403);
    expect(await ctx.deps.db.getRepository(User).findOneByOrFail({ id: agent.id })).to.include({ role: "agent" });
    expect(await auditCount()).to.equal(before);
  });

  /** The edit form's input for a user as stored. */
  async function profileOf(userId: number) {
    const u = await ctx.deps.db.getRepository(User).findOneByOrFail({ id: userId });
    return {
      displayName: u.displayName, email: u.email, phone: u.phone, department: u.department, location: u.location,
      locale: u.locale, vip: u.vip, role: u.role, active: u.active, groupIds: [] as number[],
    };
  }

  describe("updateUser", () => {
    it("refuses self-deactivation and self-demotion (409) and leaves the account as it was", async () => {
      const off = await refusal(updateUser(ctx.deps, admin, admin.id, { ...(await profileOf(admin.id)), active: false }));
      expect([off.status, off.code]).to.deep.equal([409, "self_deactivation"]);
      const down = await refusal(updateUser(ctx.deps, admin, admin.id, { ...(await profileOf(admin.id)), role: "supervisor" }));
      expect([down.status, down.code]).to.deep.equal([409, "self_demotion"]);
      expect(await ctx.deps.db.getRepository(User).findOneByOrFail({ id: admin.id })).to.include({ role: "admin", active: true });
    });

    it("lets an admin change their own profile, and deactivate another admin, ending that admin's sessions", async () => {
      await updateUser(ctx.deps, admin, admin.id, { ...(await profileOf(admin.id)), displayName: "Ada Lovelace" });
      const other = await makeUser(ctx.deps, { username: "root2", role: "admin" });
      await ctx.deps.db.getRepository(SessionRow).insert({ sid: "s-other", data: "{}", expiresAt: ctx.clock.now().getTime() + 60_000, userId: other.id });
      await updateUser(ctx.deps, admin, other.id, { ...(await profileOf(other.id)), active: false });
      expect(await ctx.deps.db.getRepository(SessionRow).countBy({ userId: other.id })).to.equal(0);
      const rows = await ctx.deps.db.getRepository(AuditEntry).findBy({ action: "user.update", actorId: admin.id });
      expect(rows.map((r) => r.entityId)).to.deep.equal([String(admin.id), String(other.id)]);
    });
  });

  describe("groups", () => {
    it("creates and updates a group with an audit row each, before and after recorded", async () => {
      const g = await createGroup(ctx.deps, admin, group("Field support", 2, "FIELD@example.org"));
      expect(g).to.include({ tier: 2, email: "field@example.org" });
      await updateGroup(ctx.deps, admin, g.id, group("Field services", 3));
      const rows = await ctx.deps.db.getRepository(AuditEntry).find({ where: { entityType: "group", entityId: String(g.id) }, order: { id: "ASC" } });
      expect(rows.map((r) => [r.action, r.actorId])).to.deep.equal([["group.create", admin.id], ["group.update", admin.id]]);
      expect(rows[1].details).to.deep.equal({
        before: { name: "Field support", tier: 2, email: "field@example.org" }, after: { name: "Field services", tier: 3, email: null },
      });
    });

    it("refuses a name already used, in any case (422 on the name field), but lets a group keep its own name", async () => {
      const err = await refusal(createGroup(ctx.deps, admin, group("n1 SERVICE desk", 1)));
      expect([err.status, err.code, err.fields]).to.deep.equal([422, "name_taken", { name: "admin.errors.group_name_taken" }]);
      const n1 = await groupId(ctx.deps, N1);
      await updateGroup(ctx.deps, admin, n1, group(N1, 1, "desk@example.org"));
      expect((await refusal(updateGroup(ctx.deps, admin, n1, group(N2, 1)))).status).to.equal(422);
      expect((await refusal(updateGroup(ctx.deps, admin, 999999, group("Nope", 1)))).status).to.equal(404);
    });

    it("turns a unique-index violation (two admins at once) into the same 422 field error", async () => {
      const err = await refusal(uniqueName("name", "admin.errors.group_name_taken", () =>
        ctx.deps.db.getRepository(SupportGroup).insert({ name: N2, tier: 2, email: null })));
      expect([err.status, err.fields]).to.deep.equal([422, { name: "admin.errors.group_name_taken" }]);
    });

    it("refuses a tier change while the group holds open tickets or is a category's default (409); allows it otherwise", async () => {
      const n1 = await groupId(ctx.deps, N1);
      const err = await refusal(updateGroup(ctx.deps, admin, n1, group(N1, 2)));
      expect([err.status, err.code]).to.deep.equal([409, "group_is_category_default"]);
      const emp = await makeUser(ctx.deps);
      await makeTicket(ctx.deps, emp);
      const busy = await refusal(updateGroup(ctx.deps, admin, n1, group(N1, 2)));
      expect([busy.status, busy.code, busy.params]).to.deep.equal([409, "group_has_open_tickets", { n: 1 }]);
      const spare = await createGroup(ctx.deps, admin, group("Spare", 1));
      expect((await updateGroup(ctx.deps, admin, spare.id, group("Spare", 3))).tier).to.equal(3);
    });

    it("counts each group's members", async () => {
      await makeAgent(ctx.deps, 2);
      await makeAgent(ctx.deps, 2);
      const rows = await listGroupsWithCounts(ctx.deps, admin);
      expect(rows.map((r) => [r.name, r.tier, r.members])).to.deep.equal([[N1, 1, 1], [N2, 2, 2], ["N3 Engineering", 3, 0]]);
    });
  });

  describe("categories", () => {
    it("creates and updates a category (audited); only an N1 group may be its default", async () => {
      const n1 = await groupId(ctx.deps, N1);
      const c = await createCategory(ctx.deps, admin, category("Telephony", n1));
      expect(c).to.include({ defaultGroupId: n1, active: true });
      const wrong = await refusal(updateCategory(ctx.deps, admin, c.id, category("Telephony", await groupId(ctx.deps, N2))));
      expect([wrong.status, wrong.fields]).to.deep.equal([422, { defaultGroupId: "admin.errors.default_group_tier" }]);
      expect((await refusal(createCategory(ctx.deps, admin, category("Other things", 999999)))).fields).to.deep.equal({ defaultGroupId: "validation.choice" });
      await updateCategory(ctx.deps, admin, c.id, category("Phones", "", ""));
      expect(await ctx.deps.db.getRepository(Category).findOneByOrFail({ id: c.id })).to.include({ name: "Phones", defaultGroupId: null, active: false });
      const actions = (await ctx.deps.db.getRepository(AuditEntry).find({ where: { entityType: "category" }, order: { id: "ASC" } })).map((r) => r.action);
      expect(actions).to.deep.equal(["category.create", "category.update"]);
    });

    it("refuses a duplicate name in any case (422)", async () => {
      const err = await refusal(createCategory(ctx.deps, admin, category("email")));
      expect([err.status, err.fields]).to.deep.equal([422, { name: "admin.errors.category_name_taken" }]);
    });
  });

  describe("priority matrix", () => {
    const form = (m: PriorityMatrix) => Object.fromEntries(Object.entries(m).flatMap(([i, row]) => Object.entries(row).map(([u, p]) => [`${i}_${u}`, String(p)])));

    it("stores the matrix in the settings with an audit row of before and after", async () => {
      const next = matrixSchema.parse({ ...form(DEFAULT_MATRIX), high_low: "2" });
      await setPriorityMatrix(ctx.deps, admin, next);
      expect(await getPriorityMatrix(ctx.deps.db.manager)).to.deep.equal({ ...DEFAULT_MATRIX, high: { high: 1, medium: 2, low: 2 } });
      const [row] = await ctx.deps.db.getRepository(AuditEntry).findBy({ action: "settings.priority_matrix" });
      expect(row.details).to.deep.equal({ before: DEFAULT_MATRIX, after: next });
    });

    it("accepts only P1..P4 in every cell", () => {
      for (const bad of ["0", "5", "", "2.5", "P1"]) expect(matrixSchema.safeParse({ ...form(DEFAULT_MATRIX), low_medium: bad }).success, bad).to.equal(false);
      const { low_low: _dropped, ...missing } = form(DEFAULT_MATRIX);
      expect(_dropped).to.equal("4");
      expect(matrixSchema.safeParse(missing).success).to.equal(false);
    });
  });

  describe("lists", () => {
    it("lists users by keyset pages, searches name and username (LIKE wildcards taken literally), filters by role", async () => {
      for (const [username, name] of [["ann", "Ann 100% sure"], ["bea", "Bea"], ["cat_x", "Cat"], ["catyx", "Caty"]]) await makeUser(ctx.deps, { username, name });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listUsers(ctx.deps, admin, { cursor }, 2);
        seen.push(...page.rows.map((r) => r.username));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).to.deep.equal(["root", "agent", "ann", "bea", "cat_x", "catyx"]);
      expect((await listUsers(ctx.deps, admin, { q: "100%" })).rows.map((r) => r.username)).to.deep.equal(["ann"]);
      expect((await listUsers(ctx.deps, admin, { q: "cat_" })).rows.map((r) => r.username)).to.deep.equal(["cat_x"]);
      expect((await listUsers(ctx.deps, admin, { q: "BEA" })).rows.map((r) => r.username)).to.deep.equal(["bea"]);
      const agents = await listUsers(ctx.deps, admin, { role: "agent" });
      expect(agents.rows.map((r) => [r.username, r.groups.map((g) => g.name)])).to.deep.equal([["agent", [N1]]]);
    });

    it("lists the audit log newest first by keyset pages, with the actor's name or none for the system", async () => {
      await createGroup(ctx.deps, admin, group("G1", 1));
      await createGroup(ctx.deps, admin, group("G2", 1));
      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listAudit(ctx.deps, admin, cursor, 2);
        all.push(...page.rows.map((r) => `${r.action}:${r.actorName ?? "system"}`));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(all).to.deep.equal(["group.create:Ada Admin", "group.create:Ada Admin", "user.create:system", "user.create:system"]);
      const [newest] = (await listAudit(ctx.deps, admin, undefined, 1)).rows;
      expect(newest.details).to.deep.equal({ name: "G2", tier: 1, email: null });
      expect(newest.createdAt).to.be.instanceOf(Date);
    });
  });
});
