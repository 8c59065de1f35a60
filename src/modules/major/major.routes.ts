import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError, notFound } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { parseNumber } from "../tickets/ticket.types";
import { renderTicketPage } from "../tickets/ticket-page";
import { attachChildren, detachChild } from "./commands/attach";
import { followMajor, unfollowMajor } from "./commands/follow";
import { childrenSchema, followSchema } from "./major.schemas";
import { presentPublicPage } from "./major.presenter";
import { getPublicMajor } from "./queries/public-page";
import { incidentNumber, publicPath, refuse } from "./rules";

/** "INC-000123" (or "123") in the path -> 123; a request's number is not a major incident. */
function majorId(req: Request, param = "number"): number {
  const n = parseNumber(String(req.params[param] ?? ""));
  if (!n || n.prefix === "REQ") throw notFound("ticket_not_found");
  return n.id;
}

/** "INC-000123, INC-000124 125" -> ids; anything else is a 422 on the field, naming what was not understood. */
const MAX_AT_ONCE = 100;
function ticketNumbers(text: string): number[] {
  const ids: number[] = [];
  for (const word of text.split(/[\s,;]+/).filter(Boolean)) {
    const n = parseNumber(word);
    if (!n) throw refuse(422, "bad_numbers", { value: word.slice(0, 30) }, "tickets");
    if (n.prefix === "REQ") throw refuse(422, "not_incident", { number: word.toUpperCase() }, "tickets");
    ids.push(n.id);
  }
  if (!ids.length) throw refuse(422, "bad_numbers", { value: text.slice(0, 30) }, "tickets");
  if (ids.length > MAX_AT_ONCE) throw refuse(422, "too_many", { max: MAX_AT_ONCE }, "tickets");
  return ids;
}

/** Refusals a person can act on are shown on the major incident's page itself. */
const shownInPage = (err: unknown): err is AppError => err instanceof AppError && [403, 409, 422].includes(err.status);

/**
 * The public page of a major incident and "I am affected too" (anyone signed in), and
 * the parent's own forms on the ticket page (attach several incidents, detach one).
 * Marking, unmarking and attaching from a child go through TICKET_ACTIONS (major, parent).
 */
export function majorRoutes(deps: Deps): Router {
  const r = Router();

  route(r, "get", "/major/:number", "user", async (req, res) => {
    const page = presentPublicPage(await getPublicMajor(deps, req.actor!, majorId(req)));
    res.render("major/show", { title: page.title, page });
  });

  // "I am affected too" and "I am no longer affected": the same form, the other command
  for (const [path, command, key] of [["follow", followMajor, "major.flash.following"], ["unfollow", unfollowMajor, "major.flash.unfollowed"]] as const) {
    route(r, "post", `/major/:number/${path}`, "user", async (req, res) => {
      const id = majorId(req);
      const { back } = parse(followSchema, req.body ?? {});
      const title = await command(deps, req.actor!, id);
      flash(req, "success", key, { title });
      res.redirect(303, back === "portal" ? "/portal" : publicPath(id));
    });
  }

  const onParentPage = (path: string, form: string, run: (req: Request, id: number) => Promise<{ key: string; params: Record<string, string | number> }>) =>
    route(r, "post", path, "staff", async (req: Request, res: Response) => {
      const id = majorId(req);
      try {
        const done = await run(req, id);
        flash(req, "success", done.key, done.params);
        res.redirect(303, `/tickets/${incidentNumber(id)}#major`);
      } catch (err) {
        if (!shownInPage(err)) throw err;
        await renderTicketPage(deps, req, res, { status: err.status, form, error: err, values: req.body ?? {} });
      }
    });

  onParentPage("/major/:number/children", "children", async (req, id) => {
    const { tickets } = parse(childrenSchema, req.body ?? {});
    const { attached } = await attachChildren(deps, req.actor!, id, ticketNumbers(tickets));
    return { key: "major.flash.attached", params: { count: attached } };
  });

  onParentPage("/major/:number/children/:child/detach", "detach", async (req, id) => {
    const child = await detachChild(deps, req.actor!, id, majorId(req, "child"));
    return { key: "major.flash.detached", params: { number: incidentNumber(child.id) } };
  });
  return r;
}
