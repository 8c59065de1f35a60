import type { Deps } from "../../../platform/deps";
import type { Actor } from "../../../access/actor";
import { positional, rawQuery } from "../../../platform/db/raw";
import { reportWhere, type ReportFilter } from "./scope";

const DAY = 86_400_000;
/** The aging histogram's buckets: [0-1 d), [1-3 d), [3-7 d), [7-30 d), 30 d and more. */
export const AGE_BUCKETS = ["0-1", "1-3", "3-7", "7-30", "30+"] as const;
const AGE_LIMITS = [1, 3, 7, 30];

export interface Backlog {
  total: number;
  unassigned: number;
  pending: number;
  stale: number;
  byTier: { tier: number; count: number }[];
  byPriority: { priority: number; count: number }[];
  byStatus: { status: string; count: number }[];
  aging: { bucket: (typeof AGE_BUCKETS)[number]; count: number }[];
  /** Open tickets held per person (their load), most first. */
  perAgent: Map<number, number>;
}

/** The open tickets now, in the reader's scope and the filters: one grouped statement, and one per person. */
export async function loadBacklog(deps: Deps, actor: Actor, f: ReportFilter, now: Date): Promise<Backlog> {
  const w = reportWhere(actor, f, "t", "assignee_id");
  const ages = Object.fromEntries(AGE_LIMITS.map((d, i) => [`age${i}`, now.getTime() - d * DAY]));
  const open = "t.status IN ('new', 'open', 'pending', 'escalated')";
  // one pass over the open tickets (the partial index ix_tickets_backlog covers every column
  // named here): per person too, so the load per agent needs no second scan
  const grouped = positional(
    "SELECT t.tier, t.priority, t.status, t.assignee_id, " +
    "CASE WHEN t.stale_since IS NULL THEN 0 ELSE 1 END AS stale, " +
    "CASE WHEN t.created_at > :age0 THEN 0 WHEN t.created_at > :age1 THEN 1 WHEN t.created_at > :age2 THEN 2 WHEN t.created_at > :age3 THEN 3 ELSE 4 END AS age, " +
    `COUNT(*) AS n FROM tickets t WHERE ${open}${w.sql} GROUP BY t.tier, t.priority, t.status, t.assignee_id, 5, 6`, { ...ages, ...w.params });
  const rows = await rawQuery<{ tier: number; priority: number; status: string; assignee_id: number | null; stale: number; age: number; n: number }>(deps.db, grouped.sql, grouped.values);
  const perAgent = new Map<number, number>();
  const tiers = new Map<number, number>(), priorities = new Map<number, number>(), statuses = new Map<string, number>();
  const aging = AGE_BUCKETS.map(() => 0);
  let total = 0, unassigned = 0, pending = 0, stale = 0;
  const add = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    if (r.assignee_id == null) unassigned += n;
    else add(perAgent, Number(r.assignee_id), n);
    if (Number(r.stale)) stale += n;
    if (r.status === "pending") pending += n;
    add(tiers, Number(r.tier), n);
    add(priorities, Number(r.priority), n);
    add(statuses, String(r.status), n);
    aging[Number(r.age)] += n;
  }
  return {
    total, unassigned, pending, stale,
    byTier: [1, 2, 3].map((tier) => ({ tier, count: tiers.get(tier) ?? 0 })),
    byPriority: [1, 2, 3, 4].map((priority) => ({ priority, count: priorities.get(priority) ?? 0 })),
    byStatus: ["new", "open", "pending", "escalated"].map((status) => ({ status, count: statuses.get(status) ?? 0 })),
    aging: AGE_BUCKETS.map((bucket, i) => ({ bucket, count: aging[i] })),
    perAgent,
  };
}
