/**
 * The facts of one resolved ticket, from its row, its history and its SLA clock: pure
 * functions, no database (the kpi-facts job feeds them). Every duration is business time
 * on the calendar of the ticket's priority (P1 around the clock by default), counted only
 * while the SLA clock ran: the time it waited in `pending` is left out, as the SLA leaves it.
 */
import { ticketSla, type TicketSla } from "../sla/engine";
import { runningIntervals, type ClockSegment } from "../sla/sla-clock";
import { businessMsBetween } from "../sla/business-time";
import type { PolicyView } from "../sla/policies";
import type { Ticket } from "../tickets/ticket.entity";
import type { TicketKpiFacts } from "./reporting.entity";

export type FactsTicket = Pick<Ticket,
  "id" | "type" | "channel" | "categoryId" | "priority" | "tier" | "groupId" | "assigneeId" | "status"
  | "reopenCount" | "createdAt" | "firstResponseAt" | "resolvedAt" | "closedAt" | "mergedIntoId" | "resolutionCode"
  | "slaResponseBreachedAt" | "slaResolutionBreachedAt">;

export interface FactsHistory {
  kind: string;
  actorId: number | null;
  fromValue: string | null;
  toValue: string | null;
  /** A code for what the system did ("sla:with_major": resolved with its major incident). */
  reason: string | null;
  createdAt: Date;
}

export type Facts = Omit<TicketKpiFacts, "computedAt">;

/** Closed without a solution: a request refused (cancelled) or a duplicate. */
export const NOT_SOLVED: readonly string[] = ["cancelled", "duplicate"];

/**
 * Resolved or closed with a solution: the tickets that have facts. A duplicate (merged into
 * another ticket, or closed as one) and a cancelled ticket (a request refused at approval)
 * have none: nobody solved them, and counting them would flatter the times and the SLA.
 */
export function hasFacts(t: Pick<Ticket, "status" | "mergedIntoId" | "resolutionCode">): boolean {
  return (t.status === "resolved" || t.status === "closed") && t.mergedIntoId === null && !NOT_SOLVED.includes(t.resolutionCode ?? "");
}

/** Resolved in bulk with its major incident or its problem: nobody worked it at first contact. */
const BULK = ["sla:with_major", "sla:with_problem"];

/**
 * The tier the ticket was at from each instant: its first tier (the `from` of its first
 * escalation or de-escalation, else the tier it has now), then each move's `to`.
 */
export function tierSpans(t: Pick<FactsTicket, "tier" | "createdAt">, history: FactsHistory[], end: Date): { tier: number; from: number; to: number }[] {
  const moves = history.filter((h) => h.kind === "escalated" || h.kind === "deescalated");
  const spans: { tier: number; from: number; to: number }[] = [];
  let tier = moves.length ? Number(moves[0].fromValue) : t.tier;
  let from = t.createdAt.getTime();
  for (const m of moves) {
    const at = m.createdAt.getTime();
    if (at > from) spans.push({ tier, from, to: at });
    tier = Number(m.toValue);
    from = Math.max(from, at);
  }
  if (end.getTime() > from) spans.push({ tier, from, to: end.getTime() });
  return spans;
}

/** Business ms per tier (index 1..3) while the clock ran, up to `end`. */
function timePerTier(policy: PolicyView | undefined, spans: ReturnType<typeof tierSpans>, segments: ClockSegment[], end: Date): number[] {
  const out = [0, 0, 0, 0];
  const running = runningIntervals(segments, end);
  for (const s of spans) {
    if (!(s.tier >= 1 && s.tier <= 3)) continue;
    for (const r of running) {
      const a = Math.max(s.from, r.from.getTime()), b = Math.min(s.to, r.to.getTime());
      if (b > a) out[s.tier] += policy ? businessMsBetween(policy.calendar, a, b) : b - a;
    }
  }
  return out;
}

const seconds = (ms: number) => Math.round(ms / 1000);

