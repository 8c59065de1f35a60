import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { notFound } from "../../platform/http/errors";
import { parse } from "../../platform/http/validate";
import { createTicketSchema } from "../tickets/ticket.schemas";
import { TICKET_ACTIONS } from "../tickets/ticket.actions";
import { createTicket } from "../tickets/commands/create-ticket";
import { addComment } from "../tickets/commands/add-comment";
import { getTicket } from "../tickets/queries/get-ticket";
import { listTickets } from "../tickets/queries/list-tickets";
import { relatedOf } from "../tickets/queries/links";
import { parseProblemNumber } from "../problems/problem.entity";
import { formatNumber, parseNumber } from "../tickets/ticket.types";
import { commentBody, createBody, listQuery } from "./api.schemas";
import { API_ACTIONS, withApiFields } from "./api.actions";
import { categoryIdByName, ticketIdParam } from "./api.lookups";
import { loadRefs } from "./api.refs";
import { commentJson, historyJson, meJson, ticketJson, watcherJson, type SlaContext } from "./api.presenter";
import { cachedPolicies } from "../sla/policies";
import { ticketAssetRefs } from "../assets";

/** The JSON body as an object; `_csrf` (a browser session may send it in the body) is not a field. */
export function bodyOf(req: Request): unknown {
  const b: unknown = req.body ?? {};
  if (typeof b !== "object" || b === null || Array.isArray(b)) return b;
  const rest: Record<string, unknown> = { ...b };
  delete rest._csrf;
  return rest;
}

/** `?status=&tier=2`: an empty parameter means "no filter", as in a form. */
function queryOf(req: Request): Record<string, unknown> {
  return Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== ""));
}

/** Responses carry personal data: no shared or browser cache keeps them. */
export function send(res: Response, status: number, body: unknown): void {
  res.status(status).set("cache-control", "no-store").json(body);
}

/**
 * JSON API v1 (bearer token, or a browser session with the x-csrf-token header on POST).
 * Thin: validate, translate names to ids, call the same command or query as the pages.
 */
export function apiRoutes(deps: Deps): Router {
  const r = Router();
  const m = () => deps.db.manager;
  const slaCtx = async (): Promise<SlaContext> => ({ policies: await cachedPolicies(deps.db), now: deps.clock.now() });

  route(r, "get", "/me", "user", (req, res) => {
    send(res, 200, meJson(req.actor!));
  });

  route(r, "get", "/tickets", "user", async (req, res) => {
    const page = await listTickets(deps, req.actor!, parse(listQuery, queryOf(req)));
    const refs = await loadRefs(m(), page.tickets);
    const sla = await slaCtx();
    send(res, 200, { items: page.tickets.map((t) => ticketJson(t, refs, sla)), nextCursor: page.nextCursor });
  });

  route(r, "post", "/tickets", "user", async (req, res) => {
    const b = parse(createBody, bodyOf(req));
    const categoryId = await categoryIdByName(m(), b.category);
    const input = parse(createTicketSchema, {
      type: b.type, title: b.title, description: b.description, impact: b.impact, urgency: b.urgency, categoryId, channel: "api", assets: b.assets,
    });
    const t = await withApiFields(createTicket(deps, req.actor!, input));
    send(res, 201, { ...ticketJson(t, await loadRefs(m(), [t]), await slaCtx()), assets: await ticketAssetRefs(m(), t.id) });
  });

  route(r, "get", "/tickets/:number", "user", async (req, res) => {
    const n = parseNumber(String(req.params.number));
    if (!n) throw notFound("ticket_not_found");
    const d = await getTicket(deps, req.actor!, n.id);
    if (n.prefix && !formatNumber(d.ticket.type, n.id).startsWith(n.prefix)) throw notFound("ticket_not_found");
    const refs = await loadRefs(m(), [d.ticket], d.users.keys());
    // a follower reads the public face only (an allow-list): not who asked, nor the history (its actors would say it)
    if (d.watching) return send(res, 200, watcherJson(d.ticket, d.comments.map((c) => commentJson(c, refs))));
    const related = d.seesInternal ? await relatedOf(deps, req.actor!, d.ticket.id) : null;
    send(res, 200, {
      ...ticketJson(d.ticket, refs, await slaCtx()),
      assets: await ticketAssetRefs(m(), d.ticket.id),
      ...(related ? { related: { tickets: related.tickets.map((x) => x.number), problems: related.problems.map((x) => x.number) } } : {}),
      comments: d.comments.map((c) => commentJson(c, refs)),
      history: d.history.map((h) => historyJson(h, refs)),
    });
  });

  /** Remove a related link (POST /tickets/{n}/related adds one): the other side is a ticket or a problem number. */
  route(r, "delete", "/tickets/:number/related/:other", "user", async (req, res) => {
    const id = await ticketIdParam(m(), req.params.number);
    const other = String(req.params.other);
    if (!parseNumber(other) && !parseProblemNumber(other)) throw notFound("link_not_found");
    const t = await TICKET_ACTIONS.unrelate(deps, req.actor!, id, { number: other });
    send(res, 200, ticketJson(t, await loadRefs(m(), [t]), await slaCtx()));
  });

  route(r, "post", "/tickets/:number/comments", "user", async (req, res) => {
    const id = await ticketIdParam(m(), req.params.number);
    const b = parse(commentBody, bodyOf(req));
    const { comment } = await addComment(deps, req.actor!, id, { body: b.body, internal: b.internal ?? false, version: b.version, files: [] });
    send(res, 201, commentJson(comment, await loadRefs(m(), [], [comment.authorId])));
  });

  route(r, "post", "/tickets/:number/:action", "user", async (req, res) => {
    const name = String(req.params.action);
    // own keys only: "constructor" or "toString" are not actions
    if (!Object.hasOwn(API_ACTIONS, name) || !Object.hasOwn(TICKET_ACTIONS, name)) throw notFound();
    const id = await ticketIdParam(m(), req.params.number);
    const pageBody = await API_ACTIONS[name](m(), bodyOf(req), id);
    const t = await withApiFields(TICKET_ACTIONS[name](deps, req.actor!, id, pageBody));
    send(res, 200, ticketJson(t, await loadRefs(m(), [t]), await slaCtx()));
  });

  return r;
}
