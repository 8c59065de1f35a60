import type { Deps } from "../../platform/deps";
import type { Ticket } from "../tickets/ticket.entity";
import { slaBadge, type SlaBadge } from "./badge";
import { loadSegments, ticketSla } from "./engine";
import { cachedPolicies } from "./policies";
import { slaState, type SlaState, type TargetState } from "./sla-clock";

export interface TargetView {
  targetMinutes: number;
  elapsedMinutes: number;
  dueAt: Date | null;
  doneAt: Date | null;
  state: SlaState;
}

export interface SlaPanel {
  badge: SlaBadge | null;
  priority: number;
  calendarName: string;
  response: TargetView;
  resolution: TargetView;
  pausedSince: Date | null;
  timeline: { kind: string; at: Date; reason: string | null }[];
}

function target(s: TargetState, dueAt: Date | null, doneAt: Date | null): TargetView {
  return { targetMinutes: s.targetMinutes, elapsedMinutes: Math.round(s.elapsedMinutes), dueAt, doneAt, state: slaState(s, doneAt) };
}

/** The ticket page's SLA panel (the caller has authorized reading the ticket). */
export async function slaPanel(deps: Deps, t: Ticket): Promise<SlaPanel | null> {
  const policies = await cachedPolicies(deps.db);
  const policy = policies.get(t.priority);
  if (!policy) return null;
  const now = deps.clock.now();
  const segments = await loadSegments(deps.db.manager, t.id);
  const sla = ticketSla(policy, segments, t.firstResponseAt, now);
  return {
    badge: slaBadge(t, policies, now),
    priority: t.priority, calendarName: policy.calendarName,
    response: target(sla.response, t.firstResponseDueAt, t.firstResponseAt),
    resolution: target(sla.resolution, t.resolutionDueAt, t.resolvedAt),
    pausedSince: t.slaPausedAt,
    timeline: segments.map((s) => ({ kind: s.kind, at: s.at, reason: s.reason ?? null })),
  };
}

/** "90 min", "4 h", "2 d 3 h" of business time, short. */
export function durationParts(minutes: number): { value: number; unit: "minutes" | "hours" } {
  return minutes < 120 ? { value: Math.round(minutes), unit: "minutes" } : { value: Math.round((minutes / 60) * 10) / 10, unit: "hours" };
}
