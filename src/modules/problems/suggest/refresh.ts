import { IsNull } from "typeorm";
import type { Deps } from "../../../platform/deps";
import type { JobDefinition } from "../../../platform/jobs";
import { withTransaction } from "../../../platform/db/transaction";
import { placeholders, positional, rawQuery } from "../../../platform/db/raw";
import { ProblemSuggestion } from "../problem-suggestion.entity";
import { clusterIncidents, type Cluster, type ClusterIncident } from "./cluster";

export const PROBLEM_SUGGEST_JOB = "problem-suggest";
const BATCH = 2000;
const DAY_MS = 24 * 3600_000;

export interface SuggestCounts {
  /** Incidents of the window read. */
  incidents: number;
  /** Clusters found (after de-duplication). */
  found: number;
  new: number;
  /** Live suggestions refreshed. */
  kept: number;
  /** Found again exactly as stored (kept or still dismissed): not written at all. */
  unchanged: number;
  /** Dismissed suggestions whose cluster is still there, still dismissed. */
  keptDismissed: number;
  /** Dismissed suggestions back because enough new incidents joined. */
  revived: number;
  /** Live suggestions whose cluster is gone (incidents linked, window moved on). */
  removed: number;
  /** Dismissals forgotten: no cluster of that key for a whole window. */
  forgotten: number;
}

/**
 * The incidents a cluster may hold: created within the window, linked to no problem, not
 * merged into another ticket, not resolved as a duplicate, with a category. Read through
 * the partial index of unlinked incidents by created_at (keyset on created_at and id), so
 * the cost follows the window, not the table; the requester's location comes with each row,
 * the tags of the incident's assets with each batch.
 */
export async function windowIncidents(deps: Deps, from: Date, to: Date): Promise<ClusterIncident[]> {
  const out: ClusterIncident[] = [];
  let cursor: [number, number] = [from.getTime(), 0];
  for (;;) {
    const { sql, values } = windowBatch(to, cursor);
    const rows = await rawQuery<{ id: number; category_id: number; created_at: number | string; title: string; location: string | null }>(deps.db, sql, values);
    const tags = await assetTagsOf(deps, rows.map((r) => Number(r.id)));
    for (const r of rows) {
      const id = Number(r.id);
      out.push({ id, categoryId: Number(r.category_id), createdAt: new Date(Number(r.created_at)), title: r.title, location: r.location, assets: tags.get(id) });
    }
    if (rows.length < BATCH) return out;
    const last = rows[rows.length - 1];
    cursor = [Number(last.created_at), Number(last.id)];
  }
}

/**
 * The tags of the assets linked to a batch of incidents: one lookup on the ticket_assets
 * primary key (ticket first) per batch; most incidents have none.
 */
async function assetTagsOf(deps: Deps, ticketIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!ticketIds.length) return out;
  const rows = await rawQuery<{ ticket_id: number; tag: string }>(deps.db,
    `SELECT ta.ticket_id, a.tag FROM ticket_assets ta JOIN assets a ON a.id = ta.asset_id WHERE ta.ticket_id IN (${placeholders(ticketIds.length)})`, ticketIds);
  for (const r of rows) out.set(Number(r.ticket_id), [...(out.get(Number(r.ticket_id)) ?? []), r.tag]);
  return out;
}

/**
 * One batch of the window after the cursor (created_at, id), the first cursor being the
 * window's start and id 0. `created_at >= c0` is the index range each batch starts at (an
 * `a > x OR (a = x AND ...)` form is not a range, and every batch would rescan the window
 * from its start); the OR only sorts out the rows of the cursor's own instant. Both databases.
 */
export function windowBatch(to: Date, cursor: [number, number]): { sql: string; values: unknown[] } {
  // the literals match the partial index's WHERE (a bound parameter would not)
  return positional(
    "SELECT t.id, t.category_id, t.created_at, t.title, u.location FROM tickets t LEFT JOIN users u ON u.id = t.requester_id " +
    "WHERE t.type = 'incident' AND t.problem_id IS NULL AND t.created_at >= :c0 AND t.created_at <= :to " +
    "AND (t.created_at > :c0 OR t.id > :c1) " +
    "AND t.merged_into_id IS NULL AND t.category_id IS NOT NULL AND (t.resolution_code IS NULL OR t.resolution_code <> 'duplicate') " +
    `ORDER BY t.created_at, t.id LIMIT ${BATCH}`,
    { to: to.getTime(), c0: cursor[0], c1: cursor[1] });
}

/** How many of a dismissed suggestion's incidents were reported after the dismissal: `threshold` of them revive it. */
function joinedSince(row: ProblemSuggestion, ids: number[], createdAt: Map<number, Date>): number {
  const since = row.dismissedAt?.getTime() ?? 0;
  return ids.filter((id) => (createdAt.get(id)?.getTime() ?? 0) > since).length;
}

