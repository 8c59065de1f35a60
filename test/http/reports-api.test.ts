import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { groupId, makeAgent, makeTicket, makeUser, N1, N2 } from "../factories";
import { apiClient } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { reopenTicket } from "../../src/modules/tickets/commands/reopen-ticket";
import { KPI_DEFINITIONS, TicketSurvey, kpisOf, loadDashboard, refreshKpiFacts, type KpiName } from "../../src/modules/reporting";
import { translator } from "../../src/platform/i18n";

/** error.fields carries messages in the caller's language: the expected i18n keys as English messages. */
const messages = (keys: Record<string, string>) => Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, translator("en")(v)]));
const paris = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+01:00`);
const DAY = "from=2026-11-23&to=2026-11-23";
const REQUIRED = [
  "backlog", "createdCount", "resolvedCount", "firstResponseMedian", "resolutionMedian", "slaResponseCompliance",
  "slaResolutionCompliance", "fcrRate", "reopenRate", "escalationRate", "csatAverage",
] as const;
type Values = Partial<Record<KpiName, number | null>>;
const valuesOf = (kpis: Record<string, { value: number | null }>, names: readonly string[]) =>
  Object.fromEntries(names.map((n) => [n, kpis[n].value]));

describe("HTTP: GET /api/v1/reports/kpis", () => {
  let ctx: TestContext;
  let emp: Actor, n1: Actor, n2: Actor, sup: Actor;
  let n1Group: number, n2Group: number;
  const get = async (a: Actor, query: string, status = 200) => (await apiClient(ctx.deps, ctx.app, a)).get(`/reports/kpis?${query}`).expect(status);

  /**
   * One Monday in Paris (business hours 08:00-18:00, so business minutes are clock minutes
   * here), every ticket P4 (well inside its targets), in the order things happen:
   * A 09:00 created, 09:30 taken by N1 (first response 30), 11:00 resolved by N1 (120; first contact).
   * B 09:10 created, 09:50 taken by N1 (40), 10:10 escalated to N2, 10:40 taken by N2, 12:10 resolved by N2 (180).
   * C 09:20 created, 09:30 taken by N1 (10), 10:20 resolved, 10:50 reopened by the employee, 11:20 resolved
   *   again (the clock stopped from 10:20 to 10:50: 60 + 30 = 90).
   * D 10:00 created, nobody takes it (N1's backlog).
   * E 10:30 created, 11:30 taken by N1, 11:40 escalated to N2 (N2's backlog, nobody holds it).
   * Ratings: A 5, B 2.
   */
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    [n1Group, n2Group] = [await groupId(ctx.deps, N1), await groupId(ctx.deps, N2)];
    emp = await makeUser(ctx.deps, { username: "ra-emp" });
    n1 = await makeAgent(ctx.deps, 1, { username: "ra-n1" });
    n2 = await makeAgent(ctx.deps, 2, { username: "ra-n2" });
    sup = await makeUser(ctx.deps, { username: "ra-sup", role: "supervisor", groups: [N1] });
    const at = (hhmm: string) => ctx.clock.set(paris(hhmm));
    const escalate = (a: Actor, id: number) => escalateTicket(ctx.deps, a, id, { groupId: null, reason: "Needs N2", note: "Logs attached" });
    const resolve = (a: Actor, id: number) => resolveTicket(ctx.deps, a, id, { resolution: "Done", code: "fixed" });

    at("09:00"); const a = await makeTicket(ctx.deps, emp, { title: "A" });
    at("09:10"); const b = await makeTicket(ctx.deps, emp, { title: "B" });
    at("09:20"); const c = await makeTicket(ctx.deps, emp, { title: "C" });
    at("09:30"); await takeTicket(ctx.deps, n1, a.id); await takeTicket(ctx.deps, n1, c.id);
    at("09:50"); await takeTicket(ctx.deps, n1, b.id);
    at("10:00"); await makeTicket(ctx.deps, emp, { title: "D" });
    at("10:10"); await escalate(n1, b.id);
    at("10:20"); await resolve(n1, c.id);
    at("10:30"); const e = await makeTicket(ctx.deps, emp, { title: "E" });
    at("10:40"); await takeTicket(ctx.deps, n2, b.id);
    at("10:50"); await reopenTicket(ctx.deps, emp, c.id, { reason: "Still broken" });
    at("11:00"); await resolve(n1, a.id);
    at("11:20"); await resolve(n1, c.id);
    at("11:30"); await takeTicket(ctx.deps, n1, e.id);
    at("11:40"); await escalate(n1, e.id);
    at("12:10"); await resolve(n2, b.id);
    for (const [t, score] of [[a, 5], [b, 2]] as const) {
      await ctx.deps.db.getRepository(TicketSurvey).insert({
        ticketId: t.id, requesterId: emp.id, score, comment: null, firstAnsweredAt: paris("12:15"), answeredAt: paris("12:15"), alertedAt: null,
      });
    }
    at("12:30");
    await refreshKpiFacts(ctx.deps);
  });

  it("answers the contract: the period, asOf and every required figure with its value, unit and English definition", async () => {
    const res = await get(sup, DAY);
    expect(res.headers["cache-control"]).to.equal("no-store");
    expect(res.body.period).to.deep.equal({ from: "2026-11-23", to: "2026-11-23", timezone: "Europe/Paris" });
    expect(res.body.asOf).to.equal(paris("12:30").toISOString());
    expect(res.body.kpis).to.include.keys(...REQUIRED);
    for (const [name, k] of Object.entries(res.body.kpis as Record<string, { value: unknown; unit: string; definition: string }>)) {
      expect(k, name).to.have.all.keys("value", "unit", "definition");
      expect(k.value === null || typeof k.value === "number", name).to.equal(true);
      expect(k.unit, name).to.equal(KPI_DEFINITIONS[name as KpiName].unit);
      expect(k.definition, name).to.equal(KPI_DEFINITIONS[name as KpiName].en);
    }
  });

  it("a supervisor sees every group: the figures computed by hand", async () => {
    const res = await get(sup, DAY);
    expect(valuesOf(res.body.kpis, REQUIRED)).to.deep.equal({
      backlog: 2, createdCount: 5, resolvedCount: 3,
      firstResponseMedian: 30, resolutionMedian: 120, // medians of 30, 40, 10 and of 120, 180, 90
      slaResponseCompliance: 100, slaResolutionCompliance: 100,
      fcrRate: 33.3, reopenRate: 33.3, escalationRate: 33.3, // A, C and B: one in three each
      csatAverage: 3.5,
    } satisfies Values);
    expect(res.body.kpis.csatResponses.value).to.equal(2);
  });

  it("is the dashboard's own query: the same figures as loadDashboard for the same reader and filters", async () => {
    const d = await loadDashboard(ctx.deps, n1, { from: "2026-11-23", to: "2026-11-23", groupId: null, tier: null, categoryId: null });
    expect((await get(n1, DAY)).body.kpis).to.deep.equal(kpisOf(d, "en"));
  });

  it("an N1 agent sees only N1's tickets and their own: A, C and D", async () => {
    const res = await get(n1, DAY);
    expect(valuesOf(res.body.kpis, REQUIRED)).to.deep.equal({
      backlog: 1, createdCount: 3, resolvedCount: 2, firstResponseMedian: 20, resolutionMedian: 105,
      slaResponseCompliance: 100, slaResolutionCompliance: 100, fcrRate: 50, reopenRate: 50, escalationRate: 0, csatAverage: 5,
    } satisfies Values);
    const own = await get(n1, `${DAY}&group=${n1Group}`);
    expect(own.body.kpis.createdCount.value).to.equal(3);
  });

  it("an N2 agent sees B and E, never N1's figures", async () => {
    const res = await get(n2, DAY);
    expect(valuesOf(res.body.kpis, ["backlog", "createdCount", "resolvedCount", "resolutionMedian", "escalationRate", "csatAverage"]))
      .to.deep.equal({ backlog: 1, createdCount: 2, resolvedCount: 1, resolutionMedian: 180, escalationRate: 100, csatAverage: 2 });
    await get(n2, `${DAY}&group=${n1Group}`, 404);
  });

  it("an agent asking for another group's figures, or for a group that does not exist, gets the same 404", async () => {
    for (const g of [n2Group, 999_999]) {
      const res = await get(n1, `${DAY}&group=${g}`, 404);
      expect(res.body.error.code, String(g)).to.equal("report_group_not_found");
    }
    expect((await get(sup, `${DAY}&group=999999`, 404)).body.error.code).to.equal("report_group_not_found");
  });

  it("a supervisor filters by group and by tier", async () => {
    const names = ["backlog", "createdCount", "resolvedCount", "escalationRate"];
    const expected = { backlog: 1, createdCount: 2, resolvedCount: 1, escalationRate: 100 };
    expect(valuesOf((await get(sup, `${DAY}&group=${n2Group}`)).body.kpis, names)).to.deep.equal(expected);
    expect(valuesOf((await get(sup, `${DAY}&tier=2`)).body.kpis, names)).to.deep.equal(expected);
    expect(valuesOf((await get(sup, `${DAY}&tier=1&group=`)).body.kpis, names))
      .to.deep.equal({ backlog: 1, createdCount: 3, resolvedCount: 2, escalationRate: 0 });
    // deflections belong to no group or tier: a number without the filter, none with it
    expect((await get(sup, DAY)).body.kpis.kbDeflections.value).to.be.a("number");
    expect((await get(sup, `${DAY}&group=${n2Group}`)).body.kpis.kbDeflections.value).to.equal(null);
    expect((await get(sup, `${DAY}&tier=2`)).body.kpis.kbDeflections.value).to.equal(null);
  });

  it("an admin reads the figures; an employee's token is a 403; no token a 401", async () => {
    const admin = await makeUser(ctx.deps, { username: "ra-admin", role: "admin" });
    expect((await get(admin, DAY)).body.kpis.createdCount.value).to.equal(5);
    expect((await get(emp, DAY, 403)).body.error.code).to.equal("forbidden");
    expect((await request(ctx.app).get(`/api/v1/reports/kpis?${DAY}`).expect(401)).body.error.code).to.equal("unauthorized");
  });

  it("the period: the last 30 days by default; an end before the start, a bad date or more than 366 days is a 422 with the field", async () => {
    expect((await get(sup, "")).body.period).to.deep.equal({ from: "2026-10-25", to: "2026-11-23", timezone: "Europe/Paris" });
    await get(sup, "from=2025-11-23&to=2026-11-23"); // 366 days
    const cases: [string, string, Record<string, string>][] = [
      ["from=2026-11-24&to=2026-11-23", "report_period_invalid", { to: "reports.errors.order" }],
      ["from=2026-02-30&to=2026-03-02", "report_period_invalid", { from: "reports.errors.date" }],
      ["from=23/11/2026", "report_period_invalid", { from: "reports.errors.date" }],
      ["from=2025-11-22&to=2026-11-23", "report_period_too_long", { from: "reports.errors.too_long" }], // 367 days
    ];
    for (const [query, code, fields] of cases) {
      const res = await get(sup, query, 422);
      expect(res.body.error.code, query).to.equal(code);
      expect(res.body.error.fields, query).to.deep.equal(messages(fields));
    }
  });

  it("a tier other than 1-3, a group that is not a whole number or an unknown key is a 422 naming it", async () => {
    const cases: [string, Record<string, string>][] = [
      ["tier=4", { tier: "validation.choice" }],
      ["tier=0", { tier: "validation.choice" }],
      ["tier=two", { tier: "validation.choice" }],
      ["group=1.5", { group: "validation.invalid" }],
      ["group=2147483648", { group: "validation.invalid" }], // past an INTEGER column: told, not a database error
      ["group=abc&tier=2", { group: "validation.invalid" }],
      ["category=3", { category: "validation.unknown_field" }],
      ["from=2026-11-23&from=2026-11-24", { from: "validation.invalid" }],
    ];
    for (const [query, fields] of cases) {
      const res = await get(sup, query, 422);
      expect(res.body.error.code, query).to.equal("validation_failed");
      expect(res.body.error.fields, query).to.deep.equal(messages(fields));
    }
  });

  it("definitions come in the caller's language: the user's setting, else Accept-Language", async () => {
    const fr = await makeUser(ctx.deps, { username: "ra-sup-fr", role: "supervisor", locale: "fr" });
    const res = await get(fr, DAY);
    for (const name of REQUIRED) expect(res.body.kpis[name].definition, name).to.equal(KPI_DEFINITIONS[name].fr);
    const asked = await (await apiClient(ctx.deps, ctx.app, sup)).get(`/reports/kpis?${DAY}`).set("accept-language", "fr-FR,fr;q=0.9").expect(200);
    expect(asked.body.kpis.fcrRate.definition).to.equal(KPI_DEFINITIONS.fcrRate.fr);
    const enUser = await makeUser(ctx.deps, { username: "ra-sup-en", role: "supervisor", locale: "en" });
    const kept = await (await apiClient(ctx.deps, ctx.app, enUser)).get(`/reports/kpis?${DAY}`).set("accept-language", "fr").expect(200);
    expect(kept.body.kpis.fcrRate.definition).to.equal(KPI_DEFINITIONS.fcrRate.en);
  });
});

describe("HTTP: GET /api/v1/reports/kpis before the kpi-facts job ran", () => {
  it("asOf is null and the figures from the facts are empty; the live counts are there", async () => {
    const ctx = await testContext();
    await resetDb(ctx);
    const emp = await makeUser(ctx.deps, { username: "rb-emp" });
    const sup = await makeUser(ctx.deps, { username: "rb-sup", role: "supervisor" });
    const t = await makeTicket(ctx.deps, emp);
    await resolveTicket(ctx.deps, sup, t.id, { resolution: "Done", code: "fixed" });
    const res = await (await apiClient(ctx.deps, ctx.app, sup)).get("/reports/kpis?from=2026-11-23&to=2026-11-23").expect(200);
    expect(res.body.asOf).to.equal(null);
    expect(valuesOf(res.body.kpis, ["createdCount", "backlog", "resolvedCount", "resolutionMedian", "fcrRate", "csatAverage"]))
      .to.deep.equal({ createdCount: 1, backlog: 0, resolvedCount: 0, resolutionMedian: null, fcrRate: null, csatAverage: null });
  });
});
