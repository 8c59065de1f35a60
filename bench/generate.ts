import { computePriority, DEFAULT_MATRIX } from "../src/modules/tickets/priority";
import type { Level, TicketStatus } from "../src/modules/tickets/ticket.types";
import type { Rng } from "./prng";
import type { Row } from "./sinks";
import {
  DESCRIPTION_SENTENCES, ESCALATION_REASONS, INTERNAL_NOTES, PUBLIC_REPLIES, RESOLUTIONS, TITLES, TITLE_SUFFIXES,
} from "./seed-data";
import { slaFields, ticketSla } from "../src/modules/sla/engine";
import type { PolicyView } from "../src/modules/sla/policies";
import type { ClockSegment } from "../src/modules/sla/sla-clock";
import { ALWAYS_CALENDAR, DEFAULT_POLICIES } from "../src/modules/sla/defaults";
import { businessMinutesBetween, DEFAULT_HOURS } from "../src/modules/sla/business-time";

/**
 * The rows of one ticket (the ticket, its comments, its history), shaped like what the
 * commands would have written: created -> taken -> escalated -> pending/resolved -> closed.
 */

export const TICKET_COLUMNS = [
  "id", "type", "channel", "requester_id", "title", "description", "category_id", "impact", "urgency", "priority", "tier",
  "group_id", "assignee_id", "status", "pending_reason", "resolution_code", "resolution", "tiers_visited", "callback_phone",
  "problem_id", "parent_id", "reopen_count", "version", "updated_by_id", "created_at", "updated_at", "first_response_at",
  "resolved_at", "closed_at", "last_public_activity_at",
  "first_response_due_at", "resolution_due_at", "sla_next_due_at", "sla_next_warn_at", "sla_paused_at",
  "sla_response_warned_at", "sla_resolution_warned_at", "sla_response_breached_at", "sla_resolution_breached_at",
  "stale_since", "stale_level", "queued_at", "unassigned_alerted_at", "pending_reminders",
] as const;
export const SEGMENT_COLUMNS = ["ticket_id", "kind", "at", "reason"] as const;

/** The default SLA policies (as ensureSlaDefaults writes them), to give the open tickets their clocks. */
const POLICIES = new Map<number, PolicyView>(DEFAULT_POLICIES.map((p) => [p.priority, {
  priority: p.priority, calendarId: 0, calendarName: p.calendar, firstResponseMinutes: p.firstResponseMinutes,
  resolutionMinutes: p.resolutionMinutes, autoEscalate: p.autoEscalate,
  calendar: { timezone: "Europe/Paris", alwaysOpen: p.calendar === ALWAYS_CALENDAR, hours: DEFAULT_HOURS, holidays: [] },
}]));
/** The watch jobs' defaults (config/default.json automation) and their calendar. */
const STALE_DAYS = [1, 3, 10];
const UNASSIGNED_MINUTES = [30, 120, 240];
const WATCH_CALENDAR = { timezone: "Europe/Paris", alwaysOpen: false, hours: DEFAULT_HOURS, holidays: [] };

/** The clocks are replayed as of an hour ago, so a watch pass at "now" has the last hour's warnings and breaches to do. */
const SLA_LAG = 3600_000;
export const COMMENT_COLUMNS = ["ticket_id", "author_id", "body", "internal", "created_at"] as const;
export const HISTORY_COLUMNS = ["ticket_id", "actor_id", "kind", "from_value", "to_value", "reason", "note", "created_at"] as const;

export interface World {
  now: number;
  /** First creation instant; ticket i is created around start + (i - 1) * step. */
  start: number;
  step: number;
  total: number;
  employees: { first: number; count: number };
  agentsByTier: Record<1 | 2 | 3, number[]>;
  groupByTier: Record<1 | 2 | 3, number>;
  categories: { id: number; name: string }[];
}

export interface TicketRows {
  tier: 1 | 2 | 3;
  status: TicketStatus;
  isRequest: boolean;
  ticket: Row;
  comments: Row[];
  history: Row[];
  segments: Row[];
}

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const CHANNELS = [["portal", 60], ["email", 20], ["phone", 15], ["chat", 3], ["monitoring", 2]] as const;
const IMPACT = [["low", 60], ["medium", 30], ["high", 10]] as const;
const URGENCY = [["low", 35], ["medium", 50], ["high", 15]] as const;
const PENDING = ["requester", "third_party", "change"] as const;
const CODES = [["fixed", 70], ["workaround", 10], ["no_fault", 10], ["duplicate", 5], ["cancelled", 5]] as const;

/** VIPs: about 1 % of the employees, decided by id so tickets and users agree. */
export function isVip(userId: number): boolean {
  return userId % 97 === 0;
}

interface Event { at: number; actor: number | null; kind: string; from: string | number | null; to: string | number | null; reason?: string; note?: string }