/**
 * The facts of a resolved or closed ticket (history in the order it was written). Throws
 * when the ticket is not resolved or closed: there is nothing to report of it yet.
 *
 * - resolved at: its latest resolution (a ticket closed without one: its closing).
 * - first response / resolution seconds: the SLA clock's running business time until the
 *   first response / the resolution (the time it stood resolved before a reopen is not
 *   counted: the clock was stopped); met: the ticket recorded no breach of that target
 *   before the event (null without a policy for its priority, or without a response).
 * - resolver: who it was assigned to when resolved (the resolve action assigns whoever
 *   resolves an unassigned ticket), else who resolved it.
 * - first assignee: the first person it was taken by or assigned to, else the resolver.
 * - escalated: moved up a tier at least once; reopened: reopened at least once.
 * - fcr: resolved at tier 1 by its first assignee, never escalated, never reopened, not in
 *   bulk with its major incident or problem (a ticket that started at a higher tier and was
 *   sent down to tier 1 counts: nobody escalated it).
 */
export function computeFacts(t: FactsTicket, history: FactsHistory[], segments: ClockSegment[], policy: PolicyView | undefined, kbSolved: boolean): Facts {
  if (!hasFacts(t)) throw new Error(`ticket ${t.id} is ${t.status}: only a ticket resolved or closed with a solution has facts`);
  const resolvedAt = t.resolvedAt ?? t.closedAt ?? t.createdAt;
  let sla: TicketSla | null = null;
  if (policy) sla = ticketSla(policy, segments, t.firstResponseAt, resolvedAt);
  const runningMs = (until: Date) => runningIntervals(segments, until).reduce(
    (sum, r) => sum + (policy ? businessMsBetween(policy.calendar, r.from.getTime(), r.to.getTime()) : r.to.getTime() - r.from.getTime()), 0);

  const lastResolved = [...history].reverse().find((h) => h.kind === "resolved");
  const resolverId = t.assigneeId ?? lastResolved?.actorId ?? null;
  const firstAssigned = history.find((h) => (h.kind === "taken" || h.kind === "assigned") && h.toValue !== null && h.toValue !== "");
  const firstAssigneeId = firstAssigned ? Number(firstAssigned.toValue) : resolverId;
  const escalated = history.some((h) => h.kind === "escalated");
  const reopened = t.reopenCount > 0 || history.some((h) => h.kind === "reopened");
  const tiers = timePerTier(policy, tierSpans(t, history, resolvedAt), segments, resolvedAt);

  return {
    ticketId: t.id, type: t.type, channel: t.channel, categoryId: t.categoryId, priority: t.priority, tier: t.tier, groupId: t.groupId,
    resolverId, firstAssigneeId, createdAt: t.createdAt, resolvedAt,
    firstResponseSeconds: t.firstResponseAt ? seconds(sla ? sla.response.elapsedMinutes * 60_000 : runningMs(t.firstResponseAt)) : null,
    resolutionSeconds: seconds(sla ? sla.resolution.elapsedMinutes * 60_000 : runningMs(resolvedAt)),
    tier1Seconds: seconds(tiers[1]), tier2Seconds: seconds(tiers[2]), tier3Seconds: seconds(tiers[3]),
    // met or not as the ticket recorded it when it happened (what its badge said), not replayed
    // with today's priority or policy: a P1 breached then lowered to P4 stays breached
    responseMet: sla && t.firstResponseAt ? !(t.slaResponseBreachedAt && t.slaResponseBreachedAt.getTime() <= t.firstResponseAt.getTime()) : null,
    resolutionMet: sla ? t.slaResolutionBreachedAt === null : null,
    escalated, reopened,
    fcr: t.tier === 1 && !escalated && !reopened && resolverId !== null && firstAssigneeId === resolverId && !BULK.includes(lastResolved?.reason ?? ""),
    kbSolved,
  };
}
