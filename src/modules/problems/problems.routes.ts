import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError, notFound } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { authorizeProblem, canProblem } from "../../access/policies/problem.policy";
import { renderForm } from "../admin/admin-page";
import { cachedCategories } from "../tickets/queries/categories";
import { relatedTicketsOfProblem } from "../tickets/queries/links";
import { cachedGroups } from "../users/queries/groups";
import { ticketIdParam } from "../api/api.lookups";
import { createProblem, linkIncident, publishWorkaround, resolveProblem, unlinkIncident } from "./commands/problem-commands";
import { changeProblemStatus, updateProblem } from "./commands/update-problem";
import { getProblem, listProblems, PROBLEMS_PER_PAGE, workaroundAudience } from "./queries/problems";
import { eligibleOwners } from "./queries/owners";
import { formatProblemNumber, OPEN_PROBLEM_STATUSES, parseProblemNumber, PROBLEM_STATUSES, type Problem } from "./problem.entity";
import { canMove, statusActions } from "./problem-states";
import { presentKnownError, presentProblemTimeline } from "./problems.presenter";
import { problemSuggestionRoutes } from "./problem-suggestions.routes";
import { knownErrorArticleOf, knownErrorFormSchema, publishKnownError } from "../kb";
import { problemReaders } from "./problem-readers";
import { linkFormSchema, problemEditSchema, problemFormSchema, problemListSchema, resolveFormSchema, statusFormSchema, workaroundFormSchema } from "./problems.schemas";

/** The edit form as the problem is now. */
const editValues = (p: Problem) => ({
  title: p.title, description: p.description, categoryId: p.categoryId ?? "", affected: p.affected ?? "", priority: p.priority,
  groupId: p.groupId ?? "", ownerId: p.ownerId ?? "", symptoms: p.symptoms ?? "", rootCause: p.rootCause ?? "", impact: p.impact ?? "",
  permanentFix: p.permanentFix ?? "", version: p.version,
});

function problemId(req: Request): number {
  const id = parseProblemNumber(String(req.params.number ?? ""));
  if (!id) throw notFound("problem_not_found");
  return id;
}

