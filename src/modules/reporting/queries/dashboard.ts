import type { Deps } from "../../../platform/deps";
import type { Actor } from "../../../access/actor";
import { authorizeReport, authorizeReportGroup, seesAllReports } from "../../../access/policies/report.policy";
import { placeholders, rawQuery } from "../../../platform/db/raw";
import { displayNames } from "../../users/queries/display-names";
import {
  median, minutes, qualityFigures, rate, satisfaction, splitBy, tierTimes, timeFigures,
  type FactRow, type QualityFigures, type Satisfaction, type TimeFigures,
} from "../aggregate";
import { factsAsOf } from "../jobs/kpi-facts";
import { loadBacklog, type Backlog } from "./backlog";
import { loadCreated, loadDeflections, loadResolved } from "./flow";
import { dayIndex, periodOf, type Period } from "./period";
import type { ReportFilter } from "./scope";

export const TOP_CATEGORIES = 10;

export interface DashboardInput extends ReportFilter {
  from?: string;
  to?: string;
}

export interface Dashboard {
  period: Period;
  filter: ReportFilter;
  /** The facts (times, quality, satisfaction) cover the changes up to this instant; null before the first kpi-facts run. */
  asOf: Date | null;
  backlog: Omit<Backlog, "perAgent">;
  flow: {
    created: number;
    resolved: number;
    perDay: { day: string; created: number; resolved: number }[];
    byChannel: { channel: string; count: number }[];
    byCategory: { categoryId: number | null; name: string | null; count: number }[];
  };
  times: {
    all: TimeFigures;
    byPriority: ({ priority: number } & TimeFigures)[];
    byTier: ({ tier: number } & TimeFigures)[];
    tierTime: ReturnType<typeof tierTimes>;
  };
  quality: QualityFigures & {
    deflections: number;
    escalationByCategory: { categoryId: number | null; name: string | null; resolved: number; escalated: number; rate: number | null }[];
    satisfaction: Satisfaction;
    satisfactionByTier: ({ tier: number } & Satisfaction)[];
    /** othersHeld: for an agent, what they resolved in groups not theirs, as one row. */
    satisfactionByGroup: ({ groupId: number | null; name: string | null; othersHeld: boolean } & Satisfaction)[];
  };
  people: { id: number; name: string; open: number; resolved: number; resolutionMedian: number | null; csatAverage: number | null; csatCount: number }[];
}

async function namesOf(deps: Deps, table: "categories" | "support_groups", ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await rawQuery<{ id: number; name: string }>(deps.db, `SELECT id, name FROM ${table} WHERE id IN (${placeholders(wanted.length)})`, wanted);
  return new Map(rows.map((r) => [Number(r.id), String(r.name)]));
}

/** A group named in the filter must exist and be one the reader may see (else 404). */
async function checkGroup(deps: Deps, actor: Actor, groupId: number | null): Promise<void> {
  if (groupId === null) return;
  const [row] = await rawQuery<{ id: number }>(deps.db, "SELECT id FROM support_groups WHERE id = ?", [groupId]);
  authorizeReportGroup(actor, groupId, !!row);
}

const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;

/**
 * Everything the dashboard shows, for the reader's scope and filters: the backlog now
 * (live tickets), the tickets created in the period (live tickets), and the times, quality,
 * satisfaction and people figures over the tickets resolved in the period (their facts).
 */
