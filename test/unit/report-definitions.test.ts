import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { KPI_DEFINITIONS, KPI_NAMES, definitionOf, headlineFigures, kpisOf, type Dashboard, type KpiName } from "../../src/modules/reporting";
import { qualityFigures, satisfaction, tierTimes, timeFigures } from "../../src/modules/reporting/aggregate";
import { periodOf } from "../../src/modules/reporting/queries/period";

/** What GET /api/v1/reports/kpis promises (issue 8's contract). */
const CONTRACT = [
  "backlog", "createdCount", "resolvedCount", "firstResponseMedian", "resolutionMedian", "slaResponseCompliance",
  "slaResolutionCompliance", "fcrRate", "reopenRate", "escalationRate", "csatAverage",
];
const UNITS = ["count", "percent", "minutes", "score"];

/** A dashboard with nothing resolved yet and a few live counts, built from the real aggregate functions. */
function dashboard(): Dashboard {
  return {
    period: periodOf("2026-11-23", "2026-11-23", "Europe/Paris", new Date("2026-11-23T12:00:00Z")),
    filter: { groupId: null, tier: null, categoryId: null }, asOf: null,
    backlog: { total: 7, unassigned: 3, pending: 2, stale: 1, byTier: [], byPriority: [], byStatus: [], aging: [] },
    flow: { created: 11, resolved: 0, perDay: [], byChannel: [], byCategory: [] },
    times: { all: timeFigures([]), byPriority: [], byTier: [], tierTime: tierTimes([]) },
    quality: {
      ...qualityFigures([]), deflections: 4, escalationByCategory: [],
      satisfaction: satisfaction([]), satisfactionByTier: [], satisfactionByGroup: [],
    },
    people: [],
  };
}

/** The README section "KPI definitions": its table rows as [name, unit, definition]. */
function readmeRows(): string[][] {
  const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("KPI definitions\n"));
  expect(section, "README section ## KPI definitions").to.be.a("string");
  return section!.split("\n").filter((l) => /^\| `/.test(l)).map((l) => l.slice(1, -1).split(" | ").map((c) => c.trim()));
}

describe("unit: KPI definitions", () => {
  it("every figure has a unit, an English and a French definition", () => {
    for (const name of KPI_NAMES) {
      const d = KPI_DEFINITIONS[name];
      expect(UNITS, name).to.include(d.unit);
      for (const text of [d.en, d.fr]) {
        expect(text, name).to.match(/^[A-Z0-9ÉÀ].{10,}\.$/s);
        expect(text, name).to.not.match(/\$\{|undefined|\s{2}/);
      }
      expect(d.fr, name).to.not.equal(d.en);
      expect(definitionOf(name, "fr"), name).to.equal(d.fr);
      expect(definitionOf(name, "en"), name).to.equal(d.en);
    }
  });

  it("the French ones follow French typography: ’ not ', « » not quotes, a no-break space before : ; ? ! and inside « »", () => {
    for (const name of KPI_NAMES) {
      const fr = KPI_DEFINITIONS[name].fr;
      expect(fr, name).to.not.match(/['"]/);
      expect(fr, name).to.not.match(/[^\u00a0\u202f][:;?!](\s|$)/);
      expect(fr, name).to.not.match(/«[^\u00a0\u202f]|[^\u00a0\u202f]»/);
    }
  });

  it("every figure kpisOf returns is defined, the contract's are all there, and each carries its own definition", () => {
    const k = kpisOf(dashboard(), "en");
    expect(KPI_NAMES).to.include.members(Object.keys(k));
    expect(Object.keys(k)).to.include.members(CONTRACT);
    expect(Object.keys(headlineFigures(dashboard()))).to.have.members(Object.keys(k));
    for (const [name, kpi] of Object.entries(k)) {
      expect(kpi.unit, name).to.equal(KPI_DEFINITIONS[name as KpiName].unit);
      expect(kpi.definition, name).to.equal(KPI_DEFINITIONS[name as KpiName].en);
      expect(kpisOf(dashboard(), "fr")[name].definition, name).to.equal(KPI_DEFINITIONS[name as KpiName].fr);
    }
    expect([k.backlog.value, k.unassigned.value, k.createdCount.value, k.resolvedCount.value, k.kbDeflections.value]).to.deep.equal([7, 3, 11, 0, 4]);
    // nothing resolved: a median, a rate or an average has nothing to measure (null, not 0)
    expect([k.resolutionMedian.value, k.fcrRate.value, k.slaResolutionCompliance.value, k.csatAverage.value]).to.deep.equal([null, null, null, null]);
  });

  it("the README's table lists every figure with its unit and its English definition, verbatim, and nothing else", () => {
    const rows = readmeRows();
    expect(rows.map((r) => r[0])).to.deep.equal(KPI_NAMES.map((n) => `\`${n}\``));
    for (const [cell, unit, text] of rows) {
      const name = cell.slice(1, -1) as KpiName;
      expect(unit, name).to.equal(KPI_DEFINITIONS[name].unit);
      expect(text, name).to.equal(KPI_DEFINITIONS[name].en);
    }
  });
});