/** The agents' Problems area: the list (and the known errors), a new problem, a problem's page and its actions. */
export function problemRoutes(deps: Deps): Router {
  const r = Router();
  const view = (res: Response, name: string, data: Record<string, unknown>, status = 200, err?: AppError, form?: string) =>
    renderForm(res, `problems/${name}`, { ...data, form: form ?? null }, status, err);

  // before /problems/:number
  r.use(problemSuggestionRoutes(deps));

  route(r, "get", "/problems", "user", problemReaders, async (req, res) => {
    const f = parse(problemListSchema, req.query);
    const [rows, categories, owners] = await Promise.all([listProblems(deps, req.actor!, f), cachedCategories(deps.db), eligibleOwners(deps.db.manager)]);
    // keyset pages: the same filters, before the last id shown
    const pageUrl = (before?: number) => `/problems?${new URLSearchParams(Object.entries({ ...f, before }).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)]))}`;
    view(res, "list", {
      title: res.locals.t(f.status === "known_error" ? "problems.known_errors" : "problems.title"), filter: f, statuses: PROBLEM_STATUSES, categories, owners,
      rows: rows.map((p) => ({
        ...p, number: formatProblemNumber(p.id), category: categories.find((c) => c.id === p.categoryId)?.name ?? null,
        owner: owners.find((o) => o.id === p.ownerId)?.displayName ?? null,
      })),
      canCreate: canProblem(req.actor!, "create"), linkFor: f.for?.toUpperCase() ?? null,
      nextUrl: rows.length === PROBLEMS_PER_PAGE ? pageUrl(rows[rows.length - 1].id) : null, firstUrl: f.before ? pageUrl() : null,
    });
  });

  const renderNew = async (_req: Request, res: Response, values: Record<string, unknown>, status?: number, err?: AppError) =>
    view(res, "new", { title: res.locals.t("problems.new"), values, categories: await cachedCategories(deps.db) }, status, err);
  route(r, "get", "/problems/new", "user", problemReaders, async (req, res) => {
    authorizeProblem(req.actor!, "create");
    await renderNew(req, res, { priority: "3" });
  });
  route(r, "post", "/problems", "user", problemReaders, async (req, res) => {
    try {
      const input = parse(problemFormSchema, req.body);
      const p = await createProblem(deps, req.actor!, input);
      flash(req, "success", "problems.flash.created", { number: formatProblemNumber(p.id) });
      res.redirect(303, `/problems/${formatProblemNumber(p.id)}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      await renderNew(req, res, req.body ?? {}, 422, err);
    }
  });

  /** A new problem from an incident: its title and category, and the incident linked. */
  route(r, "post", "/problems/from/:number", "user", problemReaders, async (req, res) => {
    const p = await createProblem(deps, req.actor!, { fromIncidentId: await ticketIdParam(deps.db.manager, req.params.number) });
    flash(req, "success", "problems.flash.created", { number: formatProblemNumber(p.id) });
    res.redirect(303, `/problems/${formatProblemNumber(p.id)}`);
  });

  const renderProblem = async (req: Request, res: Response, status?: number, err?: AppError, form?: string, preview?: { text: string; incidents: number; people: number }) => {
    const d = await getProblem(deps, req.actor!, problemId(req));
    const categories = await cachedCategories(deps.db);
    const p = d.problem;
    const canEdit = canProblem(req.actor!, "edit", p);
    const open = OPEN_PROBLEM_STATUSES.includes(p.status);
    const [groups, owners] = canEdit && canMove("edit", p.status) ? [(await cachedGroups(deps.db)).filter((g) => g.tier >= 2), await eligibleOwners(deps.db.manager)] : [[], []];
    view(res, "detail", {
      related: await relatedTicketsOfProblem(deps, req.actor!, p.id),
      title: `${formatProblemNumber(p.id)} · ${p.title}`, p, number: formatProblemNumber(p.id), incidents: d.incidents, spread: d.spread,
      firstStarted: d.firstStarted, history: d.history, category: categories.find((c) => c.id === p.categoryId)?.name ?? null,
      open, values: req.method === "POST" ? req.body ?? {} : {},
      can: { edit: canEdit, link: canProblem(req.actor!, "link_known_error", p), unlink: canProblem(req.actor!, "link", p), editRecord: canEdit && canMove("edit", p.status) },
      owner: p.ownerId ? d.people.get(p.ownerId) ?? null : null, group: d.group, timeline: presentProblemTimeline(d.history, d.people, res.locals.t),
      statusActions: canEdit ? statusActions(p.status) : [], categories, groups, owners,
      edit: form === "edit" ? { ...editValues(p), ...(req.body ?? {}) } : editValues(p), preview: preview ?? null,
      knownError: presentKnownError(await knownErrorArticleOf(deps.db, req.actor!, p.id), canEdit && open && !!p.workaround),
    }, status, err, form);
  };
  route(r, "get", "/problems/:number", "user", problemReaders, (req, res) => renderProblem(req, res));

  /** A form on the problem page: the command, then a flash and a 303; a refusal re-renders the page with the form's error. */
  const act = (path: string, form: string, run: (req: Request, id: number, res: Response) => Promise<{ key: string; params?: Record<string, string | number>; to?: string } | null>) =>
    route(r, "post", path, "user", problemReaders, async (req, res) => {
      const id = problemId(req);
      try {
        const done = await run(req, id, res);
        // null: the step answered itself (a preview)
        if (!done) return;
        flash(req, "success", done.key, done.params);
        res.redirect(303, done.to ?? `/problems/${formatProblemNumber(id)}`);
      } catch (err) {
        if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
        await renderProblem(req, res, err.status, err, form);
      }
    });
  act("/problems/:number/incidents", "link", async (req, id) => {
    const { ticket, back } = parse(linkFormSchema, req.body);
    const ticketId = await ticketIdParam(deps.db.manager, ticket).catch(() => {
      throw new AppError(422, "validation_failed", "errors.validation_failed", {}, { ticket: "problems.errors.no_such_incident" });
    });
    await linkIncident(deps, req.actor!, id, ticketId);
    // linked from the incident's page (a known error found by N1): back to the incident
    return { key: "problems.flash.linked", params: { ticket: ticket.toUpperCase() }, to: back ? `/tickets/${ticket.toUpperCase()}` : undefined };
  });
  act("/problems/:number/incidents/:ticket/unlink", "unlink", async (req, id) => {
    await unlinkIncident(deps, req.actor!, id, await ticketIdParam(deps.db.manager, req.params.ticket));
    return { key: "problems.flash.unlinked", params: { ticket: String(req.params.ticket) } };
  });
  act("/problems/:number/workaround", "workaround", async (req, id, res) => {
    const input = parse(workaroundFormSchema, req.body);
    if (input.preview) {
      // the page again, the form as typed, with what the requesters would read and how many
      await renderProblem(req, res, 200, undefined, "workaround", { text: input.text, ...(await workaroundAudience(deps, req.actor!, id)) });
      return null;
    }
    const { incidents } = await publishWorkaround(deps, req.actor!, id, input);
    return { key: "problems.flash.workaround", params: { count: incidents } };
  });
  /** The workaround as the problem's known-error article: published the first time, a new revision afterwards. */
  act("/problems/:number/known-error-article", "knownError", async (req, id) => {
    const { created } = await publishKnownError(deps, req.actor!, id, parse(knownErrorFormSchema, req.body).audience);
    return { key: created ? "kbProblems.flash.created" : "kbProblems.flash.updated" };
  });
  act("/problems/:number/resolve", "resolve", async (req, id) => {
    const { incidents } = await resolveProblem(deps, req.actor!, id, parse(resolveFormSchema, req.body));
    return { key: "problems.flash.resolved", params: { count: incidents } };
  });
  act("/problems/:number/edit", "edit", async (req, id) => {
    authorizeProblem(req.actor!, "edit");
    await updateProblem(deps, req.actor!, id, parse(problemEditSchema, req.body));
    return { key: "problems.flash.updated" };
  });
  act("/problems/:number/status", "status", async (req, id) => {
    authorizeProblem(req.actor!, "edit");
    const p = await changeProblemStatus(deps, req.actor!, id, parse(statusFormSchema, req.body));
    return { key: `problems.flash.status.${p.status}` };
  });
  return r;
}