export function generateTicket(id: number, w: World, rng: Rng): TicketRows {
  const frac = id / w.total;
  // the open tenth: mostly recent tickets, plus a few forgotten old ones
  const open = rng.chance(frac > 0.8 ? 0.4 : 0.025);
  const isRequest = rng.chance(0.3);
  const requester = w.employees.first + rng.int(0, w.employees.count - 1);
  const category = rng.pick(w.categories);
  const title = rng.pick(TITLES[category.name] ?? TITLES.Other) + rng.pick(TITLE_SUFFIXES);
  const description = `${title}.\n\n${rng.pick(DESCRIPTION_SENTENCES)} ${rng.pick(DESCRIPTION_SENTENCES)}`;
  const impact: Level = rng.weighted(IMPACT);
  const urgency: Level = rng.weighted(URGENCY);
  const priority = computePriority(DEFAULT_MATRIX, impact, urgency, isVip(requester));
  const created = Math.floor(w.start + (id - 1) * w.step + rng.next() * w.step);

  let tier: 1 | 2 | 3;
  let status: TicketStatus;
  if (open) {
    tier = rng.weighted([[1, 70], [2, 20], [3, 10]] as const);
    status = tier === 1
      ? rng.weighted([["new", 45], ["open", 40], ["pending", 15]] as const)
      : rng.weighted([["escalated", 35], ["open", 45], ["pending", 20]] as const);
  } else {
    tier = rng.weighted([[1, 80], [2, 15], [3, 5]] as const);
    status = "closed"; // or "resolved", decided once the resolution time is known
  }

  // the timeline as offsets from creation, squeezed afterwards if it would run past now
  const events: Event[] = [{ at: 0, actor: requester, kind: "created", from: null, to: "new" }];
  let t = 0;
  let assignee: number | null = null;
  let firstResponse: number | null = null;
  let group = w.groupByTier[1];
  if (status !== "new") {
    t += rng.int(5, 240) * MIN;
    assignee = rng.pick(w.agentsByTier[1]);
    firstResponse = t;
    events.push({ at: t, actor: assignee, kind: "taken", from: null, to: assignee }, { at: t, actor: assignee, kind: "status", from: "new", to: "open" });
    for (let k = 1; k < tier; k++) {
      const up = (k + 1) as 2 | 3;
      t += rng.int(30, 2 * 24 * 60) * MIN;
      const by = assignee;
      events.push(
        { at: t, actor: by, kind: "escalated", from: k, to: up, reason: rng.pick(ESCALATION_REASONS), note: "Hand-over: steps tried are in the notes." },
        { at: t, actor: by, kind: "group", from: group, to: w.groupByTier[up] },
        { at: t, actor: by, kind: "assigned", from: by, to: null },
      );
      group = w.groupByTier[up];
      assignee = null;
      if (up === tier && status === "escalated") break;
      t += rng.int(10, 8 * 60) * MIN;
      assignee = rng.pick(w.agentsByTier[up]);
      events.push({ at: t, actor: assignee, kind: "taken", from: null, to: assignee }, { at: t, actor: assignee, kind: "status", from: "escalated", to: "open" });
    }
  }
  let pendingReason: string | null = null;
  if (status === "pending") {
    t += rng.int(10, 24 * 60) * MIN;
    pendingReason = rng.pick(PENDING);
    events.push({ at: t, actor: assignee, kind: "pending", from: "open", to: pendingReason, reason: "Waiting for an answer." });
  }
  let resolutionCode: string | null = null;
  let resolution: string | null = null;
  if (!open) {
    t += rng.int(10, 5 * 24 * 60) * MIN;
    resolutionCode = rng.weighted(CODES);
    resolution = rng.pick(RESOLUTIONS);
    events.push({ at: t, actor: assignee, kind: "resolved", from: "open", to: resolutionCode, note: resolution });
  }
  // squeeze a timeline that would end in the future into [created, now - 1 min]
  const limit = Math.max(0, w.now - MIN - created);
  const scale = t > limit ? limit / t : 1;
  const at = (offset: number) => created + Math.floor(offset * scale);
  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  if (!open) {
    resolvedAt = at(t);
    if (resolvedAt + 3 * DAY <= w.now) {
      closedAt = resolvedAt + 3 * DAY; // the auto-close job, three days after the resolution
      events.push({ at: closedAt - created, actor: null, kind: "closed", from: "resolved", to: "closed" });
    } else status = "resolved";
  }
  const history: Row[] = events.map((e) => [
    id, e.actor, e.kind, e.from == null ? null : String(e.from), e.to == null ? null : String(e.to), e.reason ?? null, e.note ?? null,
    e.kind === "closed" ? created + e.at : at(e.at),
  ]);

  // comments spread over the ticket's life: public replies from both sides, internal notes from staff
  const end = resolvedAt ?? Math.max(created, w.now - MIN);
  const n = status === "new" ? rng.int(0, 1) : rng.int(1, 6);
  const comments: Row[] = [];
  let lastPublic = created;
  let lastComment = created;
  for (let c = 1; c <= n; c++) {
    const when = created + Math.floor(((end - created) * c) / (n + 1));
    const staff = assignee ?? rng.pick(w.agentsByTier[tier]);
    const internal = status !== "new" && rng.chance(0.25);
    const fromRequester = status === "new" || (!internal && rng.chance(0.5));
    const body = internal ? rng.pick(INTERNAL_NOTES) : rng.pick(PUBLIC_REPLIES);
    comments.push([id, fromRequester ? requester : staff, body, internal, when]);
    if (!internal) lastPublic = when;
    lastComment = when;
  }
  // the SLA clock of an open ticket: started at creation, paused while it waits
  const segments: ClockSegment[] = [];
  let sla: (string | number | null)[] = [null, null, null, null, null, null, null, null, null];
  if (open) {
    segments.push({ kind: "start", at: new Date(created), reason: "created" });
    const pause = events.find((e) => e.kind === "pending");
    if (pause) segments.push({ kind: "pause", at: new Date(at(pause.at)), reason: "pending" });
    // the markers sla-watch would have set by then (it records breaches and warnings, commands do not)
    const lag = new Date(w.now - SLA_LAG);
    const policy = POLICIES.get(priority)!;
    const responded = firstResponse === null ? null : new Date(at(firstResponse));
    const st = ticketSla(policy, segments, responded, lag);
    const passed = (d: Date | null) => (d && d <= lag ? d : null);
    const marks = {
      slaResponseBreachedAt: responded ? null : passed(st.response.breachedAt), slaResolutionBreachedAt: passed(st.resolution.breachedAt),
      slaResponseWarnedAt: !responded && st.response.fraction >= 0.75 ? lag : null, slaResolutionWarnedAt: st.resolution.fraction >= 0.75 ? lag : null,
    };
    const f = slaFields(policy, segments, { firstResponseAt: responded, ...marks }, lag);
    const ms = (d: Date | null) => (d ? d.getTime() : null);
    sla = [ms(f.firstResponseDueAt), ms(f.resolutionDueAt), ms(f.slaNextDueAt), ms(f.slaNextWarnAt), ms(f.slaPausedAt),
      ms(f.slaResponseWarnedAt), ms(f.slaResolutionWarnedAt), ms(f.slaResponseBreachedAt), ms(f.slaResolutionBreachedAt)];
  }
  if (resolvedAt !== null) {
    // what the commands wrote for a resolved ticket: the clock started at creation and stopped
    // at the resolution (closing a resolved ticket writes nothing); the kpi-facts job replays it
    segments.push({ kind: "start", at: new Date(created), reason: "created" }, { kind: "stop", at: new Date(resolvedAt), reason: "resolved" });
  }
  const queued = open && assignee === null && (status === "new" || status === "escalated") ? at(t) : null;
  // what the hourly jobs would already have done by an hour ago: stale tickets flagged and
  // told, untaken ones announced (a pass at "now" then does the last hour's share, as in production)
  const lagNow = new Date(w.now - SLA_LAG);
  let stale: [number | null, number] = [null, 0];
  if (open) {
    const quiet = lastPublic;
    const days = businessMinutesBetween(WATCH_CALENDAR, new Date(quiet), lagNow) / 600;
    if (days >= STALE_DAYS[tier - 1] || lagNow.getTime() - quiet >= 7 * DAY) stale = [lagNow.getTime(), 2];
  }
  const unassignedAlerted = queued !== null && businessMinutesBetween(WATCH_CALENDAR, new Date(queued), lagNow) >= UNASSIGNED_MINUTES[tier - 1] ? lagNow.getTime() : null;
  const lastEvent = history[history.length - 1];
  const updatedAt = Math.max(Number(lastEvent[7]), lastComment);
  const ticket: Row = [
    id, isRequest ? "request" : "incident", rng.weighted(CHANNELS), requester, title, description, category.id, impact, urgency,
    priority, tier, group, assignee, status, pendingReason, resolutionCode, resolution, (1 << tier) - 1,
    rng.chance(0.05) ? "+33 1 23 45 67 89" : null, null, null, 0, history.length, (lastEvent[1] as number | null) ?? requester,
    created, updatedAt, firstResponse === null ? null : at(firstResponse), resolvedAt, closedAt, lastPublic,
    ...sla, stale[0], stale[1], queued, unassignedAlerted, 0,
  ];
  return { tier, status, isRequest, ticket, comments, history, segments: segments.map((sg) => [id, sg.kind, sg.at.getTime(), sg.reason ?? null]) };
}
