import type { Locale } from "../i18n";

const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(locale: Locale, tz: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${tz}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { ...opts, timeZone: tz });
    cache.set(key, f);
  }
  return f;
}

/** "22 nov. 2026, 14:05" in French, "22 Nov 2026, 14:05" in English, in the user's time zone. */
export function formatDateTime(d: Date | null | undefined, locale: Locale, tz: string): string {
  if (!d) return "";
  return fmt(locale, tz, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(d);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone (YYYY-MM-DD), and that many days later. */
export function localDate(at: Date, timezone: string, plusDays = 0): string {
  // a formatter costs far more to make than to use: one per time zone
  let f = dayFormats.get(timezone);
  if (!f) dayFormats.set(timezone, (f = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" })));
  const d = f.format(at);
  if (!plusDays) return d;
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + plusDays);
  return t.toISOString().slice(0, 10);
}

/** Whether "YYYY-MM-DD" names a day that exists (not 2026-02-30). */
export function isRealDate(ymd: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === ymd;
}

/** "12 Dec 2026" / "12 déc. 2026": a calendar date (YYYY-MM-DD), read in no time zone (it has none); "" for none. */
export function formatDay(ymd: string | null | undefined, locale: Locale): string {
  if (!ymd) return "";
  const d = new Date(`${ymd}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? ymd : fmt(locale, "UTC", { day: "numeric", month: "short", year: "numeric" }).format(d);
}

/** A compact age: "5 min", "3 h", "2 d" (units translated by the caller's t()). */
export function ageParts(from: Date, now: Date): { n: number; unit: "min" | "h" | "d" } {
  const mins = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60000));
  if (mins < 60) return { n: mins, unit: "min" };
  const h = Math.floor(mins / 60);
  if (h < 48) return { n: h, unit: "h" };
  return { n: Math.floor(h / 24), unit: "d" };
}

export function formatBytes(n: number, locale: Locale): string {
  const nf = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 });
  if (n < 1024) return `${nf.format(n)} B`;
  if (n < 1024 * 1024) return `${nf.format(n / 1024)} KB`;
  return `${nf.format(n / 1024 / 1024)} MB`;
}
