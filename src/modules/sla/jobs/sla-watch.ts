import { hasOpenFulfilmentTasks } from "../../catalog";
import { In, type EntityManager } from "typeorm";
import type { Deps } from "../../../platform/deps";
import type { JobDefinition } from "../../../platform/jobs";
import { withTransaction } from "../../../platform/db/transaction";
import { positional, rawQuery } from "../../../platform/db/raw";
import { invalidateQueueCounts } from "../../tickets/queries/queue-counts";
import { Ticket } from "../../tickets/ticket.entity";
import { formatNumber, OPEN_STATUSES, tierBit } from "../../tickets/ticket.types";
import { saveChange } from "../../tickets/workflow";
import { groupMembers, groupsAtTier } from "../../users/queries/groups";
import { ticketWorkers } from "../../tickets/commands/run";
import { GroupMember } from "../../users/group.entity";
import { User } from "../../users/user.entity";
import { notify, type NoticeTicket } from "../../notifications/notify";
import { slaFields, ticketSla } from "../engine";
import { loadPolicies, type PolicyView } from "../policies";
import { SlaSegment } from "../sla.entity";
import { AT_RISK_FRACTION, type ClockSegment } from "../sla-clock";

export const SLA_WATCH_JOB = "sla-watch";
const BATCH = 200;

export interface SlaWatchCounts {
  checked: number;
  warned: number;
  breached: number;
  escalated: number;
}

/** The supervisors of a group (its supervisor members), or every supervisor when it has none. */
export function supervisorsAmong(supervisorIds: number[], groupMemberIds: number[]): number[] {
  const ofGroup = supervisorIds.filter((id) => groupMemberIds.includes(id));
  return ofGroup.length ? ofGroup : supervisorIds;
}

/**
 * One pass: the open tickets whose next warning or due date has come (two partial
 * indexes), in batches by id. For each, the clock is replayed at this instant: a target
 * at 75% warns whoever works the ticket (once), a target passed alerts the group's
 * supervisors (once) and, where the policy says so, the resolution breach moves the ticket
 * up a tier. The markers make a second pass do nothing.
 */
export async function runSlaWatch(deps: Deps): Promise<SlaWatchCounts> {
  const now = deps.clock.now();
  const policies = await loadPolicies(deps.db.manager);
  const counts: SlaWatchCounts = { checked: 0, warned: 0, breached: 0, escalated: 0 };
  const supervisorIds = (await deps.db.getRepository(User).find({ where: { role: "supervisor", active: true } })).map((u) => u.id);
  const cursors: Record<"due" | "warn", [number, number]> = { due: [0, 0], warn: [0, 0] };
  for (;;) {
    const ids = await dueIds(deps, now.getTime(), cursors);
    if (!ids.length) break;
    await withTransaction(deps.db, async (tx) => {
      const [tickets, segments] = await Promise.all([
        tx.find(Ticket, { where: { id: In(ids) } }),
        tx.find(SlaSegment, { where: { ticketId: In(ids) }, order: { at: "ASC", id: "ASC" } }),
      ]);
      const byTicket = new Map<number, ClockSegment[]>();
      for (const s of segments) byTicket.set(s.ticketId, [...(byTicket.get(s.ticketId) ?? []), { kind: s.kind, at: s.at, reason: s.reason }]);
      for (const t of tickets) {
        const policy = policies.get(t.priority);
        if (!policy || !OPEN_STATUSES.includes(t.status)) continue;
        counts.checked++;
        await watchOne(tx, deps, t, policy, byTicket.get(t.id) ?? [], now, counts, supervisorIds);
      }
    });
  }
  if (counts.escalated) invalidateQueueCounts(deps.db);
  return counts;
}

/**
 * The next ids to look at: due or at the warning, each read through its own partial index
 * in the index's order (keyset on the instant and the id, so every row is read once).
 */
async function dueIds(deps: Deps, nowMs: number, cursors: Record<"due" | "warn", [number, number]>): Promise<number[]> {
  const q = (column: string, c: [number, number]) => positional(
    `SELECT id, ${column} AS at FROM tickets WHERE ${column} IS NOT NULL AND ${column} <= :now ` +
    `AND (${column} > :c0 OR (${column} = :c0 AND id > :c1)) ORDER BY ${column}, id LIMIT ${BATCH}`, { now: nowMs, c0: c[0], c1: c[1] });
  const out = new Set<number>();
  for (const [key, column] of [["due", "sla_next_due_at"], ["warn", "sla_next_warn_at"]] as const) {
    const { sql, values } = q(column, cursors[key]);
    const rows = await rawQuery<{ id: number; at: number }>(deps.db, sql, values);
    if (rows.length) cursors[key] = [Number(rows[rows.length - 1].at), Number(rows[rows.length - 1].id)];
    for (const r of rows) out.add(Number(r.id));
  }
  return [...out].sort((a, b) => a - b);
}

