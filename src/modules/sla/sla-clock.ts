/**
 * The SLA clock as a list of segments (start, pause, resume, stop), replayed on demand:
 * when the priority or the policy of a ticket changes, its due dates are recomputed from
 * the same segments with the new target and calendar, so paused time is never lost.
 * Pure functions, no database.
 */
import { addBusinessMs, businessMsBetween, type BusinessCalendar } from "./business-time";

export type SegmentKind = "start" | "pause" | "resume" | "stop";
export interface ClockSegment { kind: SegmentKind; at: Date; reason?: string | null }

const MINUTE = 60_000;

interface Replay {
  intervals: [number, number][];
  state: "idle" | "running" | "paused" | "stopped";
}

/**
 * Replays the segments up to `now` (later ones have not happened yet and are ignored).
 * start or resume sets a stopped, paused or idle clock running (a resume after a stop is a
 * reopened ticket); pause or stop ends the running interval; a pause of a clock that is not
 * running and a resume of a running one change nothing.
 */
function replay(segments: ClockSegment[], now: Date): Replay {
  const end = now.getTime();
  if (Number.isNaN(end)) throw new TypeError("now is not a valid date");
  const sorted = segments.map((s, i) => {
    const at = s.at instanceof Date ? s.at.getTime() : NaN;
    if (Number.isNaN(at)) throw new TypeError(`segment ${i} (${s.kind}) has no valid date`);
    return { kind: s.kind, at, i };
  }).sort((x, y) => x.at - y.at || x.i - y.i);
  const intervals: [number, number][] = [];
  let state: Replay["state"] = "idle";
  let from = 0;
  const close = (to: number) => {
    if (to > from) intervals.push([from, to]);
  };
  for (const s of sorted) {
    if (s.at > end) break;
    switch (s.kind) {
      case "start":
      case "resume":
        if (state !== "running") {
          state = "running";
          from = s.at;
        }
        break;
      case "pause":
        if (state === "running") {
          close(s.at);
          state = "paused";
        }
        break;
      case "stop":
        if (state === "running") close(s.at);
        state = "stopped";
        break;
    }
  }
  if (state === "running") close(end);
  return { intervals, state };
}

/** Running intervals: start..(pause|stop), resume..(pause|stop); an open last interval runs until `now`. Unordered input is sorted by time (stable). Repeated pauses or resumes are ignored (idempotent). */
export function runningIntervals(segments: ClockSegment[], now: Date): { from: Date; to: Date }[] {
  return replay(segments, now).intervals.map(([f, t]) => ({ from: new Date(f), to: new Date(t) }));
}

export interface TargetState {
  targetMinutes: number;
  elapsedMinutes: number; // business minutes elapsed while running, up to now (or up to the stop)
  dueAt: Date | null; // when the target is reached if the clock keeps running from its current state; null while paused (and not yet breached) or once stopped before the target
  breachedAt: Date | null; // the instant the elapsed time reached the target, if it did (even if later paused/stopped)
  paused: boolean;
  stopped: boolean;
  fraction: number; // elapsedMinutes / targetMinutes
}

/**
 * The state of one target (first response or resolution) of a clock at `now`. Once breached,
 * dueAt stays the breach instant. A clock never started has no due date. Throws a RangeError
 * for a target that is not a positive number of minutes.
 */
export function targetState(cal: BusinessCalendar, segments: ClockSegment[], targetMinutes: number, now: Date): TargetState {
  const targetMs = Math.round(targetMinutes * MINUTE);
  if (!Number.isFinite(targetMinutes) || !(targetMs > 0)) throw new RangeError(`targetMinutes must be a positive number, got ${targetMinutes}`);
  const { intervals, state } = replay(segments, now);
  let elapsed = 0;
  let breached: number | null = null;
  for (const [from, to] of intervals) {
    const len = businessMsBetween(cal, from, to);
    if (breached === null && elapsed + len >= targetMs) breached = addBusinessMs(cal, from, targetMs - elapsed);
    elapsed += len;
  }
  const due = breached ?? (state === "running" ? addBusinessMs(cal, now.getTime(), targetMs - elapsed) : null);
  return {
    targetMinutes,
    elapsedMinutes: elapsed / MINUTE,
    dueAt: due === null ? null : new Date(due),
    breachedAt: breached === null ? null : new Date(breached),
    paused: state === "paused",
    stopped: state === "stopped",
    fraction: elapsed / targetMs,
  };
}

export type SlaState = "on_track" | "at_risk" | "breached" | "paused" | "met";
/** at_risk at >= 75% elapsed (AT_RISK_FRACTION), breached once elapsed >= target, met when the target event happened (metAt not null) before the breach, paused while the clock is paused and not breached. */
export const AT_RISK_FRACTION = 0.75;

/** The badge of a target. An event at the very instant of the breach is late: elapsed had reached the target. */
export function slaState(t: TargetState, metAt: Date | null): SlaState {
  if (t.breachedAt) return metAt && metAt.getTime() < t.breachedAt.getTime() ? "met" : "breached";
  if (metAt) return "met";
  if (t.paused) return "paused";
  return t.fraction >= AT_RISK_FRACTION ? "at_risk" : "on_track";
}
