import { hasOpenFulfilmentTasks } from "../../catalog";
import { In, type EntityManager } from "typeorm";
import type { Deps } from "../../../platform/deps";
import type { JobDefinition } from "../../../platform/jobs";
import { withTransaction } from "../../../platform/db/transaction";
import { positional, rawQuery, txQuery } from "../../../platform/db/raw";
import { invalidateQueueCounts } from "../../tickets/queries/queue-counts";
import { Ticket } from "../../tickets/ticket.entity";
import { TicketHistory } from "../../tickets/history.entity";
import { formatNumber } from "../../tickets/ticket.types";
import { saveChange } from "../../tickets/workflow";
import { GroupMember } from "../../users/group.entity";
import { User } from "../../users/user.entity";
import { notify } from "../../notifications/notify";
import { businessMinutesBetween, type BusinessCalendar } from "../business-time";
import { loadPolicies } from "../policies";
import { supervisorsAmong } from "./sla-watch";

const BATCH = 500;
/** The stale sweep reads a few columns per row: bigger pages, fewer round trips. */
const STALE_BATCH = 2000;
const DAY_MS = 24 * 3600_000;

/**
 * The calendar the watch thresholds are counted in: the business calendar of the policies
 * (the first one that is not around the clock), and how long its business day is.
 */
export async function watchCalendar(deps: Deps): Promise<{ cal: BusinessCalendar; dayMinutes: number }> {
  const policies = [...(await loadPolicies(deps.db.manager)).values()].sort((a, b) => b.priority - a.priority);
  const cal = (policies.find((p) => !p.calendar.alwaysOpen) ?? policies[0])?.calendar
    ?? { timezone: deps.config.defaultTimezone, alwaysOpen: true, hours: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] }, holidays: [] };
  if (cal.alwaysOpen) return { cal, dayMinutes: 24 * 60 };
  const open = Object.values(cal.hours).map((ranges) => ranges.reduce((sum, [a, b]) => sum + minutesOf(b) - minutesOf(a), 0)).filter((m) => m > 0);
  return { cal, dayMinutes: open.length ? open.reduce((a, b) => a + b, 0) / open.length : 24 * 60 };
}
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Batches of the tickets matching a WHERE on one indexed instant, read in that index's
 * order (keyset on the instant and the id: every row once, never a scan from the start),
 * each batch in one transaction.
 */
async function inBatches(
  deps: Deps, column: string, where: string, params: Record<string, unknown>, each: (tx: EntityManager, batch: Ticket[]) => Promise<void>,
): Promise<void> {
  let cursor: [number, number] = [Number.MIN_SAFE_INTEGER, 0];
  for (;;) {
    const { sql, values } = positional(
      `SELECT id, ${column} AS at FROM tickets WHERE ${where} AND (${column} > :c0 OR (${column} = :c0 AND id > :c1)) ORDER BY ${column}, id LIMIT ${BATCH}`,
      { ...params, c0: cursor[0], c1: cursor[1] });
    const rows = await rawQuery<{ id: number; at: number }>(deps.db, sql, values);
    if (!rows.length) return;
    cursor = [Number(rows[rows.length - 1].at), Number(rows[rows.length - 1].id)];
    await withTransaction(deps.db, async (tx) => each(tx, await tx.find(Ticket, { where: { id: In(rows.map((r) => Number(r.id))) }, order: { id: "ASC" } })));
  }
}

const number = (t: Ticket) => formatNumber(t.type, t.id);

async function groupMembers(tx: EntityManager, groupIds: (number | null)[]): Promise<Map<number, number[]>> {
  const ids = [...new Set(groupIds.filter((g): g is number => g !== null))];
  const rows = ids.length ? await tx.find(GroupMember, { where: { groupId: In(ids) } }) : [];
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const list = out.get(r.groupId);
    if (list) list.push(r.userId);
    else out.set(r.groupId, [r.userId]);
  }
  return out;
}

// ---- stale-tickets

/**
 * Open tickets without public activity (a public reply or a person's status change)
 * beyond their tier's threshold in business days, or beyond the catch-all in calendar
 * days, become stale: the first run tells whoever works them, a later run the
 * supervisors. One digest per person per run.
 */
