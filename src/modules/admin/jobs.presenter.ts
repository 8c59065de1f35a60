import type { Translate, Locale } from "../../platform/i18n";
import type { JobRunRow } from "../../platform/jobs";
import type { JobSummary, JobsOverview } from "./queries/jobs";

/** Plain objects for the Scheduled jobs pages: every label translated, nothing left to compute in a template. */

/** The translation of `key`, or `fallback` when there is none (t() answers an unknown key with the key). */
function optional(t: Translate, key: string, fallback: string): string {
  const s = t(key);
  return s === key ? fallback : s;
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
function decimal(n: number, locale: Locale): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 })));
  return f.format(n);
}

/** "850 ms", "4.2 s" ("4,2 s" in French), "3 min 5 s". */
export function formatDuration(ms: number, t: Translate, locale: Locale): string {
  if (ms < 1000) return t("jobs.durations.ms", { n: Math.max(0, Math.round(ms)) });
  if (ms < 60_000) return t("jobs.durations.s", { n: decimal(Math.round(ms / 100) / 10, locale) });
  const s = Math.round(ms / 1000);
  return t("jobs.durations.min", { m: Math.floor(s / 60), s: s % 60 });
}

/** "deleted: 3, seen: 12" with the names of known counts translated; the job's own word otherwise. */
export function formatCounts(counts: Record<string, number>, t: Translate, locale: Locale): string[] {
  return Object.entries(counts).map(([key, value]) => t("jobs.count", { key: optional(t, `jobs.counts.${key}`, key), value: decimal(value, locale) }));
}

const BADGES: Record<JobRunRow["outcome"], string> = { success: "text-bg-success", failure: "text-bg-danger", running: "text-bg-info" };

export function presentRun(run: JobRunRow, actors: Record<number, string>, t: Translate, locale: Locale) {
  // a failed run that never finished is one runJob marked as interrupted (its process died)
  const interrupted = run.outcome === "failure" && !run.finishedAt;
  const actorName = run.actorId ? actors[run.actorId] ?? `#${run.actorId}` : null;
  const trigger = t(`jobs.triggers.${run.trigger}`);
  const by = actorName ? t("jobs.by", { name: actorName }) : null;
  const duration = run.finishedAt ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime(), t, locale) : run.outcome === "running" ? t("jobs.in_progress") : null;
  return {
    id: run.id, startedAt: run.startedAt, outcome: run.outcome, outcomeLabel: t(`jobs.outcomes.${run.outcome}`), badge: BADGES[run.outcome],
    trigger, by, duration,
    /** "4.2 s · manual (Ada Admin)": the list's one-line summary. */
    summary: [duration, by ? `${trigger} ${by}` : trigger].filter(Boolean).join(" · "),
    counts: formatCounts(run.counts ?? {}, t, locale),
    error: run.outcome !== "failure" ? null : interrupted ? t("jobs.interrupted") : run.error ?? "",
  };
}

export function presentJob(job: JobSummary, overview: Pick<JobsOverview, "enabled" | "actors">, t: Translate, locale: Locale) {
  return {
    name: job.name, href: `/admin/jobs/${encodeURIComponent(job.name)}`, description: optional(t, `jobs.descriptions.${job.name}`, ""),
    schedule: job.schedule, defaultSchedule: job.schedule === job.defaultSchedule ? null : job.defaultSchedule,
    next: job.next, notScheduled: !overview.enabled,
    last: job.last ? presentRun(job.last, overview.actors, t, locale) : null,
  };
}

export function presentJobs(overview: JobsOverview, t: Translate, locale: Locale) {
  return { enabled: overview.enabled, timezone: overview.timezone, jobs: overview.jobs.map((j) => presentJob(j, overview, t, locale)) };
}

/** The flash after "Run now": the outcome, with the counts or the error. */
export function runFlash(run: JobRunRow, t: Translate, locale: Locale): { kind: "success" | "danger"; key: string; params: Record<string, string> } {
  const shown = presentRun(run, {}, t, locale);
  if (run.outcome === "success") {
    return { kind: "success", key: "jobs.flash.done", params: { name: run.name, duration: shown.duration ?? "", counts: shown.counts.join(", ") || t("jobs.no_counts") } };
  }
  return { kind: "danger", key: "jobs.flash.failed", params: { name: run.name, error: shown.error ?? "" } };
}
