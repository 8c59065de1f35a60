import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import type { Translate } from "../../platform/i18n";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { renderForm } from "../admin/admin-page";
import { renderTicketPage, ticketIdParam } from "../tickets/ticket-page";
import { answerSurvey } from "./commands/answer-survey";
import { surveyByLink, type SurveyLink } from "./queries/survey";
import { selectedScore } from "./surveys.presenter";
import { linkScoreSchema, surveyFormSchema } from "./surveys.schemas";

type Refusal = Exclude<SurveyLink["state"], "open">;
const STATUS: Record<Refusal, number> = { invalid: 404, expired: 410, not_open: 409 };

/**
 * The rating links of the resolution email, for a visitor who may not be signed in (the
 * signed token is the credential), and the portal's rating of one's own ticket.
 *
 * GET never records anything (mail scanners and link previews open links): it shows the
 * ticket's number and title, the five choices with the link's score selected, and a form
 * whose POST (with the CSRF token the GET put in the visitor's session) records; survey.js
 * sends that form at once in a browser, so a person's click is a one-click rating.
 */
export function surveyRoutes(deps: Deps): Router {
  const r = Router();
  const token = (req: Request) => String(req.params.token ?? "");
  const linkPath = (req: Request) => `/survey/${encodeURIComponent(token(req))}`;

  const page = (res: Response, link: SurveyLink, view: Record<string, unknown> = {}, status = 200, err?: AppError) => {
    // the token is a credential: kept out of caches
    res.set("cache-control", "no-store");
    const refusal: Refusal | null = link.state === "open" ? null : link.state;
    renderForm(res, "surveys/link", {
      title: (res.locals.t as Translate)("surveys.title"), refusal, link, postTo: linkPath(res.req),
      days: deps.config.reports.surveyLinkDays, values: {}, selected: null, auto: false, ...view,
    }, refusal ? STATUS[refusal] : status, err);
  };

  route(r, "get", "/survey/:token", "public", async (req, res) => {
    const link = await surveyByLink(deps, token(req));
    if (link.state !== "open") return page(res, link);
    const { score } = linkScoreSchema.parse(req.query);
    // the one-click: a score chosen in the email, nothing answered yet (survey.js sends it)
    page(res, link, { selected: selectedScore(undefined, score, link.answer), auto: score !== undefined && !link.answer });
  });

  route(r, "post", "/survey/:token", "public", async (req, res) => {
    const link = await surveyByLink(deps, token(req));
    if (link.state !== "open") return page(res, link);
    try {
      await answerSurvey(deps, link.requesterId, { id: link.ticket.id }, parse(surveyFormSchema, req.body ?? {}));
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
      const values = req.body ?? {};
      if (err.status === 422) return page(res, link, { values, selected: selectedScore(values.score, undefined, link.answer) }, 422, err);
      // reopened or locked meanwhile: what the page says now, with the refusal's status
      const now = await surveyByLink(deps, token(req));
      return page(res, now, { values, selected: selectedScore(values.score, undefined, null) }, 409, err);
    }
    res.redirect(303, linkPath(req));
  });

  // the rating widget of the requester's own ticket page; anyone else: 404 (answerSurvey)
  route(r, "post", "/tickets/:number/survey", "user", async (req, res) => {
    let number: string;
    try {
      ({ number } = await answerSurvey(deps, req.actor!.id, ticketIdParam(req), parse(surveyFormSchema, req.body ?? {})));
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
      return renderTicketPage(deps, req, res, { status: err.status, form: "survey", error: err, values: req.body ?? {} });
    }
    flash(req, "success", "surveys.flash.saved");
    res.redirect(303, `/tickets/${number}#survey`);
  });
  return r;
}