export async function runStaleTickets(deps: Deps): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const { cal, dayMinutes } = await watchCalendar(deps);
  const { staleDays, staleCatchAllDays } = deps.config.automation;
  // no ticket can be stale before the smallest threshold in wall-clock time
  const bound = Math.floor(now.getTime() - Math.min(...staleDays) * dayMinutes * 60_000);
  const digests = new Map<number, string[]>();
  const add = (userId: number, n: string) => {
    const list = digests.get(userId);
    if (list) list.push(n);
    else digests.set(userId, [n]);
  };
  const counts = { checked: 0, stale: 0, toldWorkers: 0, toldSupervisors: 0 };
  const supervisorIds = (await deps.db.getRepository(User).find({ where: { role: "supervisor", active: true } })).map((u) => u.id);
  const members = await groupMembers(deps.db.manager, (await deps.db.getRepository(GroupMember).find()).map((m) => m.groupId));
  // keyset over the partial index of open tickets by last public activity: only the quiet ones are read
  let cursor: [number, number] = [0, 0];
  const raised: number[] = [];
  for (;;) {
    const { sql, values } = positional(
      "SELECT id, type, tier, group_id, assignee_id, last_public_activity_at, stale_level FROM tickets " +
      "WHERE status IN ('new', 'open', 'pending', 'escalated') AND stale_level < 2 AND last_public_activity_at <= :bound " +
      // a request waiting for its approver is not the desk's to move: the approval is what is late
      "AND (pending_reason IS NULL OR pending_reason <> 'approval') " +
      // nor a request worked through its fulfilment tasks: the tasks are watched, each its own
      "AND NOT EXISTS (SELECT 1 FROM catalog_tasks ct JOIN tickets tt ON tt.id = ct.task_ticket_id " +
      "WHERE ct.request_ticket_id = tickets.id AND tt.status NOT IN ('resolved', 'closed')) " +
      "AND (last_public_activity_at > :c0 OR (last_public_activity_at = :c0 AND id > :c1)) " +
      `ORDER BY last_public_activity_at, id LIMIT ${STALE_BATCH}`, { bound, c0: cursor[0], c1: cursor[1] });
    const rows = await rawQuery<Record<string, unknown>>(deps.db, sql, values);
    if (!rows.length) break;
    const last = rows[rows.length - 1];
    cursor = [Number(last.last_public_activity_at), Number(last.id)];
    const up: number[] = [];
    for (const r of rows) {
      counts.checked++;
      const quiet = new Date(Number(r.last_public_activity_at));
      const tier = Number(r.tier);
      const isStale = now.getTime() - quiet.getTime() >= staleCatchAllDays * DAY_MS || businessMinutesBetween(cal, quiet, now) / dayMinutes >= staleDays[tier - 1];
      if (!isStale) continue;
      counts.stale++;
      const n = formatNumber(r.type as Ticket["type"], Number(r.id));
      const group = members.get(Number(r.group_id ?? -1)) ?? [];
      if (Number(r.stale_level) === 0) {
        for (const u of r.assignee_id ? [Number(r.assignee_id)] : group) add(u, n);
        counts.toldWorkers++;
      } else {
        for (const u of supervisorsAmong(supervisorIds, group)) add(u, n);
        counts.toldSupervisors++;
      }
      up.push(Number(r.id));
    }
    raised.push(...up);
  }
  // the markers and the digests commit together: a ticket is "told" only if the notice is written
  if (raised.length) {
    await withTransaction(deps.db, async (tx) => {
      for (let i = 0; i < raised.length; i += STALE_BATCH) {
        const chunk = raised.slice(i, i + STALE_BATCH);
        const { sql: u, values: v } = positional(
          `UPDATE tickets SET stale_since = COALESCE(stale_since, :now), stale_level = stale_level + 1 WHERE id IN (${chunk.map((_, k) => `:i${k}`).join(", ")})`,
          { now: now.getTime(), ...Object.fromEntries(chunk.map((id, k) => [`i${k}`, id])) });
        await txQuery(tx, u, v);
      }
      for (const [userId, numbers] of digests) {
        await notify(tx, deps, [userId], { kind: "stale_digest", params: { count: numbers.length, numbers: numbers.slice(0, 50).join(", ") } });
      }
    });
  }
  if (counts.stale) invalidateQueueCounts(deps.db);
  return { ...counts, digests: digests.size };
}

// ---- unassigned-watch

/**
 * New or escalated tickets nobody took within their tier's limit (business minutes): each
 * group hears of its own in one digest per run (never one message per ticket), each
 * ticket once.
 */
export async function runUnassignedWatch(deps: Deps): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const { cal } = await watchCalendar(deps);
  const limits = deps.config.automation.unassignedMinutes;
  const bound = Math.floor(now.getTime() - Math.min(...limits) * 60_000);
  const counts = { checked: 0, alerted: 0, digests: 0 };
  const byGroup = new Map<number, string[]>();
  const late: number[] = [];
  await inBatches(deps, "queued_at", "queued_at IS NOT NULL AND queued_at <= :bound AND unassigned_alerted_at IS NULL", { bound }, async (_tx, batch) => {
    for (const t of batch) {
      counts.checked++;
      if (t.assigneeId || !t.groupId || (t.status !== "new" && t.status !== "escalated")) continue;
      if (businessMinutesBetween(cal, t.queuedAt!, now) < limits[t.tier - 1]) continue;
      const list = byGroup.get(t.groupId);
      if (list) list.push(number(t));
      else byGroup.set(t.groupId, [number(t)]);
      late.push(t.id);
    }
  });
  counts.alerted = late.length;
  // the markers and the digests commit together
  if (byGroup.size) {
    await withTransaction(deps.db, async (tx) => {
      for (let i = 0; i < late.length; i += BATCH) await tx.update(Ticket, { id: In(late.slice(i, i + BATCH)) }, { unassignedAlertedAt: now });
      const members = await groupMembers(tx, [...byGroup.keys()]);
      for (const [groupId, numbers] of byGroup) {
        await notify(tx, deps, members.get(groupId) ?? [], { kind: "unassigned", params: { count: numbers.length, numbers: numbers.slice(0, 50).join(", ") } });
        counts.digests++;
      }
    });
  }
  return counts;
}

