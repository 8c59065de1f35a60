import { Router, type RequestHandler } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { translateFields } from "../../platform/http/error-handler";
import { parse } from "../../platform/http/validate";
import { flash } from "../../platform/http/flash";
import { storedFiles } from "../../platform/uploads/upload";
import { createTicketSchema } from "./ticket.schemas";
import { createTicket } from "./commands/create-ticket";
import { myTickets } from "./queries/my-tickets";
import { followedTickets } from "./queries/links";
import { cachedCategories } from "./queries/categories";
import { formatNumber } from "./ticket.types";
import { isStaff } from "../../access/roles";
import { majorBanner, majorProposal, type Proposal } from "../major";
import { ownAssets } from "../assets";
import { pendingApprovalCount } from "../catalog";
import { suggestionsFor } from "../kb";

/** What a technician may record as the way a ticket came in when logging it for someone. */
const STAFF_CHANNELS = ["phone", "email", "chat", "portal"];

/** The employee portal: report, request, follow. Every signed-in person has it. */
export function portalRoutes(deps: Deps, upload: RequestHandler): Router {
  const r = Router();

  route(r, "get", "/portal", "user", async (req, res) => {
    const [rows, banner, followed, approvals] = await Promise.all([
      myTickets(deps, req.actor!), majorBanner(deps, req.actor!), followedTickets(deps, req.actor!), pendingApprovalCount(deps, req.actor!),
    ]);
    res.render("portal/home", {
      title: res.locals.t("portal.title"),
      // requests of colleagues waiting for this person's decision
      approvals,
      tickets: rows.map((row) => ({ ...row, number: formatNumber(row.type, row.id) })),
      followed,
      banner,
    });
  });

  const renderForm = async (
    res: Parameters<RequestHandler>[1], type: string, status = 200, values: Record<string, unknown> = {}, err?: AppError, proposal: Proposal | null = null,
  ) => {
    const t = res.locals.t;
    res.status(status).render("portal/new", {
      title: t(type === "request" ? "portal.new_request" : "portal.new_incident"),
      type: type === "request" ? "request" : "incident",
      categories: (await cachedCategories(deps.db)).filter((c) => c.active),
      values, errors: translateFields(t, err?.fields) ?? {},
      formError: err ? t(err.messageKey, err.params) : null,
      staff: isStaff(res.locals.actor.role), channels: STAFF_CHANNELS,
      uploads: deps.config.uploads,
      // open major incidents, and "this looks like …" when the title matches one
      banner: await majorBanner(deps, res.locals.actor), proposal,
      // "which device is concerned?": the employee's own equipment, for an incident
      myAssets: type === "request" ? [] : await ownAssets(deps.db.manager, res.locals.actor.id),
      // the articles that may answer what was typed, before anyone sends a ticket
      suggestions: await suggestionsFor(deps.db, res.locals.actor, values),
    });
  };

  route(r, "get", "/portal/new", "user", async (req, res) => {
    // "report a problem with this device" from My equipment: it comes pre-selected
    const asset = typeof req.query.asset === "string" ? { assets: req.query.asset.trim().toUpperCase() } : {};
    await renderForm(res, String(req.query.type ?? "incident"), 200, asset);
  });

  // "search the knowledge base" without JavaScript: the form comes back as typed, with the articles that match
  route(r, "post", "/portal/new", "user", async (req, res) => {
    await renderForm(res, String(req.body?.type ?? "incident"), 200, req.body ?? {});
  });

  route(r, "post", "/tickets", "user", upload, async (req, res) => {
    try {
      if (req.uploadError) throw req.uploadError;
      // the portal never lets a requester set priority, tier or assignee: only these fields are read
      const staff = isStaff(req.actor!.role);
      const body = req.body ?? {};
      const input = parse(createTicketSchema, {
        ...body,
        channel: staff && STAFF_CHANNELS.includes(body.channel) ? body.channel : "portal",
        requester: staff ? body.requester : undefined,
      });
      // nothing is created: the same form comes back (409) proposing to follow the major incident instead
      const proposal = await majorProposal(deps, req.actor!, input, body.createAnyway === "1");
      if (proposal) return await renderForm(res, input.type, 409, body, undefined, proposal);
      const ticket = await createTicket(deps, req.actor!, input, storedFiles(req));
      const number = formatNumber(ticket.type, ticket.id);
      flash(req, "success", "new.created", { number });
      res.redirect(303, `/tickets/${number}`);
    } catch (err) {
      if (!(err instanceof AppError) || ![413, 422].includes(err.status)) throw err;
      await renderForm(res, String(req.body?.type ?? "incident"), err.status, req.body ?? {}, err);
    }
  });
  return r;
}
