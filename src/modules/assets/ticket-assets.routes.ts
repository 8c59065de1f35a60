import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { renderTicketPage, ticketIdParam } from "../tickets/ticket-page";
import { formatNumber } from "../tickets/ticket.types";
import type { Ticket } from "../tickets/ticket.entity";
import { ticketIdParam as apiTicketId } from "../api/api.lookups";
import { bodyOf, send } from "../api/api.routes";
import { loadRefs } from "../api/api.refs";
import { ticketJson } from "../api/api.presenter";
import { cachedPolicies } from "../sla/policies";
import { linkAsset, unlinkAsset } from "./commands/link-asset";
import { ticketAssetRefs } from "./queries/ticket-assets";

const tag = z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(40, "validation.too_long");
const linkForm = z.object({ tag });
/** The API body is strict, as every body of API v1. */
const linkBody = z.strictObject({ tag });

/** An unknown tag typed in the form is a mistake in that field, not a missing page. */
const asFieldError = (err: unknown) =>
  err instanceof AppError && err.code === "asset_not_found" ? new AppError(422, "asset_not_found", "errors.validation_failed", {}, { tag: "assetTickets.errors.unknown_tag" }) : err;

/**
 * Linking assets to a ticket from the agent's ticket page (mounted before the ticket
 * routes: their `/tickets/:number/:action` would take `/assets` for an action).
 */
export function ticketAssetRoutes(deps: Deps): Router {
  const r = Router();
  const back = (t: Ticket) => `/tickets/${formatNumber(t.type, t.id)}#assets`;
  const act = async (req: Request, res: Response, run: () => Promise<{ ticket: Ticket; asset: { tag: string } }>, key: string, typed: boolean) => {
    try {
      const { ticket, asset } = await run();
      flash(req, "success", key, { tag: asset.tag });
      res.redirect(303, back(ticket));
    } catch (raw) {
      const err = typed ? asFieldError(raw) : raw;
      if (!(err instanceof AppError) || ![403, 409, 422].includes(err.status)) throw err;
      await renderTicketPage(deps, req, res, { status: err.status, form: "asset", error: err, values: req.body ?? {} });
    }
  };

  route(r, "post", "/tickets/:number/assets", "user", (req, res) =>
    act(req, res, () => linkAsset(deps, req.actor!, ticketIdParam(req).id, parse(linkForm, req.body).tag), "assetTickets.flash.linked", true));
  route(r, "post", "/tickets/:number/assets/:tag/unlink", "user", (req, res) =>
    act(req, res, () => unlinkAsset(deps, req.actor!, ticketIdParam(req).id, String(req.params.tag)), "assetTickets.flash.unlinked", false));
  return r;
}

/**
 * API v1: `POST /tickets/{number}/assets { tag }` links, `DELETE /tickets/{number}/assets/{tag}`
 * unlinks; both answer with the ticket and its `assets`. Mounted before the API's
 * `/tickets/:number/:action`.
 */
export function ticketAssetApiRoutes(deps: Deps): Router {
  const r = Router();
  const m = () => deps.db.manager;
  const answer = async (res: Response, t: Ticket) => send(res, 200, {
    ...ticketJson(t, await loadRefs(m(), [t]), { policies: await cachedPolicies(deps.db), now: deps.clock.now() }),
    assets: await ticketAssetRefs(m(), t.id),
  });

  route(r, "post", "/tickets/:number/assets", "user", async (req, res) => {
    const id = await apiTicketId(m(), req.params.number);
    const { ticket } = await linkAsset(deps, req.actor!, id, parse(linkBody, bodyOf(req)).tag);
    await answer(res, ticket);
  });
  route(r, "delete", "/tickets/:number/assets/:tag", "user", async (req, res) => {
    const id = await apiTicketId(m(), req.params.number);
    const { ticket } = await unlinkAsset(deps, req.actor!, id, String(req.params.tag));
    await answer(res, ticket);
  });
  return r;
}
