import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import type { Translate } from "../../platform/i18n";
import { route } from "../../platform/http/route";
import { AppError, notFound } from "../../platform/http/errors";
import { parse } from "../../platform/http/validate";
import { seesAllReports } from "../../access/policies/report.policy";
import { renderForm } from "../admin/admin-page";
import { cachedGroups } from "../users/queries/groups";
import { cachedCategories } from "../tickets/queries/categories";
import { loadDashboard } from "./queries/dashboard";
import { isTableId, reportTables, tableCsv } from "./report-tables";
import { presentDashboard, presentFilters, type FilterValues, type Reader } from "./reports.presenter";
import { reportQuerySchema, separatorSchema, typedFilters } from "./reports.schemas";

/**
 * The dashboard (GET /reports) and the CSV export of each of its tables, with the same
 * filters and the same loadDashboard (so the same scope: an agent's groups and tickets).
 */
export function reportRoutes(deps: Deps): Router {
  const r = Router();

  const readerOf = (req: Request, res: Response): Reader => ({
    t: res.locals.t as Translate, locale: res.locals.locale, timezone: req.actor!.timezone ?? deps.config.defaultTimezone, now: deps.clock.now(),
  });

  /** The page: the figures, or (422) the form alone with the message next to the field and what was typed. */
  const render = async (req: Request, res: Response, values: FilterValues, dashboard: ReturnType<typeof presentDashboard> | null, err?: AppError) => {
    const actor = req.actor!;
    const seesAll = seesAllReports(actor);
    const [groups, categories] = await Promise.all([seesAll ? cachedGroups(deps.db) : actor.groups, cachedCategories(deps.db)]);
    renderForm(res, "reports/dashboard", {
      title: res.locals.t("reports.title"), fluid: true, dashboard,
      filters: presentFilters(values, groups, categories, seesAll, readerOf(req, res)),
    }, err ? err.status : 200, err);
  };

  route(r, "get", "/reports", "reports", async (req, res) => {
    const typed = typedFilters(req.query);
    try {
      const d = await loadDashboard(deps, req.actor!, parse(reportQuerySchema, req.query));
      // the form shows the period shown (the default one too), so the quick periods and the CSV links name it
      const values = { ...typed, from: d.period.from, to: d.period.to };
      await render(req, res, values, presentDashboard(d, values, readerOf(req, res)));
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      await render(req, res, typed, null, err);
    }
  });

  route(r, "get", "/reports/export/:table.csv", "reports", async (req, res) => {
    const id = String(req.params.table);
    if (!isTableId(id)) throw notFound("report_table_not_found");
    const sep = parse(separatorSchema(deps.config.reports.csvSeparator), req.query);
    const d = await loadDashboard(deps, req.actor!, parse(reportQuerySchema, req.query));
    const t = res.locals.t as Translate;
    const table = reportTables(d, t).find((tb) => tb.id === id)!;
    // the name is ours (a known id, checked dates): quoted as the contract writes it, which res.attachment() would not
    res.status(200).set("cache-control", "no-store").set("content-disposition", `attachment; filename="niveau-${id}-${d.period.from}-${d.period.to}.csv"`)
      .type("text/csv; charset=utf-8").send(tableCsv(table, sep, t));
  });

  return r;
}
