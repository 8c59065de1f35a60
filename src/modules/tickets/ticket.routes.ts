import fs from "node:fs";
import { Router, type RequestHandler } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError, notFound } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { storedFiles } from "../../platform/uploads/upload";
import { canTicket } from "../../access/policies/ticket.policy";
import { Ticket } from "./ticket.entity";
import { commentSchema } from "./ticket.schemas";
import { addComment } from "./commands/add-comment";
import { presenceOn } from "./queries/presence";
import { getAttachment } from "./queries/attachment";
import { TICKET_ACTIONS } from "./ticket.actions";
import { renderTicketPage, ticketIdParam } from "./ticket-page";
import { formatNumber } from "./ticket.types";

/** Refusals a person can act on are shown on the ticket page itself, with the right status. */
function shownInPage(err: unknown): err is AppError {
  return err instanceof AppError && [403, 409, 413, 422].includes(err.status);
}

export function ticketRoutes(deps: Deps, upload: RequestHandler): Router {
  const r = Router();
  const back = (t: Ticket) => `/tickets/${formatNumber(t.type, t.id)}`;

  route(r, "get", "/tickets/:number", "user", async (req, res) => {
    await renderTicketPage(deps, req, res);
  });

  route(r, "post", "/tickets/:number/comments", "user", upload, async (req, res) => {
    const { id } = ticketIdParam(req);
    try {
      if (req.uploadError) throw req.uploadError;
      const input = parse(commentSchema, req.body);
      const { ticket, comment } = await addComment(deps, req.actor!, id, { ...input, files: storedFiles(req) });
      flash(req, "success", input.internal ? "flash.note_added" : "flash.reply_sent");
      res.redirect(303, `${back(ticket)}#c${comment.id}`);
    } catch (err) {
      if (!shownInPage(err)) throw err;
      await renderTicketPage(deps, req, res, { status: err.status, form: "comment", error: err, values: req.body });
    }
  });

  route(r, "post", "/tickets/:number/:action", "user", async (req, res) => {
    const name = String(req.params.action);
    if (!Object.hasOwn(TICKET_ACTIONS, name)) throw notFound();
    const action = TICKET_ACTIONS[name];
    const { id } = ticketIdParam(req);
    try {
      const ticket = await action(deps, req.actor!, id, req.body);
      flash(req, "success", `flash.${String(req.params.action)}`);
      // an agent who handed the ticket on may no longer read it: back to their desk then
      res.redirect(303, canTicket(req.actor!, "read", ticket) ? back(ticket) : "/desk");
    } catch (err) {
      if (!shownInPage(err)) throw err;
      await renderTicketPage(deps, req, res, { status: err.status, form: String(req.params.action), error: err, values: req.body });
    }
  });

  // who else has this ticket open (htmx polls it; the page also renders it at load)
  route(r, "get", "/tickets/:number/presence", "staff", async (req, res) => {
    const others = await presenceOn(deps, req.actor!, ticketIdParam(req).id);
    res.set("cache-control", "no-store").render("tickets/_presence", { others });
  });

  route(r, "get", "/tickets/:number/attachments/:attachmentId", "user", async (req, res) => {
    const { attachment: a, file } = await getAttachment(deps, req.actor!, ticketIdParam(req).id, Number(req.params.attachmentId) || 0);
    if (!fs.existsSync(file)) throw notFound("attachment_not_found");
    res.set("x-content-type-options", "nosniff");
    res.set("content-security-policy", "default-src 'none'; sandbox");
    res.attachment(a.filename).type(a.mimeType).sendFile(file);
  });
  return r;
}
