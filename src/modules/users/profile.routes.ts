import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { parse } from "../../platform/http/validate";
import { flash } from "../../platform/http/flash";
import { AppError } from "../../platform/http/errors";
import { translateFields } from "../../platform/http/error-handler";
import { LOCALE_COOKIE } from "../../platform/i18n";
import { createApiToken, listApiTokens, revokeApiToken } from "./commands/api-tokens";
import { setLocale } from "./commands/set-locale";
import { notificationPreferences } from "../notifications/queries";
import { saveNotificationPreferences } from "../notifications/commands";
import { presentPreferences } from "../notifications/notifications.presenter";

const localeSchema = z.object({ locale: z.enum(["en", "fr"]), back: z.string().optional() });
// checked kinds arrive as one value or several; an unchecked box sends nothing
const notificationPrefsSchema = z.object({
  receive: z.union([z.array(z.string().max(40)).max(20), z.string().max(40)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});
const tokenSchema = z.object({ name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.too_long") });

export function profileRoutes(deps: Deps): Router {
  const r = Router();

  // the footer language switch: works signed in (saved to the profile) and signed out (cookie)
  route(r, "post", "/locale", "public", async (req, res) => {
    const { locale, back } = parse(localeSchema, req.body);
    res.cookie(LOCALE_COOKIE, locale, { httpOnly: true, sameSite: "lax", maxAge: 365 * 24 * 3600_000 });
    if (req.actor) await setLocale(deps, req.actor, locale);
    // a local path only: "//host" and "/\\host" would leave the site
    res.redirect(303, back && /^\/(?![/\\])[^\s\\]*$/.test(back) ? back : "/");
  });

  const renderProfile = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const [tokens, prefs] = await Promise.all([listApiTokens(deps, req.actor!), notificationPreferences(deps, req.actor!)]);
    res.status(status).render("users/profile", {
      title: res.locals.t("profile.title"), tokens, newToken: null, notificationPrefs: presentPreferences(prefs, res.locals.t), ...extra,
    });
  };

  route(r, "get", "/profile", "user", async (req, res) => renderProfile(req, res));

  route(r, "post", "/profile/tokens", "user", async (req, res) => {
    try {
      const { name } = parse(tokenSchema, req.body);
      const { token } = await createApiToken(deps, req.actor!, name);
      // shown once, on this response only (never stored in clear, never in a redirect)
      await renderProfile(req, res, 201, { newToken: token });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      await renderProfile(req, res, 422, { errors: translateFields(res.locals.t, err.fields), values: req.body });
    }
  });

  route(r, "post", "/profile/notifications", "user", async (req, res) => {
    const { receive } = parse(notificationPrefsSchema, req.body);
    await saveNotificationPreferences(deps, req.actor!, receive);
    flash(req, "success", "notifications.flash.prefs_saved");
    res.redirect(303, "/profile#notification-prefs");
  });

  route(r, "post", "/profile/tokens/:id/revoke", "user", async (req, res) => {
    await revokeApiToken(deps, req.actor!, Number(req.params.id) || 0);
    flash(req, "success", "flash.token_revoked");
    res.redirect(303, "/profile");
  });
  return r;
}
