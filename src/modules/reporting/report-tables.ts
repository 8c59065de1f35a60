import type { Translate } from "../../platform/i18n";
import { CSV_BOM, csvLine, type WriteSeparator } from "../../platform/csv";
import { KPI_DEFINITIONS, type KpiName, type KpiUnit } from "./definitions";
import type { Dashboard } from "./queries/dashboard";
import type { Satisfaction, TimeFigures } from "./aggregate";

/**
 * The dashboard's tables, once: the page's tables, the charts' table alternatives and the
 * CSV exports are all read from this model (a figure is never laid out twice). Cells hold
 * raw values (numbers in their unit, dates as YYYY-MM-DD, text already translated): the
 * page formats them for the reader, the CSV writes them as they are.
 */
export const TABLE_IDS = [
  "backlog-tier", "backlog-priority", "backlog-status", "aging", "flow-daily", "channels", "categories", "times-priority", "times-tier",
  "tier-time", "sla-priority", "sla-tier", "escalation-category", "satisfaction", "satisfaction-tier", "satisfaction-group", "people",
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export const isTableId = (id: string): id is TableId => (TABLE_IDS as readonly string[]).includes(id);

/** How a column's values read: a KPI's unit, a calendar day, or text. */
export type ColumnUnit = KpiUnit | "day" | "text";

export interface ReportColumn {
  key: string;
  label: string;
  /** The figure this column shows: its definition goes next to the header. */
  kpi?: KpiName;
  unit: ColumnUnit;
}

export type Cell = string | number | null;

export interface ReportTable {
  id: TableId;
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
  /** What each row is about (a priority, a status code, a tier, an id): the page's badges and data-key; never exported. */
  keys: (string | number | null)[];
  /** The first column shows a badge of this kind (from `keys`). */
  badge?: "priority" | "status";
}

type ColumnSpec = [key: string, kpi?: KpiName, unit?: ColumnUnit];

function table(t: Translate, id: TableId, cols: ColumnSpec[], rows: Cell[][], keys: ReportTable["keys"], badge?: ReportTable["badge"]): ReportTable {
  const columns = cols.map(([key, kpi, unit]): ReportColumn => ({
    key, label: t(`reports.cols.${key}`), ...(kpi ? { kpi } : {}), unit: unit ?? (kpi ? KPI_DEFINITIONS[kpi].unit : "text"),
  }));
  return { id, title: t(`reports.tables.${id.replace(/-/g, "_")}`), columns, rows, keys, ...(badge ? { badge } : {}) };
}

const tierName = (tier: number) => `N${tier}`;

const TIME_COLUMNS: ColumnSpec[] = [
  ["resolved", "resolvedCount"], ["response_median", "firstResponseMedian"], ["response_p90", "firstResponseP90"],
  ["resolution_median", "resolutionMedian"], ["resolution_p90", "resolutionP90"],
];
const timeCells = (f: TimeFigures): Cell[] => [f.count, f.responseMedian, f.responseP90, f.resolutionMedian, f.resolutionP90];

const SLA_COLUMNS: ColumnSpec[] = [
  ["response_met", "slaResponseCompliance", "count"], ["response_measured", "slaResponseCompliance", "count"], ["response_compliance", "slaResponseCompliance"],
  ["resolution_met", "slaResolutionCompliance", "count"], ["resolution_measured", "slaResolutionCompliance", "count"], ["resolution_compliance", "slaResolutionCompliance"],
];
const slaCells = (f: TimeFigures): Cell[] => [f.responseMet, f.responseTotal, f.responseCompliance, f.resolutionMet, f.resolutionTotal, f.resolutionCompliance];

const CSAT_COLUMNS: ColumnSpec[] = [["answers", "csatResponses"], ["csat_average", "csatAverage"]];
const csatCells = (s: Satisfaction): Cell[] => [s.count, s.average];

export function reportTables(d: Dashboard, t: Translate): ReportTable[] {
  const { backlog: b, flow, times, quality: q } = d;
  const category = (name: string | null) => name ?? t("reports.no_category");
  const priorityCell = (p: number) => `P${p}`;
  return [
    table(t, "backlog-tier", [["tier"], ["open", "backlog"]], b.byTier.map((r) => [tierName(r.tier), r.count]), b.byTier.map((r) => r.tier)),
    table(t, "backlog-priority", [["priority"], ["open", "backlog"]], b.byPriority.map((r) => [priorityCell(r.priority), r.count]),
      b.byPriority.map((r) => r.priority), "priority"),
    table(t, "backlog-status", [["status"], ["open", "backlog"]], b.byStatus.map((r) => [t(`status.${r.status}`), r.count]),
      b.byStatus.map((r) => r.status), "status"),
    table(t, "aging", [["age"], ["open", "aging"]], b.aging.map((r) => [t(`reports.aging.b${r.bucket.replace(/\W/g, "_")}`), r.count]),
      b.aging.map((r) => r.bucket)),
    table(t, "flow-daily", [["day", undefined, "day"], ["created", "createdCount"], ["resolved", "resolvedCount"]],
      flow.perDay.map((r) => [r.day, r.created, r.resolved]), flow.perDay.map((r) => r.day)),
    table(t, "channels", [["channel"], ["created", "createdCount"]], flow.byChannel.map((r) => [t(`channel.${r.channel}`), r.count]),
      flow.byChannel.map((r) => r.channel)),
    table(t, "categories", [["category"], ["created", "createdCount"]], flow.byCategory.map((r) => [category(r.name), r.count]),
      flow.byCategory.map((r) => r.categoryId)),
    table(t, "times-priority", [["priority"], ...TIME_COLUMNS], times.byPriority.map((r) => [priorityCell(r.priority), ...timeCells(r)]),
      times.byPriority.map((r) => r.priority), "priority"),
    table(t, "times-tier", [["tier"], ...TIME_COLUMNS], times.byTier.map((r) => [tierName(r.tier), ...timeCells(r)]), times.byTier.map((r) => r.tier)),
    table(t, "tier-time", [["tier"], ["reached", "tierTime", "count"], ["tier_average", "tierTime"], ["tier_median", "tierTimeMedian"]],
      times.tierTime.map((r) => [tierName(r.tier), r.tickets, r.average, r.median]), times.tierTime.map((r) => r.tier)),
    table(t, "sla-priority", [["priority"], ...SLA_COLUMNS], times.byPriority.map((r) => [priorityCell(r.priority), ...slaCells(r)]),
      times.byPriority.map((r) => r.priority), "priority"),
    table(t, "sla-tier", [["tier"], ...SLA_COLUMNS], times.byTier.map((r) => [tierName(r.tier), ...slaCells(r)]), times.byTier.map((r) => r.tier)),
    table(t, "escalation-category", [["category"], ["resolved", "resolvedCount"], ["escalated", "escalationRate", "count"], ["escalation_rate", "escalationRate"]],
      q.escalationByCategory.map((r) => [category(r.name), r.resolved, r.escalated, r.rate]), q.escalationByCategory.map((r) => r.categoryId)),
    table(t, "satisfaction", [["score"], ["answers", "csatResponses"]], q.satisfaction.distribution.map((n, i) => [i + 1, n]), [1, 2, 3, 4, 5]),
    table(t, "satisfaction-tier", [["tier"], ...CSAT_COLUMNS], q.satisfactionByTier.map((r) => [tierName(r.tier), ...csatCells(r)]),
      q.satisfactionByTier.map((r) => r.tier)),
    // an agent's tickets resolved in groups not theirs: one row that names none of those groups
    table(t, "satisfaction-group", [["group"], ...CSAT_COLUMNS],
      q.satisfactionByGroup.map((r) => [r.othersHeld ? t("reports.others_held") : r.name ?? t("reports.no_group"), ...csatCells(r)]),
      q.satisfactionByGroup.map((r) => (r.othersHeld ? "others" : r.groupId))),
    table(t, "people", [["person"], ["open", "agentOpen"], ["resolved", "agentResolved"], ["resolution_median", "agentResolutionMedian"], ...CSAT_COLUMNS],
      d.people.map((p) => [p.name, p.open, p.resolved, p.resolutionMedian, p.csatCount, p.csatAverage]), d.people.map((p) => p.id)),
  ];
}

/** A table as CSV: the byte order mark, the header (the unit said where a number alone would not), the rows as raw values. */
export function tableCsv(table: ReportTable, sep: WriteSeparator, t: Translate): string {
  const header = table.columns.map((c) => (c.unit === "minutes" || c.unit === "percent" ? t(`reports.csv.${c.unit}`, { label: c.label }) : c.label));
  const lines = table.rows.map((row) => csvLine(row.map((v) => (v === null ? "" : String(v))), sep));
  return CSV_BOM + csvLine(header, sep) + lines.join("");
}