// ---- pending-reminders

/**
 * Tickets waiting on their requester: a reminder at each configured number of business
 * days, then (if configured) resolved for them with the reason in the history.
 */
export async function runPendingReminders(deps: Deps): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const { cal, dayMinutes } = await watchCalendar(deps);
  const { pendingReminderDays, pendingAutoResolveDays } = deps.config.automation;
  const steps = [...pendingReminderDays].sort((a, b) => a - b);
  const first = Math.min(...steps, pendingAutoResolveDays || Infinity);
  const counts = { checked: 0, reminded: 0, resolved: 0 };
  if (!Number.isFinite(first)) return counts;
  const bound = Math.floor(now.getTime() - first * dayMinutes * 60_000);
  await inBatches(deps, "sla_paused_at", "status = 'pending' AND sla_paused_at <= :bound", { bound }, async (tx, batch) => {
    const requesters = new Map((await tx.find(User, { where: { id: In(batch.map((t) => t.requesterId)) } })).map((u) => [u.id, u]));
    // what is awaited: the note of the latest "pending" change of each ticket
    const awaited = new Map<number, string>();
    for (const h of await tx.find(TicketHistory, { where: { ticketId: In(batch.map((t) => t.id)), kind: "pending" }, order: { id: "ASC" } })) {
      // set-pending keeps what it asks for as the history row's reason
      const asked = h.reason ?? h.note;
      if (asked) awaited.set(h.ticketId, asked);
    }
    for (const t of batch) {
      if (t.pendingReason !== "requester" || !t.slaPausedAt) continue;
      counts.checked++;
      const days = businessMinutesBetween(cal, t.slaPausedAt, now) / dayMinutes;
      const ticket = { id: t.id, number: number(t), title: t.title };
      // a request whose fulfilment tasks are still open is finished by them, not by the silence
      if (pendingAutoResolveDays && days >= pendingAutoResolveDays && !(t.type === "request" && await hasOpenFulfilmentTasks(tx, t.id))) {
        await saveChange(tx, t, null, now,
          { status: "resolved", resolvedAt: now, resolutionCode: "no_fault", resolution: null, pendingReason: null },
          [{ kind: "resolved", from: "pending", to: "no_fault", reason: "sla:pending_timeout" }], { deps });
        await notify(tx, deps, [t.requesterId], { kind: "pending_resolved", ticket, params: { days: pendingAutoResolveDays } });
        counts.resolved++;
        continue;
      }
      const due = steps.filter((d) => days >= d).length;
      if (due > t.pendingReminders && requesters.get(t.requesterId)?.active) {
        await notify(tx, deps, [t.requesterId], { kind: "pending_reminder", ticket, params: { count: due }, mailData: { note: awaited.get(t.id) ?? null } });
        await tx.update(Ticket, { id: t.id }, { pendingReminders: due });
        counts.reminded++;
      }
    }
  });
  if (counts.resolved) invalidateQueueCounts(deps.db);
  return counts;
}

// ---- auto-close

/** Resolved tickets the requester neither confirmed nor reopened within the configured days are closed. */
export async function runAutoClose(deps: Deps): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const days = deps.config.automation.autoCloseDays;
  const counts = { closed: 0 };
  if (!days) return counts;
  await inBatches(deps, "resolved_at", "status = 'resolved' AND resolved_at <= :bound", { bound: now.getTime() - days * DAY_MS }, async (tx, batch) => {
    for (const t of batch) {
      if (t.status !== "resolved") continue;
      await saveChange(tx, t, null, now, { status: "closed", closedAt: now }, [{ kind: "closed", from: "resolved", to: "closed", reason: "sla:auto_closed" }], { deps });
      await notify(tx, deps, [t.requesterId], { kind: "ticket_auto_closed", ticket: { id: t.id, number: number(t), title: t.title }, params: { days } });
      counts.closed++;
    }
  });
  return counts;
}

const job = (name: string, defaultSchedule: string, run: (deps: Deps) => Promise<Record<string, number>>): JobDefinition => ({
  name, defaultSchedule, run: async ({ deps }) => ({ counts: await run(deps) }),
});

export const watchJobs = (): JobDefinition[] => [
  job("stale-tickets", "5 * * * *", runStaleTickets),
  job("unassigned-watch", "*/5 * * * *", runUnassignedWatch),
  job("pending-reminders", "15 * * * *", runPendingReminders),
  job("auto-close", "25 * * * *", runAutoClose),
];
