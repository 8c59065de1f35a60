import type { EntityManager } from "typeorm";
import type { TicketStatus } from "../tickets/ticket.types";
import type { Ticket } from "../tickets/ticket.entity";
import { AT_RISK_FRACTION, targetState, type ClockSegment, type SegmentKind, type TargetState } from "./sla-clock";
import type { PolicyView } from "./policies";
import { SlaSegment } from "./sla.entity";

const FINAL: readonly TicketStatus[] = ["resolved", "closed"];

/**
 * What a status change does to the clock: it pauses while the ticket waits in `pending`,
 * stops when it is resolved or closed, and resumes when it leaves `pending` or is
 * reopened. A change of priority writes nothing: the segments are replayed.
 */
export function segmentFor(from: TicketStatus | null, to: TicketStatus): { kind: SegmentKind; reason: string } | null {
  if (from === null) return { kind: "start", reason: "created" };
  if (from === to) return null;
  if (FINAL.includes(to)) return FINAL.includes(from) ? null : { kind: "stop", reason: to };
  if (to === "pending") return { kind: "pause", reason: "pending" };
  if (from === "pending") return { kind: "resume", reason: "resumed" };
  if (FINAL.includes(from)) return { kind: "resume", reason: "reopened" };
  return null;
}

export type SlaFields = Pick<Ticket,
  "firstResponseDueAt" | "resolutionDueAt" | "slaNextDueAt" | "slaNextWarnAt" | "slaPausedAt" | "slaResponseWarnedAt" | "slaResolutionWarnedAt"
  | "slaResponseBreachedAt" | "slaResolutionBreachedAt">;

type SlaInput = Pick<Ticket, "firstResponseAt"> & Partial<SlaFields>;

/** The first-response clock: the ticket's segments until the first response (then it stops). */
function responseSegments(segments: ClockSegment[], firstResponseAt: Date | null): ClockSegment[] {
  if (!firstResponseAt) return segments;
  return [...segments.filter((s) => s.at.getTime() <= firstResponseAt.getTime()), { kind: "stop", at: firstResponseAt, reason: "responded" }];
}

export interface TicketSla {
  response: TargetState;
  resolution: TargetState;
}

export function ticketSla(policy: PolicyView, segments: ClockSegment[], firstResponseAt: Date | null, now: Date): TicketSla {
  return {
    response: targetState(policy.calendar, responseSegments(segments, firstResponseAt), policy.firstResponseMinutes, now),
    resolution: targetState(policy.calendar, segments, policy.resolutionMinutes, now),
  };
}

/**
 * The SLA columns of a ticket, replayed from all of its segments with its (current)
 * priority's policy. A due date that is already fixed (the response once given, the
 * resolution once stopped) keeps its last value; a paused clock has no due date.
 */
export function slaFields(policy: PolicyView, segments: ClockSegment[], t: SlaInput, now: Date): SlaFields {
  const { response, resolution } = ticketSla(policy, segments, t.firstResponseAt, now);
  const fixed = (s: TargetState, prev: Date | null | undefined) => (s.stopped ? prev ?? null : s.dueAt);
  const firstResponseDueAt = fixed(response, t.firstResponseDueAt);
  const resolutionDueAt = fixed(resolution, t.resolutionDueAt);
  // a breach of a running (or paused) clock is recorded by sla-watch, which alerts as it
  // records; until then the due date stays in the sweep's index. A clock stopped after its
  // breach (resolved late) records it here: there is nobody left to alert.
  const breached = (s: TargetState, prev: Date | null | undefined) =>
    prev ?? (s.stopped && s.breachedAt && s.breachedAt <= now ? s.breachedAt : null);
  const slaResponseBreachedAt = breached(response, t.slaResponseBreachedAt);
  const slaResolutionBreachedAt = breached(resolution, t.slaResolutionBreachedAt);
  const runningDue = (s: TargetState, marker: Date | null) => {
    if (s.stopped || marker) return null;
    if (s.breachedAt && s.breachedAt <= now) return s.breachedAt;
    return s.paused ? null : s.dueAt;
  };
  const warned = (s: TargetState, prev: Date | null | undefined) => (s.fraction >= AT_RISK_FRACTION ? prev ?? null : null);
  const slaResponseWarnedAt = warned(response, t.slaResponseWarnedAt);
  const slaResolutionWarnedAt = warned(resolution, t.slaResolutionWarnedAt);
  // the instant a running target reaches 75%: the same clock with three quarters of the target
  const warnAt = (s: TargetState, segs: ClockSegment[], minutes: number, done: Date | null) =>
    done || s.stopped || s.paused || (s.breachedAt && s.breachedAt <= now) ? null : targetState(policy.calendar, segs, minutes * AT_RISK_FRACTION, now).dueAt;
  const lastPause = [...segments].reverse().find((s) => s.kind === "pause" || s.kind === "resume" || s.kind === "start");
  return {
    firstResponseDueAt, resolutionDueAt,
    slaNextDueAt: earliest(runningDue(response, slaResponseBreachedAt), runningDue(resolution, slaResolutionBreachedAt)),
    slaNextWarnAt: earliest(
      warnAt(response, responseSegments(segments, t.firstResponseAt), policy.firstResponseMinutes, slaResponseWarnedAt),
      warnAt(resolution, segments, policy.resolutionMinutes, slaResolutionWarnedAt),
    ),
    slaPausedAt: resolution.paused && lastPause?.kind === "pause" ? lastPause.at : null,
    // a later priority with more room clears a warning already sent, so it can be sent again
    slaResponseWarnedAt, slaResolutionWarnedAt,
    slaResponseBreachedAt, slaResolutionBreachedAt,
  };
}

function earliest(...dates: (Date | null)[]): Date | null {
  const present = dates.filter((d): d is Date => d !== null);
  return present.length ? new Date(Math.min(...present.map((d) => d.getTime()))) : null;
}

export async function loadSegments(m: EntityManager, ticketId: number): Promise<ClockSegment[]> {
  const rows = await m.find(SlaSegment, { where: { ticketId }, order: { at: "ASC", id: "ASC" } });
  return rows.map((r) => ({ kind: r.kind, at: r.at, reason: r.reason }));
}

/**
 * Inside a ticket command's transaction: write the segment the status change implies,
 * then replay the clock with the priority the ticket will have. Returns the SLA columns to
 * save with the change (nothing when the clock is not concerned).
 */
export async function slaOnChange(
  tx: EntityManager, policies: Map<number, PolicyView>, t: Ticket, patch: Partial<Ticket>, now: Date,
): Promise<Partial<SlaFields>> {
  const to = patch.status ?? t.status;
  const segment = segmentFor(t.status, to);
  const priority = patch.priority ?? t.priority;
  const responded = patch.firstResponseAt !== undefined && !t.firstResponseAt;
  if (!segment && priority === t.priority && !responded) return {};
  if (segment) await tx.insert(SlaSegment, { ticketId: t.id, kind: segment.kind, at: now, reason: segment.reason });
  const policy = policies.get(priority);
  if (!policy) return {};
  const segments = await loadSegments(tx, t.id);
  return slaFields(policy, segments, { ...t, ...patch }, now);
}

/** A new ticket's clock starts now. */
export async function startClock(tx: EntityManager, policies: Map<number, PolicyView>, t: Ticket, now: Date): Promise<Partial<SlaFields>> {
  await tx.insert(SlaSegment, { ticketId: t.id, kind: "start", at: now, reason: "created" });
  const policy = policies.get(t.priority);
  return policy ? slaFields(policy, [{ kind: "start", at: now }], t, now) : {};
}
