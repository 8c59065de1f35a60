import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeUser } from "../factories";
import { Asset } from "../../src/modules/assets/asset.entity";
import { createAsset } from "../../src/modules/assets";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { noticeHref, noticeText } from "../../src/modules/notifications/notifications.presenter";
import { User } from "../../src/modules/users/user.entity";
import { MailOutboxRow } from "../../src/platform/mail";
import { runJob } from "../../src/platform/jobs";
import { translator } from "../../src/platform/i18n";
import { jobDefinitions } from "../../src/jobs";
import { ASSET_WARRANTY_JOB, runWarrantyWatch } from "../../src/modules/assets/jobs/warranty-watch";
import type { Actor } from "../../src/access/actor";

const DAY = 24 * 3600_000;
/** 07:00 in Paris, the job's default time; the calendar dates below are Paris dates. */
const NOW = new Date("2026-11-23T06:00:00Z");
const date = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString().slice(0, 10);

describe("Integration: the asset-warranty job (one digest to the admins, each warranty date once)", () => {
  let ctx: TestContext;
  let admins: Actor[];
  let alice: Actor;

  const add = (tag: string, warrantyEnd: string | null, over: { status?: "in_stock" | "in_use" | "in_repair" | "retired"; owner?: string } = {}) =>
    createAsset(ctx.deps, admins[0], { tag, name: `Device ${tag}`, type: "laptop", warrantyEnd, ...over });
  const digests = (userId: number) => ctx.deps.db.getRepository(Notification).find({ where: { userId, kind: "asset_warranty" }, order: { id: "ASC" } });
  const warned = async (tag: string) => (await ctx.deps.db.getRepository(Asset).findOneByOrFail({ tag })).warrantyWarnedFor;

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    ctx.clock.set(NOW);
    admins = [await makeUser(ctx.deps, { username: "w-admin1", role: "admin", name: "Ada Admin" }), await makeUser(ctx.deps, { username: "w-admin2", role: "admin", locale: "fr" })];
    const gone = await makeUser(ctx.deps, { username: "w-admin3", role: "admin" });
    await ctx.deps.db.getRepository(User).update({ id: gone.id }, { active: false });
    alice = await makeUser(ctx.deps, { username: "w-alice", name: "Alice Martin" });
  });

  it("is registered, daily at 07:00", () => {
    const job = jobDefinitions().find((j) => j.name === ASSET_WARRANTY_JOB);
    expect(job?.defaultSchedule).to.equal("0 7 * * *");
  });

  it("warns every active admin once of the warranties ending within 30 days, soonest first, in the bell and by mail; a second run sends nothing", async () => {
    await add("PC-SOON", date(10), { owner: "w-alice" });
    await add("PC-EDGE", date(30));
    await add("PC-TODAY", date(0));
    await add("PC-LATER", date(31));
    await add("PC-GONE", date(-1));
    await add("PC-RETIRED", date(5), { status: "retired" });
    await add("PC-NONE", null);
    expect(await runWarrantyWatch(ctx.deps)).to.deep.equal({ due: 3, admins: 2 });
    for (const a of admins) {
      const [n, ...more] = await digests(a.id);
      expect(more).to.deep.equal([]);
      expect(n.params).to.deep.include({ count: 3, days: 30, tags: "PC-TODAY, PC-SOON, PC-EDGE" });
      expect(noticeHref(n)).to.equal("/assets?warranty=soon");
    }
    const [bell] = await digests(admins[0].id);
    expect(noticeText(bell.kind, bell.params ?? {}, translator("en"), () => "")).to.equal("Warranties ending within 30 days (3): PC-TODAY, PC-SOON, PC-EDGE");
    expect(await ctx.deps.db.getRepository(Notification).count({ where: { userId: alice.id, kind: "asset_warranty" } })).to.equal(0);
    const mails = await ctx.deps.db.getRepository(MailOutboxRow).find({ where: { template: "asset-warranty" }, order: { id: "ASC" } });
    expect(mails.map((m) => m.toAddress)).to.deep.equal(["w-admin1@example.org", "w-admin2@example.org"]);
    expect(mails[0].subject).to.equal("Warranties ending soon (3)");
    expect(mails[0].text).to.include(`PC-SOON — Device PC-SOON (Alice Martin), warranty ends ${date(10)}`).and.include("/assets/PC-SOON")
      .and.include(`PC-EDGE — Device PC-EDGE (no owner), warranty ends ${date(30)}`).and.not.include("PC-LATER").and.not.include("PC-RETIRED");
    expect(mails[0].html).to.include(`href="${ctx.config.baseUrl}/assets/PC-SOON"`);
    // in the admin's own language
    expect(mails[1].subject).to.equal("Garanties bientôt échues (3)");
    expect(await warned("PC-SOON")).to.equal(date(10));
    expect(await warned("PC-LATER")).to.equal(null);

    expect(await runWarrantyWatch(ctx.deps)).to.deep.equal({ due: 0, admins: 0 });
    expect(await digests(admins[0].id)).to.have.length(1);
  });

  it("a changed warranty date warns again; the window moves with the clock; retiring an asset silences it", async () => {
    await add("PC-A", date(10));
    await add("PC-B", date(45));
    await runWarrantyWatch(ctx.deps);
    await ctx.deps.db.getRepository(Asset).update({ tag: "PC-A" }, { warrantyEnd: date(20) });
    expect(await runWarrantyWatch(ctx.deps)).to.deep.equal({ due: 1, admins: 2 });
    expect((await digests(admins[0].id)).map((n) => n.params?.tags)).to.deep.equal(["PC-A", "PC-A"]);
    ctx.clock.set(new Date(NOW.getTime() + 15 * DAY));
    expect(await runWarrantyWatch(ctx.deps)).to.deep.equal({ due: 1, admins: 2 });
    expect((await digests(admins[0].id)).at(-1)?.params?.tags).to.equal("PC-B");
    await add("PC-C", date(30));
    await ctx.deps.db.getRepository(Asset).update({ tag: "PC-C" }, { status: "retired" });
    expect(await runWarrantyWatch(ctx.deps)).to.deep.equal({ due: 0, admins: 0 });
  });

  it("with no active admin nothing is marked: the warning waits for one", async () => {
    await add("PC-WAIT", date(3));
    await ctx.deps.db.getRepository(User).update({ role: "admin" }, { active: false });
    expect(await runWarrantyWatch(ctx.deps)).to.deep.equal({ due: 1, admins: 0 });
    expect(await warned("PC-WAIT")).to.equal(null);
    await ctx.deps.db.getRepository(User).update({ id: admins[1].id }, { active: true });
    expect(await runWarrantyWatch(ctx.deps)).to.deep.equal({ due: 1, admins: 1 });
    expect(await warned("PC-WAIT")).to.equal(date(3));
  });

  it("reads the inventory in batches, and runs as a recorded job", async () => {
    // more than one batch of 500, created straight in the table
    const typeId = (await ctx.deps.db.getRepository(Asset).findOneByOrFail({ tag: (await add("PC-X0000", date(7))).tag })).typeId;
    await ctx.deps.db.createQueryBuilder().insert().into(Asset).updateEntity(false).values(Array.from({ length: 1100 }, (_, i) => ({
      tag: `PC-X${String(i + 1).padStart(4, "0")}`, name: "Bulk", typeId, status: "in_stock" as const, ownerId: null, location: null, department: null,
      serial: null, manufacturer: null, model: null, purchaseDate: null, warrantyEnd: date(1 + (i % 20)), notes: null, warrantyWarnedFor: null,
      version: 1, createdById: null, createdAt: NOW, updatedAt: NOW,
    }))).execute();
    const job = jobDefinitions().find((j) => j.name === ASSET_WARRANTY_JOB)!;
    const run = await runJob(ctx.deps, job, { trigger: "manual", actorId: admins[0].id });
    expect(run.outcome).to.equal("success");
    expect(run.counts).to.deep.equal({ due: 1101, admins: 2 });
    expect(await ctx.deps.db.getRepository(Asset).count({ where: { warrantyWarnedFor: date(1) } })).to.equal(55);
    const [mail] = await ctx.deps.db.getRepository(MailOutboxRow).find({ where: { template: "asset-warranty" }, take: 1 });
    expect(mail.text).to.include("Not listed here: 901 more.");
    expect((await runJob(ctx.deps, job, { trigger: "manual", actorId: null })).counts).to.deep.equal({ due: 0, admins: 0 });
  });
});
