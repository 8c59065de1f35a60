import { Router } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { parse } from "../../platform/http/validate";
import { send } from "../api/api.routes";
import { loadDashboard } from "./queries/dashboard";
import { kpisOf } from "./kpis";

/** A whole number from 1 to `max`; `message` names the mistake (an id: invalid; a tier: not one of the choices). */
const whole = (max: number, message: string) =>
  z.coerce.number({ error: message }).int(message).min(1, message).max(max, message);

/**
 * `?from=&to=&group=&tier=`, the contract's keys and no others: a client asking for a
 * filter the API does not have (`category`, a typo such as `grup`) is told rather than
 * given the unfiltered figures as if they were filtered. The dates are checked by
 * periodOf, which gives their own codes (report_period_invalid, report_period_too_long).
 */
const kpiQuery = z.strictObject({
  from: z.string({ error: "validation.invalid" }).optional(),
  to: z.string({ error: "validation.invalid" }).optional(),
  // an id is what an INTEGER column holds: PostgreSQL is never asked for more
  group: whole(2_147_483_647, "validation.invalid").optional(),
  tier: whole(3, "validation.choice").optional(),
});

/**
 * Reports in JSON API v1: the dashboard's headline figures, from the same query as the
 * page (so scoped the same way: an agent their groups' and their own tickets), each with
 * its unit and its definition in the caller's language.
 */
export function reportApiRoutes(deps: Deps): Router {
  const r = Router();

  route(r, "get", "/reports/kpis", "reports", async (req, res) => {
    // an empty parameter means "no filter", as in a form
    const q = parse(kpiQuery, Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== "")));
    const d = await loadDashboard(deps, req.actor!, { from: q.from, to: q.to, groupId: q.group ?? null, tier: q.tier ?? null, categoryId: null });
    send(res, 200, {
      period: { from: d.period.from, to: d.period.to, timezone: d.period.timezone },
      asOf: d.asOf?.toISOString() ?? null,
      kpis: kpisOf(d, req.locale ?? deps.config.defaultLocale),
    });
  });
  return r;
}
