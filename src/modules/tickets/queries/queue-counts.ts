import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { visibleQueues } from "../../../access/policies/queue.policy";
import type { Deps } from "../../../platform/deps";
import { cacheFor, type TtlCache } from "../../../platform/cache";
import { Ticket } from "../ticket.entity";
import { OPEN_SQL, RECENT_MS } from "./queue";

export type ViewCounts = Record<"unassigned" | "mine" | "open" | "pending" | "escalated" | "stale" | "resolved", number>;

interface Aggregate {
  open: { tier: number; status: string; assigneeId: number | null; n: number }[];
  resolved: { tier: number; n: number }[];
  stale: { tier: number; n: number }[];
}

/**
 * Counts may lag a change made by another app process by this much; a change made in
 * this process clears them at once (see invalidateQueueCounts).
 */
const COUNTS_TTL_MS = 2000;
const caches = new WeakMap<DataSource, TtlCache<Aggregate>>();

export function invalidateQueueCounts(db: DataSource): void {
  caches.get(db)?.clear();
}

/**
 * Open tickets grouped by tier, status and assignee (from the partial count index
 * alone), and the recently resolved per tier: one aggregate for everybody, from which
 * each person's "mine" is read.
 */
async function aggregate(deps: Deps): Promise<Aggregate> {
  const repo = deps.db.getRepository(Ticket);
  const open = await repo.createQueryBuilder("t")
    .select("t.tier", "tier").addSelect("t.status", "status").addSelect("t.assignee_id", "assignee_id").addSelect("COUNT(*)", "n")
    .where(OPEN_SQL)
    .groupBy("t.tier").addGroupBy("t.status").addGroupBy("t.assignee_id")
    .getRawMany<{ tier: number; status: string; assignee_id: number | null; n: number }>();
  // "+t.tier" keeps SQLite from grouping through the queue index (a scan of every
  // resolved ticket, ~0.2 s at 100k): it reads the week's range of the partial index instead
  const resolved = await repo.createQueryBuilder("t")
    .select("+t.tier", "tier").addSelect("COUNT(*)", "n")
    .where("t.status IN ('resolved', 'closed') AND t.resolved_at >= :since", { since: deps.clock.now().getTime() - RECENT_MS })
    .groupBy("+t.tier")
    .getRawMany<{ tier: number; n: number }>();
  // the stale ones, from their own partial index (only the watch job sets stale_since)
  const stale = await repo.createQueryBuilder("t")
    .select("t.tier", "tier").addSelect("COUNT(*)", "n")
    .where("t.stale_since IS NOT NULL").andWhere(OPEN_SQL)
    .groupBy("t.tier")
    .getRawMany<{ tier: number; n: number }>();
  return {
    stale: stale.map((r) => ({ tier: Number(r.tier), n: Number(r.n) })),
    open: open.map((r) => ({ tier: Number(r.tier), status: r.status, assigneeId: r.assignee_id == null ? null : Number(r.assignee_id), n: Number(r.n) })),
    resolved: resolved.map((r) => ({ tier: Number(r.tier), n: Number(r.n) })),
  };
}

const empty = (): ViewCounts => ({ unassigned: 0, mine: 0, open: 0, pending: 0, escalated: 0, stale: 0, resolved: 0 });

/** Counts for every view of every queue the actor sees. */
export async function queueCounts(deps: Deps, actor: Actor): Promise<Record<number, ViewCounts>> {
  const out: Record<number, ViewCounts> = {};
  for (const t of visibleQueues(actor)) out[t] = empty();
  const agg = await cacheFor(caches, deps.db, COUNTS_TTL_MS).get("all", () => aggregate(deps));
  for (const r of agg.open) {
    const c = out[r.tier];
    if (!c) continue;
    c.open += r.n;
    if (r.assigneeId === null) c.unassigned += r.n;
    if (r.assigneeId === actor.id) c.mine += r.n;
    if (r.status === "pending") c.pending += r.n;
    if (r.status === "escalated") c.escalated += r.n;
  }
  for (const r of agg.resolved) if (out[r.tier]) out[r.tier].resolved = r.n;
  for (const r of agg.stale) if (out[r.tier]) out[r.tier].stale = r.n;
  return out;
}
