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
  const grouped = positional(
    "SELECT t.tier, t.priority, t.status, CASE WHEN t.assignee_id IS NULL THEN 1 ELSE 0 END AS unassigned, " +
    "CASE WHEN t.stale_since IS NULL THEN 0 ELSE 1 END AS stale, " +
    "CASE WHEN t.created_at > :age0 THEN 0 WHEN t.created_at > :age1 THEN 1 WHEN t.created_at > :age2 THEN 2 WHEN t.created_at > :age3 THEN 3 ELSE 4 END AS age, " +
    `COUNT(*) AS n FROM tickets t WHERE ${open}${w.sql} GROUP BY t.tier, t.priority, t.status, 4, 5, 6`, { ...ages, ...w.params });
  const people = positional(`SELECT t.assignee_id, COUNT(*) AS n FROM tickets t WHERE ${open} AND t.assignee_id IS NOT NULL${w.sql} GROUP BY t.assignee_id`, w.params);
  const [rows, perAgent] = await Promise.all([
    rawQuery<{ tier: number; priority: number; status: string; unassigned: number; stale: number; age: number; n: number }>(deps.db, grouped.sql, grouped.values),
    rawQuery<{ assignee_id: number; n: number }>(deps.db, people.sql, people.values),
  ]);
  const tiers = new Map<number, number>(), priorities = new Map<number, number>(), statuses = new Map<string, number>();
  const aging = AGE_BUCKETS.map(() => 0);
  let total = 0, unassigned = 0, pending = 0, stale = 0;
  const add = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    if (Number(r.unassigned)) unassigned += n;
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
    perAgent: new Map(perAgent.map((r) => [Number(r.assignee_id), Number(r.n)])),
  };
}
