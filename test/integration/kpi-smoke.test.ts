import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser, N1 } from "../factories";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { refreshKpiFacts } from "../../src/modules/reporting/jobs/kpi-facts";
import { loadDashboard } from "../../src/modules/reporting/queries/dashboard";
import { kpisOf } from "../../src/modules/reporting/kpis";

const paris = (isoLocal: string) => new Date(`${isoLocal}+01:00`);

describe("Integration: KPI smoke", () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
  });

  it("one ticket taken after 30 min and resolved after 2 h counts once", async () => {
    const emp = await makeUser(ctx.deps, { username: "s-emp" });
    const n1 = await makeAgent(ctx.deps, 1, { username: "s-n1" });
    const sup = await makeUser(ctx.deps, { username: "s-sup", role: "supervisor", groups: [N1] });
    ctx.clock.set(paris("2026-11-23T09:00:00"));
    const t = await makeTicket(ctx.deps, emp, { title: "Smoke" });
    ctx.clock.set(paris("2026-11-23T09:30:00"));
    await takeTicket(ctx.deps, n1, t.id);
    ctx.clock.set(paris("2026-11-23T11:00:00"));
    await resolveTicket(ctx.deps, n1, t.id, { resolution: "Done", code: "fixed" });
    ctx.clock.set(paris("2026-11-23T12:00:00"));
    expect(await refreshKpiFacts(ctx.deps)).to.include({ written: 1, full: 1 });
    const d = await loadDashboard(ctx.deps, sup, { from: "2026-11-23", to: "2026-11-23", groupId: null, tier: null, categoryId: null });
    const k = kpisOf(d, "en");
    expect(k.resolvedCount.value).to.equal(1);
    expect(k.createdCount.value).to.equal(1);
    expect(k.resolutionMedian.value).to.equal(120);
    expect(k.fcrRate.value).to.equal(100);
    expect(k.backlog.value).to.equal(0);
    expect(await refreshKpiFacts(ctx.deps)).to.include({ read: 0, full: 0 });
  });
});
