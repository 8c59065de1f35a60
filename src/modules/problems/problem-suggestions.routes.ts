import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import type { Translate } from "../../platform/i18n";
import { canProblem } from "../../access/policies/problem.policy";
import { renderForm } from "../admin/admin-page";
import { cachedCategories } from "../tickets/queries/categories";
import { createProblemFromSuggestion, dismissSuggestion, suggestionGone, type SuggestionWords } from "./commands/suggestion-commands";
import { listSuggestions } from "./queries/suggestions";
import { presentSuggestions } from "./problems.presenter";
import { suggestionCreateSchema, suggestionPageSchema } from "./problems.schemas";
import { formatProblemNumber } from "./problem.entity";
import { problemReaders } from "./problem-readers";

function suggestionId(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw suggestionGone();
  return id;
}

/** The proposed problem, worded in the language of the person who creates it. */
const wording = (t: Translate, fmtDate: (d: Date) => string) => (w: SuggestionWords) => {
  const shared = t(`problems.suggested.shared.${w.dimension}`, { value: w.value });
  return {
    title: t("problems.suggested.proposed_title", { category: w.category, shared }),
    description: t("problems.suggested.proposed_description", { count: w.count, category: w.category, shared, from: fmtDate(w.firstAt), to: fmtDate(w.lastAt) }),
  };
};

/**
 * Suggested problems: the clusters of unlinked incidents the problem-suggest job found,
 * with "create the problem and link these" and "dismiss" for the specialists.
 */
export function problemSuggestionRoutes(deps: Deps): Router {
  const r = Router();

  const render = async (req: Request, res: Response, status = 200, err?: AppError) => {
    const { after } = parse(suggestionPageSchema, req.query);
    const [page, categories] = await Promise.all([listSuggestions(deps, req.actor!, after), cachedCategories(deps.db)]);
    const shown = presentSuggestions(page, categories, req.actor!);
    renderForm(res, "problems/suggested", {
      title: res.locals.t("problems.suggested.title"), ...shown,
      nextUrl: shown.next ? `/problems/suggested?after=${shown.next.count}.${shown.next.id}` : null, firstUrl: after ? "/problems/suggested" : null,
      canCreate: canProblem(req.actor!, "create"), windowDays: deps.config.problems.suggestWindowDays, threshold: deps.config.problems.suggestThreshold,
    }, status, err);
  };

  route(r, "get", "/problems/suggested", "user", problemReaders, (req, res) => render(req, res));

  /**
   * A stale page (used, dismissed or changed meanwhile: 409; gone: 404 suggestion_not_found)
   * re-renders the list with the reason; other refusals go to the error handler.
   */
  const act = (path: string, run: (req: Request, res: Response, id: number) => Promise<void>) =>
    route(r, "post", path, "user", problemReaders, async (req, res) => {
      try {
        await run(req, res, suggestionId(req));
      } catch (err) {
        if (!(err instanceof AppError) || (err.status !== 409 && err.code !== "suggestion_not_found")) throw err;
        await render(req, res, err.status, err);
      }
    });

  act("/problems/suggested/:id/create", async (req, res, id) => {
    const { problem, linked, skipped } = await createProblemFromSuggestion(deps, req.actor!, id, parse(suggestionCreateSchema, req.body).seen, wording(res.locals.t as Translate, res.locals.fmtDate));
    const number = formatProblemNumber(problem.id);
    flash(req, "success", skipped.length ? "problems.flash.suggestion_created_skipped" : "problems.flash.suggestion_created",
      { number, count: linked.length, skipped: skipped.join(", ") });
    res.redirect(303, `/problems/${number}`);
  });

  act("/problems/suggested/:id/dismiss", async (req, res, id) => {
    await dismissSuggestion(deps, req.actor!, id);
    flash(req, "success", "problems.flash.suggestion_dismissed");
    res.redirect(303, "/problems/suggested");
  });
  return r;
}
