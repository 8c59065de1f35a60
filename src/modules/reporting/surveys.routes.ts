import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { signedLinkPage } from "../../platform/http/signed-link-page";
import { parse } from "../../platform/http/validate";
import { renderTicketPage, ticketIdParam } from "../tickets/ticket-page";
import { answerSurvey } from "./commands/answer-survey";
import { followUpSurvey } from "./commands/follow-up-survey";
import { surveyByLink, type SurveyLink } from "./queries/survey";
import { selectedScore } from "./surveys.presenter";
import { linkScoreSchema, surveyFormSchema } from "./surveys.schemas";

/** A refusal the person can act on (403, 409, 422): shown on the page they were on, with its status. */
const shownInPage = (err: unknown): err is AppError => err instanceof AppError && [403, 409, 422].includes(err.status);

/**
 * The rating links of the resolution email, for a visitor who may not be signed in (the
 * signed token is the credential), the portal's rating of one's own ticket, and a
 * supervisor's follow-up of a low score on a closed ticket.
 *
 * GET never records anything (mail scanners and link previews open links): it shows the
 * ticket's number and title, the five choices with the link's score selected, and a form
 * whose POST (with the CSRF token the GET put in the visitor's session) records; survey.js
 * sends that form at once when a person has the page in front of them, so their click is a
 * one-click rating.
 */
export function surveyRoutes(deps: Deps): Router {
  const r = Router();
  const link = signedLinkPage("/survey", "surveys/link", (t) => ({
    title: t("surveys.title"), days: deps.config.reports.surveyLinkDays, selected: null, auto: false,
  }));
  const page = (res: Response, l: SurveyLink, view: Record<string, unknown> = {}, status = 200, err?: AppError) =>
    (l.state === "open" ? link.render(res, { link: l, ...view }, status, err) : link.refuse(res, l.state, { link: l, ...view }));

  /** A form of the ticket page: done, a flash and a 303; a refusal the person can act on, the ticket page again with it. */
  async function ticketForm(req: Request, res: Response, form: string, run: () => Promise<{ to: string; flash: [string, Record<string, string>?] }>) {
    let done: Awaited<ReturnType<typeof run>>;
    try {
      done = await run();
    } catch (err) {
      if (!shownInPage(err)) throw err;
      return renderTicketPage(deps, req, res, { status: err.status, form, error: err, values: req.body ?? {} });
    }
    flash(req, "success", ...done.flash);
    res.redirect(303, done.to);
  }

  route(r, "get", "/survey/:token", "public", async (req, res) => {
    const l = await surveyByLink(deps, link.token(req));
    if (l.state !== "open") return page(res, l);
    const { score } = linkScoreSchema.parse(req.query);
    // the one-click: a score chosen in the email, nothing answered yet (survey.js sends it)
    page(res, l, { selected: selectedScore(undefined, score, l.answer), auto: score !== undefined && !l.answer });
  });

  route(r, "post", "/survey/:token", "public", async (req, res) => {
    const l = await surveyByLink(deps, link.token(req));
    if (l.state !== "open") return page(res, l);
    try {
      await answerSurvey(deps, l.requesterId, { id: l.ticket.id }, parse(surveyFormSchema, req.body ?? {}));
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
      const values = req.body ?? {};
      if (err.status === 422) return page(res, l, { values, selected: selectedScore(values.score, undefined, l.answer) }, 422, err);
      // reopened or locked meanwhile: what the page says now, with the refusal's status
      const now = await surveyByLink(deps, link.token(req));
      return page(res, now, { values, selected: selectedScore(values.score, undefined, null) }, 409, err);
    }
    res.redirect(303, link.path(req));
  });

  // the rating widget of the requester's own ticket page; anyone else: 404 (answerSurvey)
  route(r, "post", "/tickets/:number/survey", "user", (req, res) => ticketForm(req, res, "survey", async () => {
    const { number } = await answerSurvey(deps, req.actor!.id, ticketIdParam(req), parse(surveyFormSchema, req.body ?? {}));
    return { to: `/tickets/${number}#survey`, flash: ["surveys.flash.saved"] };
  }));

  // a low score on a closed ticket: a follow-up ticket, the supervisor's reply started there (followUpSurvey: 404/403 to others)
  route(r, "post", "/tickets/:number/survey/follow-up", "user", (req, res) => ticketForm(req, res, "survey-follow-up", async () => {
    const { number, rated } = await followUpSurvey(deps, req.actor!, ticketIdParam(req));
    return { to: `/tickets/${number}?reach_out=${rated}#reply-body`, flash: ["surveys.flash.follow_up", { number }] };
  }));
  return r;
}
