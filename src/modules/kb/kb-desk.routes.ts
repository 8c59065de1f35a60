import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import type { Translate } from "../../platform/i18n";
import { route } from "../../platform/http/route";
import { AppError, notFound } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import type { Actor } from "../../access/actor";
import { idParam } from "../admin/admin-page";
import { renderTicketPage, ticketIdParam } from "../tickets/ticket-page";
import { loadForAction } from "../tickets/workflow";
import { formatNumber } from "../tickets/ticket.types";
import type { Ticket } from "../tickets/ticket.entity";
import type { TicketAction } from "../../access/policies/ticket.policy";
import { solvingArticle, suggestionsFor } from "./queries/suggestions";
import { INSERT_MODES, replyInsertText, searchWords, ticketKbResults } from "./queries/ticket-panel";
import { recordDeflection } from "./commands/record-deflection";
import { linkArticle, unlinkArticle } from "./commands/link-article";
import { draftFromTicket, draftWords } from "./commands/draft-from-ticket";

const solvedForm = z.object({ q: z.string().catch("").optional() });
const linkForm = z.object({ article: z.coerce.number({ error: "validation.required" }).int().positive("validation.required") });
const insertQuery = z.object({ mode: z.enum(INSERT_MODES, { error: "validation.choice" }) });

/** The article of a ticket URL (/tickets/INC-000012/kb/34/...): malformed, a 404 like a missing one. */
const articleIdParam = (req: Request) => idParam(req, "kb_article_not_found", "articleId");

/**
 * The knowledge base at work: the articles proposed while an employee writes a ticket
 * ("this solved my problem" ends there, no ticket), and the desk's panel on a ticket
 * (search, link, insert into the reply, draft an article from the ticket).
 */
export function kbDeskRoutes(deps: Deps): Router {
  const r = Router();

  // the suggestions beside the new-ticket form, as htmx asks while the employee types
  route(r, "get", "/kb/suggest", "user", async (req, res) => {
    const typed = typeof req.query.q === "string" ? { title: req.query.q } : { title: req.query.title, description: req.query.description };
    const suggestions = await suggestionsFor(deps.db, req.actor!, typed);
    res.set("cache-control", "no-store").render("kb/_suggest", { suggestions });
  });

  route(r, "post", "/kb/articles/:id/solved", "user", async (req, res) => {
    const id = idParam(req, "kb_article_not_found");
    await recordDeflection(deps, req.actor!, id, parse(solvedForm, req.body ?? {}).q ?? "");
    res.redirect(303, `/kb/articles/${id}/solved`);
  });

  route(r, "get", "/kb/articles/:id/solved", "user", async (req, res) => {
    const article = await solvingArticle(deps.db, req.actor!, idParam(req, "kb_article_not_found"));
    res.render("kb/deflected", { title: (res.locals.t as Translate)("kbDesk.solved.title"), article });
  });

  /** The ticket of the URL for this action: 404 when it may not be read (or its prefix is not its type's). */
  const ticketOf = async (req: Request, action: TicketAction) => {
    const { id, prefix } = ticketIdParam(req);
    const t = await loadForAction(deps.db.manager, req.actor!, id, action);
    if (prefix && !formatNumber(t.type, t.id).startsWith(prefix)) throw notFound("ticket_not_found");
    return t;
  };

  // the panel's search, as htmx asks (without JavaScript the ticket page itself takes ?kb=)
  route(r, "get", "/tickets/:number/kb", "staff", async (req, res) => {
    const t = await ticketOf(req, "see_internal");
    const panel = await ticketKbResults(deps, req.actor!, t, searchWords(req.query.kb));
    res.set("cache-control", "no-store").render("kb/_ticket-results", { kb: panel });
  });

  // what "insert link" / "insert content" puts into the public reply, fetched by kb-insert.js
  route(r, "get", "/tickets/:number/kb/:articleId/insert", "staff", async (req, res) => {
    await ticketOf(req, "reply");
    const { mode } = parse(insertQuery, req.query);
    const text = await replyInsertText(deps, req.actor!, articleIdParam(req), mode);
    res.set("cache-control", "no-store").type("text/plain").send(text);
  });

  /**
   * A change from the panel: back to the ticket's panel, or the ticket page with the
   * refusal. The URL's prefix must be the ticket's type, as for the GETs (a REQ number on
   * an incident is a 404, not that incident).
   */
  const act = async (req: Request, res: Response, run: (actor: Actor, ticketId: number) => Promise<string>, key: string) => {
    const { id } = ticketIdParam(req);
    try {
      await ticketOf(req, "read");
      const to = await run(req.actor!, id);
      flash(req, "success", key);
      res.redirect(303, to);
    } catch (err) {
      if (!(err instanceof AppError) || ![403, 409, 422].includes(err.status)) throw err;
      await renderTicketPage(deps, req, res, { status: err.status, form: "kb", error: err, values: req.body ?? {} });
    }
  };
  const back = (t: Ticket) => `/tickets/${formatNumber(t.type, t.id)}#kb`;

  route(r, "post", "/tickets/:number/kb/link", "staff", (req, res) =>
    act(req, res, async (actor, id) => {
      const { ticket } = await linkArticle(deps, actor, id, parse(linkForm, req.body ?? {}).article);
      return back(ticket);
    }, "kbDesk.flash.linked"));

  route(r, "post", "/tickets/:number/kb/:articleId/unlink", "staff", (req, res) =>
    act(req, res, async (actor, id) => {
      const { ticket } = await unlinkArticle(deps, actor, id, articleIdParam(req));
      return back(ticket);
    }, "kbDesk.flash.unlinked"));

  route(r, "post", "/tickets/:number/kb/draft", "staff", (req, res) =>
    act(req, res, async (actor, id) => {
      const a = await draftFromTicket(deps, actor, id, draftWords(res.locals.t as Translate));
      return `/kb/articles/${a.id}/edit`;
    }, "kbDesk.flash.drafted"));

  return r;
}
