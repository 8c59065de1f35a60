import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { Category } from "../../src/modules/tickets/category.entity";
import { User } from "../../src/modules/users/user.entity";
import { createAsset, linkAsset } from "../../src/modules/assets";
import { ProblemSuggestion } from "../../src/modules/problems/problem-suggestion.entity";
import { refreshProblemSuggestions, windowIncidents } from "../../src/modules/problems/suggest/refresh";
import { signIn } from "../helpers/http";

const DAY = 24 * 3600_000;
const NOW = new Date("2026-11-23T09:00:00Z");

describe("Integration: suggested problems by asset (the problem-suggest job reads the tickets' assets)", () => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
  });

  it("suggests the incidents of one recurring device within the window, even from different places and words", async () => {
    const cat = (await ctx.deps.db.getRepository(Category).findOneByOrFail({ name: "Hardware" })).id;
    const n1 = await makeAgent(ctx.deps, 1, { username: "pa-n1" });
    await makeAgent(ctx.deps, 2, { username: "pa-n2" });
    const admin = await makeUser(ctx.deps, { username: "pa-admin", role: "admin" });
    const people = await Promise.all(["Lyon", "Paris", "Nantes", "Lille", "Brest", "Metz"].map(async (location, k) => {
      const u = await makeUser(ctx.deps, { username: `pa-emp${k}` });
      await ctx.deps.db.getRepository(User).update({ id: u.id }, { location });
      return u;
    }));
    await createAsset(ctx.deps, admin, { tag: "SRV-PRINT", name: "Print server", type: "server" });
    await createAsset(ctx.deps, admin, { tag: "PC-QUIET", name: "Fine laptop", type: "laptop" });
    const titles = ["Cannot print", "Queue stuck", "Spooler error", "Printing very slow", "Jobs lost", "Nothing comes out"];
    const ids: number[] = [];
    for (const [k, title] of titles.entries()) {
      // the first one is older than the window (7 days): it does not count
      ctx.clock.set(new Date(NOW.getTime() - (k === 0 ? 9 : 6 - k) * DAY));
      const t = await makeTicket(ctx.deps, people[k], { title, categoryId: cat });
      await linkAsset(ctx.deps, n1, t.id, k === 3 ? "srv-print" : "SRV-PRINT");
      if (k === 2) await linkAsset(ctx.deps, n1, t.id, "PC-QUIET");
      ids.push(t.id);
    }
    ctx.clock.set(NOW);
    const window = await windowIncidents(ctx.deps, new Date(NOW.getTime() - 7 * DAY), NOW);
    expect(window.find((i) => i.id === ids[2])?.assets).to.have.members(["SRV-PRINT", "PC-QUIET"]);
    expect(window.find((i) => i.id === ids[1])?.assets).to.deep.equal(["SRV-PRINT"]);
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ incidents: 5, found: 1, new: 1 });
    const [s, ...more] = await ctx.deps.db.getRepository(ProblemSuggestion).find();
    expect(more).to.deep.equal([]);
    expect(s).to.deep.include({ clusterKey: `${cat}|asset|srv-print`, dimension: "asset", value: "SRV-PRINT", count: 5, ticketIds: ids.slice(1) });
    // the desk reads it in words
    const page = (await (await signIn(ctx.app, "pa-n2")).get("/problems/suggested").expect(200)).text;
    expect(page).to.include("same asset: SRV-PRINT");
    // idempotent: a second pass writes nothing
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ found: 1, new: 0, unchanged: 1 });
  });
});
