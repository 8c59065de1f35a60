import type { Deps } from "../../../platform/deps";
import type { Actor } from "../../../access/actor";
import { positional, rawQuery } from "../../../platform/db/raw";
import type { FactRow } from "../aggregate";
import { dayIndex, type Period } from "./period";
import { reportWhere, type ReportFilter } from "./scope";

/** Every UTC offset in the time-zone database is a multiple of 15 minutes (Lord Howe shifts by 30 at DST). */
const QUARTER = 900_000;
const bool = (v: unknown) => v === true || v === 1 || v === "1";

export interface CreatedFlow {
  total: number;
  perDay: number[];
  byChannel: Map<string, number>;
  byCategory: Map<number | null, number>;
}

/**
 * The tickets created in the period (their group, tier and category now): counted per
 * quarter of an hour since the period's start in SQL (a quarter never straddles two local
 * days, whatever the zone and its daylight-saving changes), folded into local days here;
 * and per channel and category.
 */
export async function loadCreated(deps: Deps, actor: Actor, f: ReportFilter, p: Period): Promise<CreatedFlow> {
  const w = reportWhere(actor, f, "t", "assignee_id");
  const range = { pstart: p.start.getTime(), pend: p.end.getTime(), pquarter: QUARTER };
  const base = `FROM tickets t WHERE t.created_at >= :pstart AND t.created_at < :pend${w.sql}`;
  const hours = positional(`SELECT CAST((t.created_at - :pstart) / :pquarter AS INTEGER) AS h, COUNT(*) AS n ${base} GROUP BY 1`, { ...range, ...w.params });
  const kinds = positional(`SELECT t.channel, t.category_id, COUNT(*) AS n ${base} GROUP BY t.channel, t.category_id`, { ...range, ...w.params });
  const [perQuarter, perKind] = await Promise.all([
    rawQuery<{ h: number; n: number }>(deps.db, hours.sql, hours.values),
    rawQuery<{ channel: string; category_id: number | null; n: number }>(deps.db, kinds.sql, kinds.values),
  ]);
  const perDay = p.days.map(() => 0);
  let total = 0;
  for (const r of perQuarter) {
    const i = dayIndex(p, p.start.getTime() + Number(r.h) * QUARTER);
    if (i >= 0) perDay[i] += Number(r.n);
    total += Number(r.n);
  }
  const byChannel = new Map<string, number>(), byCategory = new Map<number | null, number>();
  for (const r of perKind) {
    const n = Number(r.n), c = r.category_id == null ? null : Number(r.category_id);
    byChannel.set(r.channel, (byChannel.get(r.channel) ?? 0) + n);
    byCategory.set(c, (byCategory.get(c) ?? 0) + n);
  }
  return { total, perDay, byChannel, byCategory };
}

/** The facts of the tickets resolved in the period, in the reader's scope and the filters, with their survey's score. */
export async function loadResolved(deps: Deps, actor: Actor, f: ReportFilter, p: Period): Promise<FactRow[]> {
  const w = reportWhere(actor, f, "k", "resolver_id");
  const q = positional(
    "SELECT k.ticket_id, k.priority, k.tier, k.group_id, k.category_id, k.resolver_id, k.resolved_at, k.first_response_seconds, k.resolution_seconds, " +
    "k.tier1_seconds, k.tier2_seconds, k.tier3_seconds, k.response_met, k.resolution_met, k.escalated, k.reopened, k.fcr, k.kb_solved, s.score " +
    "FROM ticket_kpi_facts k LEFT JOIN ticket_surveys s ON s.ticket_id = k.ticket_id " +
    `WHERE k.resolved_at >= :pstart AND k.resolved_at < :pend${w.sql}`, { pstart: p.start.getTime(), pend: p.end.getTime(), ...w.params });
  const rows = await rawQuery<Record<string, unknown>>(deps.db, q.sql, q.values);
  const num = (v: unknown) => (v == null ? null : Number(v));
  return rows.map((r) => ({
    ticketId: Number(r.ticket_id), priority: Number(r.priority), tier: Number(r.tier), groupId: num(r.group_id), categoryId: num(r.category_id),
    resolverId: num(r.resolver_id), resolvedAt: Number(r.resolved_at), firstResponseSeconds: num(r.first_response_seconds),
    resolutionSeconds: Number(r.resolution_seconds), tierSeconds: [Number(r.tier1_seconds), Number(r.tier2_seconds), Number(r.tier3_seconds)],
    responseMet: r.response_met == null ? null : bool(r.response_met), resolutionMet: r.resolution_met == null ? null : bool(r.resolution_met),
    escalated: bool(r.escalated), reopened: bool(r.reopened), fcr: bool(r.fcr), kbSolved: bool(r.kb_solved), score: num(r.score),
  }));
}

/** Articles that solved an employee's problem instead of a ticket, in the period (no group: an article has none). */
export async function loadDeflections(deps: Deps, p: Period): Promise<number> {
  const [r] = await rawQuery<{ n: number }>(deps.db, "SELECT COUNT(*) AS n FROM kb_deflections WHERE created_at >= ? AND created_at < ?", [p.start.getTime(), p.end.getTime()]);
  return Number(r?.n ?? 0);
}
