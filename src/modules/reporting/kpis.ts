import { KPI_DEFINITIONS, definitionOf, type KpiName, type KpiUnit } from "./definitions";
import type { Dashboard } from "./queries/dashboard";

export interface Kpi {
  value: number | null;
  unit: KpiUnit;
  definition: string;
}

const filtered = (d: Dashboard) => d.filter.groupId !== null || d.filter.tier !== null || d.filter.categoryId !== null;

/** The headline figures of a dashboard by name (the API's `kpis`, the cards on the page). null: nothing to measure in the period. */
export function headlineFigures(d: Dashboard): Partial<Record<KpiName, number | null>> {
  return {
    backlog: d.backlog.total, unassigned: d.backlog.unassigned, pending: d.backlog.pending, stale: d.backlog.stale,
    createdCount: d.flow.created, resolvedCount: d.flow.resolved,
    firstResponseMedian: d.times.all.responseMedian, firstResponseP90: d.times.all.responseP90,
    resolutionMedian: d.times.all.resolutionMedian, resolutionP90: d.times.all.resolutionP90,
    slaResponseCompliance: d.times.all.responseCompliance, slaResolutionCompliance: d.times.all.resolutionCompliance,
    fcrRate: d.quality.fcrRate, reopenRate: d.quality.reopenRate, escalationRate: d.quality.escalationRate,
    // an article has no group, tier or category: under such a filter there is no honest figure
    kbSolvedCount: d.quality.kbSolved, kbDeflections: filtered(d) ? null : d.quality.deflections,
    csatAverage: d.quality.satisfaction.average, csatResponses: d.quality.satisfaction.count,
  };
}

export function kpisOf(d: Dashboard, lang: string): Record<string, Kpi> {
  return Object.fromEntries(Object.entries(headlineFigures(d)).map(([name, value]) => {
    const k = name as KpiName;
    return [k, { value: value ?? null, unit: KPI_DEFINITIONS[k].unit, definition: definitionOf(k, lang) }];
  }));
}