async function watchOne(
  tx: EntityManager, deps: Deps, t: Ticket, policy: PolicyView, segments: ClockSegment[], now: Date, counts: SlaWatchCounts, supervisorIds: number[],
): Promise<void> {
  const sla = ticketSla(policy, segments, t.firstResponseAt, now);
  const fields = slaFields(policy, segments, t, now);
  const ticket: NoticeTicket = { id: t.id, number: formatNumber(t.type, t.id), title: t.title };
  for (const target of ["response", "resolution"] as const) {
    const state = sla[target];
    const warnedKey = target === "response" ? "slaResponseWarnedAt" : "slaResolutionWarnedAt";
    const breachedKey = target === "response" ? "slaResponseBreachedAt" : "slaResolutionBreachedAt";
    const done = target === "response" ? t.firstResponseAt : t.resolvedAt;
    const due = (target === "response" ? fields.firstResponseDueAt : fields.resolutionDueAt) ?? state.dueAt;
    if (!done && !fields[breachedKey] && !t[warnedKey] && !state.paused && state.fraction >= AT_RISK_FRACTION) {
      fields[warnedKey] = now;
      await notify(tx, deps, await ticketWorkers(tx, t), { kind: "sla_warning", ticket, params: { target, due: due?.toISOString() ?? "" } });
      counts.warned++;
    }
    if (!done && state.breachedAt && state.breachedAt <= now && !t[breachedKey]) {
      // recorded and alerted together, here only
      fields[breachedKey] = state.breachedAt;
      const groupIds = t.groupId ? (await groupMembers(tx, t.groupId)).map((u) => u.id) : [];
      await notify(tx, deps, supervisorsAmong(supervisorIds, groupIds), { kind: "sla_breach", ticket, params: { target, due: state.breachedAt.toISOString() } });
      counts.breached++;
      // a request worked through fulfilment tasks has nothing to hand up: its tasks are the work
      if (target === "resolution" && policy.autoEscalate && t.tier < 3 && t.status !== "pending" &&
        !(t.type === "request" && await hasOpenFulfilmentTasks(tx, t.id)) && await escalate(tx, deps, t, ticket, now)) counts.escalated++;
    }
  }
  // replayed once more with the markers just set (the next warning moves on), then a system
  // update of the SLA columns only: the ticket's version is left alone
  const settled = slaFields(policy, segments, { ...t, ...fields }, now);
  // only if nobody changed the ticket since it was read (a command replays the clock itself)
  await tx.update(Ticket, { id: t.id, version: t.version },
    { ...settled, slaResponseWarnedAt: fields.slaResponseWarnedAt, slaResolutionWarnedAt: fields.slaResolutionWarnedAt });
}

/** The resolution breached: hand the ticket to the next tier, as the system, with the reason in its history. */
async function escalate(tx: EntityManager, deps: Deps, t: Ticket, ticket: NoticeTicket, now: Date): Promise<boolean> {
  const tier = (t.tier + 1) as 2 | 3;
  const group = (await groupsAtTier(tx, tier))[0];
  if (!group) return false;
  await saveChange(tx, t, null, now,
    { tier, groupId: group.id, assigneeId: null, status: "escalated", pendingReason: null, tiersVisited: t.tiersVisited | tierBit(tier) },
    [
      { kind: "escalated", from: t.tier, to: tier, reason: "sla:resolution_breached" },
      { kind: "group", from: t.groupId, to: group.id },
      ...(t.assigneeId ? [{ kind: "assigned" as const, from: t.assigneeId, to: null }] : []),
    ]);
  const members = (await tx.find(GroupMember, { where: { groupId: group.id } })).map((m) => m.userId);
  await notify(tx, deps, members, { kind: "ticket_escalated_auto", ticket, params: { tier } });
  return true;
}

export function slaWatchJob(): JobDefinition {
  return {
    name: SLA_WATCH_JOB,
    defaultSchedule: "* * * * *",
    async run({ deps }) {
      return { counts: { ...(await runSlaWatch(deps)) } };
    },
  };
}
