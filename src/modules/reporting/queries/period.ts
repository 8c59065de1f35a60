import { localToUtc } from "../../sla/business-time";
import { isRealDate, localDate } from "../../../platform/http/format";
import { invalid } from "../../../platform/http/errors";

/** The longest period a report covers. */
export const MAX_DAYS = 366;
export const DEFAULT_DAYS = 30;

export interface Period {
  from: string;
  to: string;
  timezone: string;
  /** Instants: the first day's midnight, the midnight after the last day. */
  start: Date;
  end: Date;
  /** Each day "YYYY-MM-DD" and the instant it starts; days.length === number of days. */
  days: { day: string; start: number }[];
}

/** The calendar day `n` days after "YYYY-MM-DD" (a date has no time zone: UTC arithmetic is exact). */
const addDays = (d: string, n: number) => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};
const nextDay = (d: string) => addDays(d, 1);
const isDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && isRealDate(d);

/**
 * A period of whole local days in `timezone`: both ends given; only the start: up to
 * today; only the end: the 30 days up to it; neither: the last 30 days to today. Bad
 * dates, an end before the start or more than 366 days: 422 with the field.
 */
export function periodOf(from: string | undefined, to: string | undefined, timezone: string, now: Date): Period {
  if (from && !isDay(from)) throw invalid({ from: "reports.errors.date" }, "report_period_invalid");
  if (to && !isDay(to)) throw invalid({ to: "reports.errors.date" }, "report_period_invalid");
  const t = to || localDate(now, timezone);
  const f = from || addDays(t, -(DEFAULT_DAYS - 1));
  if (t < f) throw invalid({ to: "reports.errors.order" }, "report_period_invalid");
  const days: Period["days"] = [];
  for (let d = f; d <= t; d = nextDay(d)) {
    if (days.length >= MAX_DAYS) throw invalid({ from: "reports.errors.too_long" }, "report_period_too_long");
    days.push({ day: d, start: localToUtc(timezone, `${d} 00:00`).getTime() });
  }
  return { from: f, to: t, timezone, start: new Date(days[0].start), end: localToUtc(timezone, `${nextDay(t)} 00:00`), days };
}

/** The index of the day an instant falls in (binary search), or -1 outside the period. */
export function dayIndex(p: Period, at: number): number {
  if (at < p.days[0].start || at >= p.end.getTime()) return -1;
  let lo = 0, hi = p.days.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.days[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
