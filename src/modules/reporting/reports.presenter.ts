import type { Locale, Translate } from "../../platform/i18n";
import { formatDateTime, formatDay, localDate } from "../../platform/http/format";
import { KPI_DEFINITIONS, KPI_NAMES, definitionOf, type KpiName } from "./definitions";
import { headlineFigures } from "./kpis";
import type { Dashboard } from "./queries/dashboard";
import { reportTables, type Cell, type ColumnUnit, type ReportTable, type TableId } from "./report-tables";

/**
 * The dashboard page as plain objects: every number formatted for the reader, every
 * label translated, every definition attached (the template only lays them out). The
 * tables come from reportTables(), as the CSV exports do.
 */

export interface Reader {
  t: Translate;
  locale: Locale;
  timezone: string;
  now: Date;
}

export type FilterValues = Record<"from" | "to" | "group" | "tier" | "category", string>;

type Section = { id: "backlog" | "flow" | "times" | "quality" | "people"; cards: KpiName[]; tables: TableId[] };

const SECTIONS: Section[] = [
  { id: "backlog", cards: ["backlog", "unassigned", "pending", "stale"], tables: ["backlog-tier", "backlog-priority", "backlog-status", "aging"] },
  { id: "flow", cards: ["createdCount", "resolvedCount"], tables: ["flow-daily", "channels", "categories"] },
  { id: "times", cards: ["firstResponseMedian", "firstResponseP90", "resolutionMedian", "resolutionP90"], tables: ["times-priority", "times-tier", "tier-time"] },
  {
    id: "quality",
    cards: ["slaResponseCompliance", "slaResolutionCompliance", "fcrRate", "reopenRate", "escalationRate", "kbSolvedCount", "kbDeflections", "csatAverage", "csatResponses"],
    tables: ["sla-priority", "sla-tier", "escalation-category", "satisfaction", "satisfaction-tier", "satisfaction-group"],
  },
  { id: "people", cards: [], tables: ["people"] },
];

/** The tables drawn as charts too (their table stays, as the chart's alternative): the columns plotted. */
const CHARTS: Partial<Record<TableId, { type: "line" | "bar"; series: string[] }>> = {
  "flow-daily": { type: "line", series: ["created", "resolved"] },
  aging: { type: "bar", series: ["open"] },
  "sla-priority": { type: "bar", series: ["response_compliance", "resolution_compliance"] },
  satisfaction: { type: "bar", series: ["answers"] },
};

/**
 * The figures a filter cannot split: an employee's "this article solved it" has no ticket,
 * so no group, tier or category. Under such a filter the card shows no number (the
 * period's count for every group would read as the filtered one) and says why.
 */
const UNSPLIT: readonly KpiName[] = ["kbDeflections"];

/** Past this many rows a chart's spoken summary gives each series' total rather than every value. */
const SPOKEN_ROWS = 12;
export const QUICK_DAYS = [7, 30, 90];

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", options)));
  return f;
}

/** Business minutes for people: "45 min", "3 h", "2 h 30 min" (no-break spaces). */
export function formatMinutes(minutes: number, t: Translate): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60), m = total % 60;
  if (!h) return t("reports.duration.min", { m });
  return m ? t("reports.duration.h_min", { h, m }) : t("reports.duration.h", { h });
}

/** One value in its unit, for the reader; null (nothing to measure) is a dash. */
export function formatCell(v: Cell, unit: ColumnUnit, r: Reader): string {
  if (v === null) return "—";
  if (typeof v === "string") return unit === "day" ? formatDay(v, r.locale) : v;
  if (unit === "percent") return numberFormat(r.locale, { style: "percent", maximumFractionDigits: 1 }).format(v / 100);
  if (unit === "minutes") return formatMinutes(v, r.t);
  if (unit === "score") return numberFormat(r.locale, { maximumFractionDigits: 2 }).format(v);
  if (unit === "count") return numberFormat(r.locale, { maximumFractionDigits: 0 }).format(v);
  return String(v);
}

/** A "?" beside a figure: its button's label and the definition it shows (definitions.ts, nowhere else). */
function help(kpi: KpiName, where: string, r: Reader) {
  const name = r.t(`reports.kpi.${kpi}`);
  return { id: `def-${where}-${kpi}`, name, label: r.t("reports.help", { name }), text: definitionOf(kpi, r.locale) };
}

const isNumeric = (unit: ColumnUnit) => unit !== "text" && unit !== "day";

/** A cell: the first one heads its row (and wears the table's badge, if any); numbers align right. */
function cellView(table: ReportTable, row: number, col: number, r: Reader) {
  const v = table.rows[row][col];
  const key = table.keys[row];
  const base = { text: formatCell(v, table.columns[col].unit, r), empty: v === null, rowHeader: col === 0, numeric: isNumeric(table.columns[col].unit) };
  if (col !== 0 || !table.badge) return { ...base, badge: null, title: null };
  return table.badge === "priority"
    ? { ...base, badge: `prio prio-${key}`, title: r.t(`priority.p${key}`) }
    : { ...base, badge: `status status-${key}`, title: null };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "23 Nov" / "23 nov.": a chart's axis has no room for the year (the period above it says it). */
function axisDay(ymd: string, locale: Locale): string {
  const key = `axis|${locale}`;
  let f = dayFormats.get(key);
  if (!f) dayFormats.set(key, (f = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { day: "numeric", month: "short", timeZone: "UTC" })));
  return f.format(new Date(`${ymd}T00:00:00Z`));
}

