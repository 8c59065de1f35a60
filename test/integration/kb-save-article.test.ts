import { expect } from "chai";
import type { EntityManager } from "typeorm";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import { createArticle, updateArticle, KbArticle } from "../../src/modules/kb";
import { recordFeedback } from "../../src/modules/kb/commands/record-feedback";
import { withTransaction } from "../../src/platform/db/transaction";
import { rawQuery, txQuery } from "../../src/platform/db/raw";
import type { Actor } from "../../src/access/actor";

/**
 * A save writes what the editor changed, never a stale copy of the counters that readers
 * move at the same time (a view, a "was this helpful?" vote).
 */
describe("Integration: saving an article keeps its view and vote counters", () => {
  let ctx: TestContext;
  let agent: Actor;
  let employee: Actor;

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    agent = await makeAgent(ctx.deps, 1, { username: "kb-save-agent" });
    employee = await makeUser(ctx.deps, { username: "kb-save-emp" });
  });

  const counters = async (id: number) => {
    const [row] = await rawQuery<{ views: number; yes: number; no: number }>(ctx.deps.db,
      "SELECT views, helpful_yes AS yes, helpful_no AS no FROM kb_articles WHERE id = ?", [id]);
    const [votes] = await rawQuery<{ n: number }>(ctx.deps.db, "SELECT COUNT(*) AS n FROM kb_feedback WHERE article_id = ? AND helpful = ?", [id, true]);
    return { views: Number(row.views), yes: Number(row.yes), no: Number(row.no), yesRows: Number(votes.n) };
  };

  /**
   * The save's transaction, where a vote and two views land right after the article was
   * read: what another connection commits in that gap on PostgreSQL (on SQLite the same
   * statements go through the one connection, with the same effect on the row).
   */
  const saveWithVoteInBetween = (id: number, input: Parameters<typeof updateArticle>[3]) =>
    withTransaction(ctx.deps.db, (tx) => {
      const interleaved = new Proxy(tx, {
        get(target, prop) {
          const v = Reflect.get(target, prop, target) as unknown;
          if (prop !== "findOne" || typeof v !== "function") return typeof v === "function" ? v.bind(target) : v;
          return async (...args: Parameters<EntityManager["findOne"]>) => {
            const found = await target.findOne(...args);
            if (args[0] === KbArticle) {
              const at = ctx.clock.now().getTime();
              await txQuery(target, "INSERT INTO kb_feedback (article_id, user_id, helpful, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                [id, employee.id, true, null, at, at]);
              await txQuery(target, "UPDATE kb_articles SET helpful_yes = helpful_yes + 1, views = views + 2 WHERE id = ?", [id]);
            }
            return found;
          };
        },
      });
      return updateArticle(ctx.deps, agent, id, input, null, interleaved);
    });

  it("a vote and views recorded between reading and saving the article survive the save", async () => {
    const a = await createArticle(ctx.deps, agent, { title: "VPN drops", body: "Reinstall the client.", audience: "everyone", status: "published" });
    await rawQuery(ctx.deps.db, "UPDATE kb_articles SET views = 5 WHERE id = ?", [a.id]);
    await saveWithVoteInBetween(a.id, { title: "VPN drops every hour", body: "Reinstall the **client**.", version: a.version });
    const after = await counters(a.id);
    expect(after).to.deep.equal({ views: 7, yes: 1, no: 0, yesRows: 1 });
    const saved = await ctx.deps.db.getRepository(KbArticle).findOneByOrFail({ id: a.id });
    expect(saved.title).to.equal("VPN drops every hour");
    expect(saved.bodyText).to.equal("Reinstall the client.");
    expect(saved.version).to.equal(a.version + 1);
  });

  it("a vote recorded before a save on the version the editor saw stays counted", async () => {
    const a = await createArticle(ctx.deps, agent, { title: "Printer offline", body: "Restart the spooler.", audience: "everyone", status: "published" });
    await recordFeedback(ctx.deps, employee, a.id, { helpful: true });
    await updateArticle(ctx.deps, agent, a.id, { summary: "The printer shows offline", version: a.version });
    expect(await counters(a.id)).to.deep.equal({ views: 0, yes: 1, no: 0, yesRows: 1 });
  });

  it("only the changed fields are written: publishing stamps the reviewer and the date", async () => {
    const a = await createArticle(ctx.deps, agent, { title: "Draft", body: "Text.", audience: "everyone", status: "draft" });
    ctx.clock.set(new Date("2026-11-24T10:00:00Z"));
    await updateArticle(ctx.deps, agent, a.id, { status: "published", version: a.version });
    const saved = await ctx.deps.db.getRepository(KbArticle).findOneByOrFail({ id: a.id });
    expect(saved.status).to.equal("published");
    expect(saved.reviewerId).to.equal(agent.id);
    expect(saved.publishedAt?.toISOString()).to.equal("2026-11-24T10:00:00.000Z");
    expect(saved.updatedAt.toISOString()).to.equal("2026-11-24T10:00:00.000Z");
    expect(saved.title).to.equal("Draft");
  });
});
