import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import type { Locale, Translate } from "../../platform/i18n";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { JOB_RUNNING, runJob } from "../../platform/jobs";
import { jobDefinitions } from "../../jobs";
import { show } from "./admin-page";
import { findJob, HISTORY_RUNS, jobHistory, listJobs } from "./queries/jobs";
import { presentJob, presentJobs, presentRun, runFlash } from "./jobs.presenter";

/** Where "Run now" comes back to: the list, or the job's own page. */
const runSchema = z.object({ back: z.enum(["list", "detail"]).default("list") });

const lang = (req: Request): Locale => req.locale ?? "en";
const tr = (res: Response) => res.locals.t as Translate;

/** The Scheduled jobs pages: every registered job, its schedule, next and last runs, and "Run now". */
export function jobsAdminRoutes(deps: Deps): Router {
  const r = Router();

  route(r, "get", "/admin/jobs", "admin", async (req, res) => {
    const t = tr(res);
    const overview = await listJobs(deps, req.actor!, jobDefinitions());
    show(res, "jobs", { title: t("jobs.title"), ...presentJobs(overview, t, lang(req)) });
  });

  route(r, "get", "/admin/jobs/:name", "admin", async (req, res) => {
    const t = tr(res);
    const history = await jobHistory(deps, req.actor!, jobDefinitions(), String(req.params.name));
    show(res, "job", {
      title: history.job.name, enabled: history.enabled, timezone: history.timezone, limit: HISTORY_RUNS,
      job: presentJob(history.job, history, t, lang(req)), runs: history.runs.map((run) => presentRun(run, history.actors, t, lang(req))),
    });
  });

  route(r, "post", "/admin/jobs/:name/run", "admin", async (req, res) => {
    const def = findJob(req.actor!, jobDefinitions(), String(req.params.name));
    const { back } = parse(runSchema, req.body);
    try {
      const run = await runJob(deps, def, { trigger: "manual", actorId: req.actor!.id });
      const done = runFlash(run, tr(res), lang(req));
      flash(req, done.kind, done.key, done.params);
    } catch (err) {
      if (!(err instanceof AppError && err.code === JOB_RUNNING)) throw err;
      flash(req, "warning", "jobs.running", { name: def.name });
    }
    res.redirect(303, back === "detail" ? `/admin/jobs/${encodeURIComponent(def.name)}` : "/admin/jobs");
  });
  return r;
}