function chartView(table: ReportTable, spec: { type: "line" | "bar"; series: string[] }, r: Reader) {
  const first = table.columns[0];
  const labels = table.rows.map((row) => (first.unit === "day" && typeof row[0] === "string" ? axisDay(row[0], r.locale) : formatCell(row[0], first.unit, r)));
  const columns = spec.series.map((key) => table.columns.findIndex((c) => c.key === key));
  const unit = table.columns[columns[0]].unit;
  const series = columns.map((i) => ({ label: table.columns[i].label, data: table.rows.map((row) => (typeof row[i] === "number" ? row[i] : null)) }));
  const spoken = series.map((s) => (table.rows.length > SPOKEN_ROWS
    ? r.t("reports.chart.total", { label: s.label, n: formatCell(s.data.reduce<number>((a, b) => a + (b ?? 0), 0), unit, r) })
    : r.t("reports.chart.values", { label: s.label, values: labels.map((l, k) => `${l} ${formatCell(s.data[k], unit, r)}`).join(", ") })));
  return {
    id: `chart-${table.id}`,
    aria: r.t("reports.chart.aria", { title: table.title, summary: `${spoken.join(". ")}.` }),
    spec: JSON.stringify({ type: spec.type, labels, series, percent: unit === "percent" }),
  };
}

function tableView(table: ReportTable, query: string, r: Reader) {
  const chart = CHARTS[table.id];
  return {
    id: table.id, domId: `table-${table.id}`, title: table.title,
    csvUrl: `/reports/export/${table.id}.csv${query}`, csvLabel: r.t("reports.csv.label", { title: table.title }),
    columns: table.columns.map((c) => ({ label: c.label, numeric: isNumeric(c.unit), help: c.kpi ? help(c.kpi, `${table.id}-${c.key}`, r) : null })),
    rows: table.rows.map((_, i) => ({ key: String(table.keys[i] ?? ""), cells: table.columns.map((_c, j) => cellView(table, i, j, r)) })),
    chart: chart ? chartView(table, chart, r) : null,
    /** Many columns take the whole row (half on very wide screens), a chart or a few columns half of it, a two-column list a quarter. */
    colClass: table.columns.length > 4 ? "col-12 col-xxl-6" : chart || table.columns.length > 2 ? "col-12 col-xl-6" : "col-12 col-md-6 col-xl-3",
  };
}

/** The query string of a set of filters ("" when none): the CSV links and the quick periods keep the page's filters. */
export function filterQuery(v: Partial<FilterValues>): string {
  const q = new URLSearchParams(Object.entries(v).filter((e): e is [string, string] => !!e[1]));
  return q.size ? `?${q}` : "";
}

export function presentDashboard(d: Dashboard, values: FilterValues, r: Reader) {
  const figures = headlineFigures(d);
  const tables = new Map(reportTables(d, r.t).map((tb) => [tb.id, tb]));
  const query = filterQuery(values);
  const filtered = d.filter.groupId !== null || d.filter.tier !== null || d.filter.categoryId !== null;
  return {
    period: r.t("reports.period", { from: formatDay(d.period.from, r.locale), to: formatDay(d.period.to, r.locale) }),
    asOf: d.asOf ? r.t("reports.as_of", { time: formatDateTime(d.asOf, r.locale, r.timezone) }) : r.t("reports.as_of_never"),
    asOfMissing: !d.asOf,
    sections: SECTIONS.map((s) => ({
      id: s.id, title: r.t(`reports.sections.${s.id}`),
      cards: s.cards.map((name) => {
        const unsplit = filtered && UNSPLIT.includes(name);
        const value = unsplit ? null : figures[name] ?? null;
        return {
          id: `kpi-${name}`, label: r.t(`reports.kpi.${name}`), help: help(name, "card", r),
          value: formatCell(value, KPI_DEFINITIONS[name].unit, r), empty: value === null, note: unsplit ? r.t("reports.not_split") : null,
        };
      }),
      tables: s.tables.map((id) => tableView(tables.get(id)!, query, r)),
    })),
    definitions: KPI_NAMES.map((name) => ({ id: `definition-${name}`, name: r.t(`reports.kpi.${name}`), text: definitionOf(name, r.locale) })),
  };
}

type Option = { id: number; name: string };

/** The filter form: the values (as typed, or the period shown), the choices the reader has, the quick periods. */
export function presentFilters(values: FilterValues, groups: (Option & { tier: number })[], categories: Option[], seesAll: boolean, r: Reader) {
  const today = localDate(r.now, r.timezone);
  const options = (list: { value: string; label: string }[], current: string) => list.map((o) => ({ ...o, selected: o.value === current }));
  return {
    values,
    scopeNote: seesAll ? null : r.t("reports.scope_agent"),
    groups: options(groups.map((g) => ({ value: String(g.id), label: `N${g.tier} · ${g.name}` })), values.group),
    tiers: options([1, 2, 3].map((n) => ({ value: String(n), label: `N${n}` })), values.tier),
    categories: options(categories.map((c) => ({ value: String(c.id), label: c.name })), values.category),
    quick: QUICK_DAYS.map((n) => {
      const from = localDate(r.now, r.timezone, -(n - 1));
      return {
        label: r.t("reports.filters.last_days", { n }), current: values.from === from && values.to === today,
        href: `/reports${filterQuery({ ...values, from, to: today })}`,
      };
    }),
  };
}