/** The stored content is the cluster's: nothing to write. */
const same = (row: ProblemSuggestion, c: Cluster) => row.value === c.value && row.firstIncidentAt.getTime() === c.firstAt.getTime()
  && row.lastIncidentAt.getTime() === c.lastAt.getTime() && row.ticketIds.length === c.ticketIds.length && row.ticketIds.every((id, k) => id === c.ticketIds[k]);

/**
 * Store the clusters found: a new key is a new suggestion, a known one is refreshed, a live
 * one whose cluster is gone is removed. A dismissal is remembered: the suggestion stays
 * dismissed (refreshed, unseen) until at least `threshold` of its incidents were reported
 * after the dismissal (a new cluster's worth); it is forgotten once no cluster of its key
 * formed for a whole window. Rows a problem was made from are never touched.
 *
 * A row found again unchanged is not written (the SQLite writer is shared with the desk,
 * and most clusters do not change from one hour to the next): refreshed_at is when its
 * content last changed, which the page posts back to "create and link" (a 409 when it
 * moved). A dismissal is then forgotten a window after its cluster last changed — by then
 * a cluster of that key holds new incidents only, enough to revive it anyway.
 */
async function store(deps: Deps, clusters: Cluster[], createdAt: Map<number, Date>, now: Date, windowStart: Date, threshold: number): Promise<Omit<SuggestCounts, "incidents" | "found">> {
  const counts = { new: 0, kept: 0, unchanged: 0, keptDismissed: 0, revived: 0, removed: 0, forgotten: 0 };
  await withTransaction(deps.db, async (tx) => {
    const rows = await tx.find(ProblemSuggestion, { where: { problemId: IsNull() } });
    const byKey = new Map(rows.map((r) => [r.clusterKey, r]));
    for (const c of clusters) {
      const fields = { value: c.value, ticketIds: c.ticketIds, count: c.ticketIds.length, firstIncidentAt: c.firstAt, lastIncidentAt: c.lastAt, refreshedAt: now };
      const row = byKey.get(c.key);
      byKey.delete(c.key);
      if (!row) {
        await tx.insert(ProblemSuggestion, { ...fields, clusterKey: c.key, categoryId: c.categoryId, dimension: c.dimension, createdAt: now, dismissedAt: null, dismissedById: null, problemId: null });
        counts.new++;
        continue;
      }
      let revive = {};
      if (row.dismissedAt) {
        const joined = joinedSince(row, c.ticketIds, createdAt);
        if (joined >= threshold) revive = { dismissedAt: null, dismissedById: null };
        counts[joined >= threshold ? "revived" : "keptDismissed"]++;
      } else counts.kept++;
      if (!Object.keys(revive).length && same(row, c)) {
        counts.unchanged++;
        continue;
      }
      // conditional: a problem made from it meanwhile (another process) wins
      await tx.createQueryBuilder().update(ProblemSuggestion).set({ ...fields, ...revive }).where("id = :id AND problem_id IS NULL", { id: row.id }).execute();
    }
    for (const row of byKey.values()) {
      if (row.dismissedAt && row.refreshedAt >= windowStart) continue;
      const res = await tx.createQueryBuilder().delete().from(ProblemSuggestion)
        .where(`id = :id AND problem_id IS NULL AND ${row.dismissedAt ? "dismissed_at IS NOT NULL" : "dismissed_at IS NULL"}`, { id: row.id }).execute();
      if (res.affected) counts[row.dismissedAt ? "forgotten" : "removed"]++;
    }
  });
  return counts;
}

/**
 * One pass of the job: the window's incidents, their clusters, stored. The clustering reads
 * the stored suggestions first: a cluster that stays dismissed hides no narrower one, and
 * the broad words of the last run stay broad (cluster.ts). Idempotent: a second pass writes nothing.
 */
export async function refreshProblemSuggestions(deps: Deps): Promise<SuggestCounts> {
  const now = deps.clock.now();
  const { suggestThreshold, suggestWindowDays } = deps.config.problems;
  const windowStart = new Date(now.getTime() - suggestWindowDays * DAY_MS);
  const incidents = await windowIncidents(deps, windowStart, now);
  const createdAt = new Map(incidents.map((i) => [i.id, i.createdAt]));
  const previous = new Map((await deps.db.manager.find(ProblemSuggestion, { where: { problemId: IsNull() } })).map((r) => [r.clusterKey, r]));
  const clusters = clusterIncidents(incidents, suggestThreshold, {
    keys: [...previous.keys()],
    dismissed: (key, items) => {
      const row = previous.get(key);
      return row?.dismissedAt ? joinedSince(row, items.map((i) => i.id), createdAt) < suggestThreshold : false;
    },
  });
  const stored = await store(deps, clusters, createdAt, now, windowStart, suggestThreshold);
  return { incidents: incidents.length, found: clusters.length, ...stored };
}

export function problemSuggestJob(): JobDefinition {
  return {
    name: PROBLEM_SUGGEST_JOB,
    defaultSchedule: "17 * * * *",
    run: async ({ deps }) => ({ counts: { ...(await refreshProblemSuggestions(deps)) } }),
  };
}
