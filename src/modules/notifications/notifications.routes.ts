import { Router } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { parse } from "../../platform/http/validate";
import { flash } from "../../platform/http/flash";
import { idParam } from "../admin/admin-page";
import { markAllNoticesRead, markNoticeRead } from "./commands";
import { listNotices, unreadCount } from "./queries";
import { noticeHref, pageLinks, presentBell, presentNotices } from "./notifications.presenter";

const listQuery = z.object({ cursor: z.string().max(200).optional().catch(undefined) });

/** The bell (its count, loaded by htmx after the page) and the person's own list of notices. */
export function notificationRoutes(deps: Deps): Router {
  const r = Router();

  // the navbar never counts: this fragment is asked for after load, then every minute
  route(r, "get", "/notifications/count", "user", async (req, res) => {
    const bell = presentBell(await unreadCount(deps, req.actor!), res.locals.t);
    res.set("Cache-Control", "no-store");
    res.render("notifications/_bell", { bell });
  });

  route(r, "get", "/notifications", "user", async (req, res) => {
    const { cursor } = parse(listQuery, req.query);
    const [page, unread] = await Promise.all([listNotices(deps, req.actor!, { cursor }), unreadCount(deps, req.actor!)]);
    res.render("notifications/index", {
      title: res.locals.t("notifications.title"), notices: presentNotices(page.rows, res.locals.t, res.locals.fmtDate),
      unread: presentBell(unread, res.locals.t).badge, ...pageLinks(cursor, page.nextCursor),
    });
  });

  route(r, "post", "/notifications/read-all", "user", async (req, res) => {
    await markAllNoticesRead(deps, req.actor!);
    flash(req, "success", "notifications.flash.read_all");
    res.redirect(303, "/notifications");
  });

  // opening a notice: read, then on to its ticket
  route(r, "post", "/notifications/:id/read", "user", async (req, res) => {
    const notice = await markNoticeRead(deps, req.actor!, idParam(req));
    res.redirect(303, noticeHref(notice) ?? "/notifications");
  });
  return r;
}
