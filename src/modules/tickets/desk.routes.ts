import { Router } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { forbidden } from "../../platform/http/errors";
import { parse } from "../../platform/http/validate";
import { authorizeQueue, visibleQueues } from "../../access/policies/queue.policy";
import { cachedGroups, cachedTierMembers } from "../users/queries/groups";
import { queueFilterSchema } from "./ticket.schemas";
import { listQueue } from "./queries/queue";
import { queueCounts } from "./queries/queue-counts";
import { cachedPolicies } from "../sla/policies";
import { slaBadge } from "../sla/badge";
import { cachedCategories } from "./queries/categories";
import { formatNumber } from "./ticket.types";

const VIEWS = ["unassigned", "mine", "open", "pending", "escalated", "stale", "resolved"] as const;

/** The technician's desk: the N1/N2/N3 queues with their views, filters and counts. */
export function deskRoutes(deps: Deps): Router {
  const r = Router();

  route(r, "get", "/desk", "staff", (req, res) => {
    const tiers = visibleQueues(req.actor!);
    if (!tiers.length) throw forbidden("queue_forbidden", "errors.no_queue");
    res.redirect(303, `/desk/queues/${tiers[0]}`);
  });

  route(r, "get", "/desk/queues/:tier", "staff", async (req, res) => {
    const tier = Number(req.params.tier);
    authorizeQueue(req.actor!, tier);
    const filter = parse(queueFilterSchema, req.query);
    const [page, counts, categories, groups, assignees, policies] = await Promise.all([
      listQueue(deps, req.actor!, tier, filter),
      queueCounts(deps, req.actor!),
      cachedCategories(deps.db),
      cachedGroups(deps.db).then((gs) => gs.filter((g) => g.tier === tier)),
      cachedTierMembers(deps.db, tier),
      cachedPolicies(deps.db),
    ]);
    const now = deps.clock.now();
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null && v !== "" && k !== "cursor") query.set(k, String(v));
    const nextUrl = page.nextCursor ? `/desk/queues/${tier}?${query.toString()}&cursor=${encodeURIComponent(page.nextCursor)}` : null;
    res.render("desk/queue", {
      title: res.locals.t("desk.queue_title", { tier }),
      tier, filter, views: VIEWS, counts, tiers: visibleQueues(req.actor!),
      rows: page.rows.map((row) => ({
        ...row, number: formatNumber(row.type, row.id), parentNumber: row.parentId ? formatNumber("incident", row.parentId) : null, slaBadge: slaBadge(row.sla, policies, now),
      })),
      nextUrl, firstUrl: filter.cursor ? `/desk/queues/${tier}?${query.toString()}` : null,
      categories, groups, assignees,
    });
  });
  return r;
}