export async function loadDashboard(deps: Deps, actor: Actor, input: DashboardInput): Promise<Dashboard> {
  authorizeReport(actor);
  const now = deps.clock.now();
  const period = periodOf(input.from, input.to, actor.timezone ?? deps.config.defaultTimezone, now);
  const filter: ReportFilter = { groupId: input.groupId, tier: input.tier, categoryId: input.categoryId };
  await checkGroup(deps, actor, filter.groupId);
  const [backlog, created, resolved, deflections, asOf] = await Promise.all([
    loadBacklog(deps, actor, filter, now), loadCreated(deps, actor, filter, period), loadResolved(deps, actor, filter, period),
    loadDeflections(deps, period), factsAsOf(deps),
  ]);

  const resolvedPerDay = period.days.map(() => 0);
  for (const r of resolved) {
    const i = dayIndex(period, r.resolvedAt);
    if (i >= 0) resolvedPerDay[i]++;
  }
  const byCategory = splitBy(resolved, (r) => r.categoryId);
  const byResolver = splitBy(resolved.filter((r) => r.resolverId !== null), (r) => r.resolverId!);
  const topCategories = [...created.byCategory].map(([categoryId, count]) => ({ categoryId, count })).sort(byCount).slice(0, TOP_CATEGORIES);
  const byGroup = splitBy(resolved, (r) => r.groupId);
  const [categoryNames, groupNames, people] = await Promise.all([
    namesOf(deps, "categories", [...topCategories.map((c) => c.categoryId), ...byCategory.keys()]),
    namesOf(deps, "support_groups", [...byGroup.keys()]),
    displayNames(deps.db, [...backlog.perAgent.keys(), ...byResolver.keys()]),
  ]);
  const categoryName = (id: number | null) => (id === null ? null : categoryNames.get(id) ?? null);
  const { perAgent, ...backlogNow } = backlog;

  return {
    period, filter, asOf, backlog: backlogNow,
    flow: {
      created: created.total, resolved: resolved.length,
      perDay: period.days.map((d, i) => ({ day: d.day, created: created.perDay[i], resolved: resolvedPerDay[i] })),
      byChannel: [...created.byChannel].map(([channel, count]) => ({ channel, count })).sort(byCount),
      byCategory: topCategories.map((c) => ({ ...c, name: categoryName(c.categoryId) })),
    },
    times: {
      all: timeFigures(resolved),
      byPriority: [1, 2, 3, 4].map((priority) => ({ priority, ...timeFigures(resolved.filter((r) => r.priority === priority)) })),
      byTier: [1, 2, 3].map((tier) => ({ tier, ...timeFigures(resolved.filter((r) => r.tier === tier)) })),
      tierTime: tierTimes(resolved),
    },
    quality: {
      ...qualityFigures(resolved), deflections,
      escalationByCategory: [...byCategory].map(([categoryId, rows]) => {
        const escalated = rows.filter((r) => r.escalated).length;
        return { categoryId, name: categoryName(categoryId), resolved: rows.length, escalated, rate: rate(escalated, rows.length) };
      }).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.resolved - a.resolved),
      satisfaction: satisfaction(resolved),
      satisfactionByTier: [1, 2, 3].map((tier) => ({ tier, ...satisfaction(resolved.filter((r) => r.tier === tier)) })),
      satisfactionByGroup: satisfactionByGroup(actor, resolved, groupNames),
    },
    people: peopleRows(perAgent, byResolver, people),
  };
}

/**
 * Satisfaction per group of resolution. An agent sees their own groups by name; what they
 * resolved in other groups is one row "other groups" (othersHeld): a row named after
 * another group would read as that group's satisfaction, from a few of its tickets.
 */
function satisfactionByGroup(actor: Actor, rows: FactRow[], names: Map<number, string>): Dashboard["quality"]["satisfactionByGroup"] {
  const own = seesAllReports(actor) ? null : new Set(actor.groups.map((g) => g.id));
  const key = (r: FactRow) => (own && (r.groupId === null || !own.has(r.groupId)) ? -1 : r.groupId);
  return [...splitBy(rows, key)].map(([groupId, list]) => groupId === -1
    ? { groupId: null, name: null, othersHeld: true, ...satisfaction(list) }
    : { groupId, name: groupId === null ? null : names.get(groupId) ?? null, othersHeld: false, ...satisfaction(list) })
    .sort((a, b) => Number(a.othersHeld) - Number(b.othersHeld) || (a.name ?? "").localeCompare(b.name ?? ""));
}

function peopleRows(open: Map<number, number>, resolved: Map<number, FactRow[]>, names: Map<number, { displayName: string }>): Dashboard["people"] {
  const ids = new Set([...open.keys(), ...resolved.keys()]);
  return [...ids].map((id) => {
    const rows = resolved.get(id) ?? [];
    const s = satisfaction(rows);
    const m = median(rows.map((r) => r.resolutionSeconds));
    return {
      id, name: names.get(id)?.displayName ?? `#${id}`, open: open.get(id) ?? 0, resolved: rows.length,
      resolutionMedian: minutes(m), csatAverage: s.average, csatCount: s.count,
    };
  }).sort((a, b) => b.open - a.open || b.resolved - a.resolved || a.name.localeCompare(b.name));
}
