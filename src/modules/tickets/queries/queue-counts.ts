import type { Actor } from "../../../access/actor";
import { visibleQueues } from "../../../access/policies/queue.policy";
import type { Deps } from "../../../platform/deps";
import { Ticket } from "../ticket.entity";
import { OPEN_SQL, RECENT_MS } from "./queue";

export type ViewCounts = Record<"unassigned" | "mine" | "open" | "pending" | "escalated" | "resolved", number>;

const empty = (): ViewCounts => ({ unassigned: 0, mine: 0, open: 0, pending: 0, escalated: 0, resolved: 0 });

/**
 * Counts for every view of every queue the actor sees, in two grouped queries (the
 * open ones come from the partial queue index alone).
 */
export async function queueCounts(deps: Deps, actor: Actor): Promise<Record<number, ViewCounts>> {
  const tiers = visibleQueues(actor);
  const out: Record<number, ViewCounts> = {};
  for (const t of tiers) out[t] = empty();
  if (!tiers.length) return out;
  const repo = deps.db.getRepository(Ticket);
  const open = await repo.createQueryBuilder("t")
    .select("t.tier", "tier").addSelect("t.status", "status")
    .addSelect("CASE WHEN t.assignee_id IS NULL THEN 0 WHEN t.assignee_id = :me THEN 1 ELSE 2 END", "who")
    .addSelect("COUNT(*)", "n")
    .where(OPEN_SQL).andWhere("t.tier IN (:...tiers)", { tiers, me: actor.id })
    .groupBy("t.tier").addGroupBy("t.status").addGroupBy("who")
    .getRawMany<{ tier: number; status: string; who: number; n: number }>();
  for (const r of open) {
    const c = out[Number(r.tier)];
    const n = Number(r.n);
    c.open += n;
    if (Number(r.who) === 0) c.unassigned += n;
    if (Number(r.who) === 1) c.mine += n;
    if (r.status === "pending") c.pending += n;
    if (r.status === "escalated") c.escalated += n;
  }
  const resolved = await repo.createQueryBuilder("t")
    .select("t.tier", "tier").addSelect("COUNT(*)", "n")
    .where("t.status IN ('resolved', 'closed') AND t.resolved_at >= :since", { since: deps.clock.now().getTime() - RECENT_MS })
    .andWhere("t.tier IN (:...tiers)", { tiers })
    .groupBy("t.tier")
    .getRawMany<{ tier: number; n: number }>();
  for (const r of resolved) out[Number(r.tier)].resolved = Number(r.n);
  return out;
}
