import { businessMinutesBetween } from "./business-time";
import { AT_RISK_FRACTION, type SlaState } from "./sla-clock";
import type { PolicyView } from "./policies";

/** The SLA columns a list row carries (no segments needed: the due dates are kept up to date). */
export interface SlaColumns {
  status: string;
  priority: number;
  firstResponseAt: Date | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaNextDueAt: Date | null;
  slaPausedAt: Date | null;
  slaResponseBreachedAt: Date | null;
  slaResolutionBreachedAt: Date | null;
}

export interface SlaBadge {
  state: SlaState;
  /** Which target the badge speaks of. */
  target: "response" | "resolution";
  /** When it is (or was) due; null while paused. */
  dueAt: Date | null;
}

/**
 * The badge of a row: breached once a target passed (kept after a pause or the
 * resolution), paused while pending, at risk in the last quarter of the running target,
 * met once resolved in time, otherwise on track. Null when no policy applies.
 */
export function slaBadge(row: SlaColumns, policies: Map<number, PolicyView>, now: Date): SlaBadge | null {
  const policy = policies.get(row.priority);
  if (!policy) return null;
  const responding = !row.firstResponseAt;
  if (row.status === "resolved" || row.status === "closed") {
    return { state: row.slaResolutionBreachedAt || (row.slaResponseBreachedAt && responding) ? "breached" : "met", target: "resolution", dueAt: row.resolutionDueAt };
  }
  if (responding && row.slaResponseBreachedAt) return { state: "breached", target: "response", dueAt: row.firstResponseDueAt };
  if (row.slaResolutionBreachedAt) return { state: "breached", target: "resolution", dueAt: row.resolutionDueAt };
  const target = responding && row.firstResponseDueAt && row.slaNextDueAt && row.firstResponseDueAt.getTime() === row.slaNextDueAt.getTime()
    ? "response" : "resolution";
  if (row.slaPausedAt || !row.slaNextDueAt) return { state: "paused", target, dueAt: null };
  const due = row.slaNextDueAt;
  if (now.getTime() >= due.getTime()) return { state: "breached", target, dueAt: due };
  const targetMinutes = target === "response" ? policy.firstResponseMinutes : policy.resolutionMinutes;
  const left = businessMinutesBetween(policy.calendar, now, due);
  return { state: left <= targetMinutes * (1 - AT_RISK_FRACTION) ? "at_risk" : "on_track", target, dueAt: due };
}
