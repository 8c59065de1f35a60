import { expect } from "chai";
import type request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { groupId, makeAgent, makeTicket, makeUser, N1, N2 } from "../factories";
import { signIn, type Agent } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import { createCategory } from "../../src/modules/admin/commands/create-category";
import { createGroup } from "../../src/modules/admin/commands/create-group";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { definitionOf, refreshKpiFacts } from "../../src/modules/reporting";
import { TABLE_IDS } from "../../src/modules/reporting/report-tables";

const DAY = "from=2026-11-23&to=2026-11-23";
const FRIDAY = "from=2026-11-20&to=2026-11-20";
const at = (ctx: TestContext, hhmm: string, day = "2026-11-23") => ctx.clock.set(new Date(`${day}T${hhmm}:00+01:00`));
/** A formula behind another separator: a spreadsheet splitting a comma file on ";" must still see one quoted cell. */
const HYPERLINK = 'x;=HYPERLINK("http://e")';

/** The download as text, byte order mark included (supertest's text parser would drop it). */
const raw = (r: request.Test) => r.buffer(true).parse((res, cb) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks).toString("utf8")));
});

/** The cells of the row `key` of the table `table-<id>`, as the reader sees them (tags dropped, entities decoded). */
function rowOf(html: string, id: string, key: string): string[] {
  const table = new RegExp(`<table[^>]*id="table-${id}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? "";
  const row = new RegExp(`<tr data-key="${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}">([\\s\\S]*?)</tr>`).exec(table)?.[1] ?? "";
  return [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)]
    .map((m) => m[1].replace(/<span class="visually-hidden">[^<]*<\/span>/g, "").replace(/<[^>]+>/g, "").replace(/&#39;/g, "'").trim());
}

const csvRows = (text: string) => text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");

/**
 * One Monday in Paris, every ticket P4:
 * A (VPN) 09:00 created, 09:30 taken by N1 (first response 30 min), 11:00 resolved (120 min).
 * B ("=cmd" category) 09:10 created, 09:40 taken (30 min), 12:50 resolved (220 min).
 * C, D (Label printers) created 09:20 and 09:30, taken and escalated to N2 at 10:00: N2's backlog.
 * E (VPN) 10:00 created, nobody takes it: N1's backlog.
 * The Friday before: F (category HYPERLINK, whose tickets go to "Lyon Desk", a tier-1 group
 * the N1 agent is not in) 10:00 created, 10:30 taken by the N1 agent, 11:00 resolved.
 */
describe("HTTP: the dashboard page and its CSV exports", () => {
  let ctx: TestContext;
  let n1: Actor;
  let n2Group: number;
  let n1Group: number;
  let lyonGroup: number;
  let vpn: number;
  let sup: Agent;

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    n2Group = await groupId(ctx.deps, N2);
    n1Group = await groupId(ctx.deps, N1);
    const emp = await makeUser(ctx.deps, { username: "rp-emp" });
    n1 = await makeAgent(ctx.deps, 1, { username: "rp-n1" });
    await makeAgent(ctx.deps, 2, { username: "rp-n2" });
    await makeUser(ctx.deps, { username: "rp-sup", role: "supervisor", groups: [N1] });
    await makeUser(ctx.deps, { username: "rp-chef", role: "supervisor", groups: [N1], locale: "fr" });
    const category = async (name: string) => (await createCategory(ctx.deps, SYSTEM_ACTOR, { name, defaultGroupId: n1Group, active: true })).id;
    const [network, formula, printers] = [await category("VPN"), await category("=cmd|' /C calc'!A0"), await category("Label printers")];
    vpn = network;
    const ticket = (title: string, categoryId: number) => makeTicket(ctx.deps, emp, { title, categoryId });
    lyonGroup = (await createGroup(ctx.deps, SYSTEM_ACTOR, { name: "Lyon Desk", tier: 1, email: null })).id;
    const hyperlink = (await createCategory(ctx.deps, SYSTEM_ACTOR, { name: HYPERLINK, defaultGroupId: lyonGroup, active: true })).id;
    at(ctx, "10:00", "2026-11-20"); const f = await ticket("F", hyperlink);
    at(ctx, "10:30", "2026-11-20"); await takeTicket(ctx.deps, n1, f.id);
    at(ctx, "11:00", "2026-11-20"); await resolveTicket(ctx.deps, n1, f.id, { resolution: "Link fixed", code: "fixed" });

    at(ctx, "09:00"); const a = await ticket("A", network);
    at(ctx, "09:10"); const b = await ticket("B", formula);
    at(ctx, "09:20"); const c = await ticket("C", printers);
    at(ctx, "09:30"); const d = await ticket("D", printers);
    await takeTicket(ctx.deps, n1, a.id);
    at(ctx, "09:40"); await takeTicket(ctx.deps, n1, b.id);
    at(ctx, "10:00"); await ticket("E", network);
    for (const t of [c, d]) {
      await takeTicket(ctx.deps, n1, t.id);
      await escalateTicket(ctx.deps, n1, t.id, { groupId: null, reason: "Toner jam", note: "Tried the usual" });
    }
    at(ctx, "11:00"); await resolveTicket(ctx.deps, n1, a.id, { resolution: "Cable replaced", code: "fixed" });
    at(ctx, "12:50"); await resolveTicket(ctx.deps, n1, b.id, { resolution: "Reset", code: "fixed" });
    at(ctx, "13:00"); await refreshKpiFacts(ctx.deps);
    sup = await signIn(ctx.app, "rp-sup");
  });

  it("shows a supervisor every section, the definitions and the charts' tables with the right numbers", async () => {
    const html = (await sup.get(`/reports?${DAY}`).expect(200)).text;
    for (const id of ["backlog", "flow", "times", "quality", "people"]) expect(html).to.include(`<section class="report-section mb-4" id="${id}"`);
    expect(html).to.include('id="nav-reports"').and.include('aria-current="page"');
    expect(html).to.include(definitionOf("fcrRate", "en")).and.include('aria-label="Definition of “First-contact resolution”"');
    for (const chart of ["flow-daily", "aging", "satisfaction", "sla-priority"]) {
      expect(html).to.match(new RegExp(`<canvas id="chart-${chart}" role="img" aria-label="[^"]+" data-chart="`));
      expect(html).to.include(`id="table-${chart}"`);
    }
    expect(rowOf(html, "flow-daily", "2026-11-23")).to.deep.equal(["23 Nov 2026", "5", "2"]);
    expect(rowOf(html, "backlog-tier", "1")).to.deep.equal(["N1", "1"]);
    expect(rowOf(html, "backlog-tier", "2")).to.deep.equal(["N2", "2"]);
    expect(rowOf(html, "aging", "0-1")).to.deep.equal(["0–1\u00a0d", "3"]);
    expect(rowOf(html, "aging", "30+")).to.deep.equal(["30+\u00a0d", "0"]);
    // medians of 30 and 30 min, of 120 and 220 min; the p90 is the larger one
    expect(rowOf(html, "times-priority", "4")).to.deep.equal(["P4", "2", "30\u00a0min", "30\u00a0min", "2\u00a0h\u00a050\u00a0min", "3\u00a0h\u00a040\u00a0min"]);
    expect(rowOf(html, "sla-priority", "4")).to.deep.equal(["P4", "2", "2", "100%", "2", "2", "100%"]);
    expect(html).to.include('id="as-of"').and.include("as of 23 Nov 2026");
    // the median column of the time per tier has its own definition
    const tierTime = /<table[^>]*id="table-tier-time"[\s\S]*?<\/thead>/.exec(html)?.[0] ?? "";
    expect(tierTime).to.include(definitionOf("tierTimeMedian", "en")).and.include('aria-label="Definition of “Time spent per tier, median”"');
    // a supervisor sees every group by its name: Lyon's F, resolved on the Friday
    const friday = (await sup.get(`/reports?${FRIDAY}`).expect(200)).text;
    expect(rowOf(friday, "satisfaction-group", String(lyonGroup))).to.deep.equal(["Lyon Desk", "0", "—"]);
  });

  it("shows no KB deflections under a group, tier or category filter, and says why", async () => {
    const card = (html: string) => /<div class="card kpi-card h-100" id="kpi-kbDeflections">[\s\S]*?<\/div><\/div><\/div>/.exec(html)?.[0] ?? "";
    const whole = card((await sup.get(`/reports?${DAY}`).expect(200)).text);
    expect(whole).to.match(/<div class="kpi-value mt-auto">0<\/div>/).and.not.include("kpi-note");
    for (const filter of [`group=${n1Group}`, "tier=1", `category=${vpn}`]) {
      const filtered = card((await sup.get(`/reports?${DAY}&${filter}`).expect(200)).text);
      expect(filtered, filter).to.include('<div class="kpi-note small text-body-secondary" id="kpi-kbDeflections-note">Not split by group, tier or category</div>');
      expect(filtered, filter).to.include('<span aria-hidden="true">—</span><span class="visually-hidden">No data</span>');
    }
  });

  it("refuses an employee (403), hides another group (404) and counts only an N1 agent's own tickets", async () => {
    await (await signIn(ctx.app, "rp-emp")).get("/reports").expect(403);
    await (await signIn(ctx.app, "rp-emp")).get("/reports/export/aging.csv").expect(403);
    const agent = await signIn(ctx.app, "rp-n1");
    await agent.get(`/reports?group=${n2Group}`).expect(404);
    await agent.get(`/reports/export/categories.csv?group=${n2Group}`).expect(404);
    await sup.get("/reports?group=999999").expect(404);
    const html = (await agent.get("/reports").expect(200)).text;
    const groups = /<select[^>]*id="f-group"[\s\S]*?<\/select>/.exec(html)?.[0] ?? "";
    expect(html).to.include('id="report-scope"');
    expect(groups).to.include("N1 Service Desk").and.not.include(`<option value="${n2Group}"`);
    expect(rowOf(html, "backlog-tier", "1")).to.deep.equal(["N1", "1"]);
    expect(rowOf(html, "backlog-tier", "2")).to.deep.equal(["N2", "0"]);
    expect(rowOf(html, "flow-daily", "2026-11-23")).to.deep.equal(["23 Nov 2026", "3", "2"]);
    // the export has the same scope: N2's printers are not the agent's
    // (the last 30 days: F too, which the agent held)
    const categories = csvRows((await raw(agent.get("/reports/export/categories.csv").expect(200))).body as string);
    expect(categories.slice(0, 2)).to.deep.equal(["Category,Created", "VPN,2"]);
    expect(categories).to.have.members(["Category,Created", "VPN,2", "'=cmd|' /C calc'!A0,1", '"x;=HYPERLINK(""http://e"")",1']);
    // F, resolved in Lyon's group, which is not the agent's: one row that names no other group, on the page and in the file
    const friday = (await agent.get(`/reports?${FRIDAY}`).expect(200)).text;
    expect(rowOf(friday, "satisfaction-group", "others")).to.deep.equal(["Other groups (tickets you held)", "0", "—"]);
    expect(friday).to.not.include("Lyon Desk");
    expect(csvRows((await raw(agent.get(`/reports/export/satisfaction-group.csv?${FRIDAY}`).expect(200))).body as string))
      .to.deep.equal(["Group,Answers,Average score", "Other groups (tickets you held),0,"]);
  });

  it("re-renders bad dates with 422, the message next to the field and what was typed", async () => {
    const bad = (await sup.get("/reports?from=2026-02-30&to=2026-11-23").expect(422)).text;
    expect(bad).to.match(/<div class="invalid-feedback d-block" id="from-error">Enter a date as YYYY-MM-DD.<\/div>/);
    expect(bad).to.include('value="2026-02-30"').and.include('aria-describedby="from-error"').and.not.include('id="backlog"');
    const order = (await sup.get("/reports?from=2026-11-23&to=2026-11-01").expect(422)).text;
    expect(order).to.include('id="to-error">The end of the period comes before its start.');
    await sup.get("/reports?tier=7").expect(422);
    await sup.get(`/reports/export/aging.csv?from=nope`).expect(422);
  });

  it("exports every table as CSV (BOM, translated header, named file), neutralises formulas, and takes a separator", async () => {
    for (const id of TABLE_IDS) {
      const res = await raw(sup.get(`/reports/export/${id}.csv?${DAY}`).expect(200).expect("content-type", "text/csv; charset=utf-8"));
      expect(res.headers["content-disposition"]).to.equal(`attachment; filename="niveau-${id}-2026-11-23-2026-11-23.csv"`);
      expect(res.body as string, id).to.match(/^\uFEFF[^\r\n,]+(,[^\r\n]+)*\r\n/);
    }
    await sup.get("/reports/export/nope.csv").expect(404);
    await sup.get("/reports/export/aging.csv?sep=pipe").expect(422);
    const categories = csvRows((await raw(sup.get(`/reports/export/categories.csv?${DAY}`))).body as string);
    expect(categories).to.have.members(["Category,Created", "VPN,2", "Label printers,2", "'=cmd|' /C calc'!A0,1"]);
    const times = csvRows((await raw(sup.get(`/reports/export/times-priority.csv?${DAY}`))).body as string);
    expect(times).to.deep.equal([
      'Priority,Resolved,"First response, median (business minutes)","First response, p90 (business minutes)",' +
        '"Resolution, median (business minutes)","Resolution, p90 (business minutes)"',
      "P1,0,,,,", "P2,0,,,,", "P3,0,,,,", "P4,2,30,30,170,220",
    ]);
    const semi = csvRows((await raw(sup.get(`/reports/export/flow-daily.csv?${DAY}&sep=semicolon`))).body as string);
    expect(semi).to.deep.equal(["Day;Created;Resolved", "2026-11-23;5;2"]);
    // a cell holding ";" is quoted in a comma file too (a French spreadsheet splits it on ";"), and in a ";" file
    const comma = csvRows((await raw(sup.get(`/reports/export/categories.csv?${FRIDAY}&sep=comma`))).body as string);
    expect(comma).to.deep.equal(["Category,Created", '"x;=HYPERLINK(""http://e"")",1']);
    const semicolon = csvRows((await raw(sup.get(`/reports/export/categories.csv?${FRIDAY}&sep=semicolon`))).body as string);
    expect(semicolon).to.deep.equal(["Category;Created", '"x;=HYPERLINK(""http://e"")";1']);
    const tab = csvRows((await raw(sup.get(`/reports/export/flow-daily.csv?${DAY}&sep=tab`))).body as string);
    expect(tab).to.deep.equal(["Day\tCreated\tResolved", "2026-11-23\t5\t2"]);
  });

  it("speaks French to a French reader", async () => {
    const html = (await (await signIn(ctx.app, "rp-chef")).get(`/reports?${DAY}`).expect(200)).text;
    expect(html).to.include('<html lang="fr">').and.include("Tableaux de bord").and.include("Stock en ce moment").and.include("Délais");
    expect(html).to.include("du 23 nov. 2026 au 23 nov. 2026").and.include(definitionOf("fcrRate", "fr"));
    expect(rowOf(html, "times-priority", "4")[4]).to.equal("2\u00a0h\u00a050\u00a0min");
    expect(rowOf(html, "flow-daily", "2026-11-23")[0]).to.equal("23 nov. 2026");
    expect(rowOf(html, "aging", "0-1")).to.deep.equal(["0–1\u00a0j", "3"]);
    expect(rowOf(html, "aging", "30+")).to.deep.equal(["30\u00a0j et plus", "0"]);
    expect(html).to.include("Première réponse, 90ᵉ centile").and.not.include("90e centile");
  });
});
