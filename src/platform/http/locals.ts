import type { NextFunction, Request, Response } from "express";
import type { Config } from "../config";
import { detectLocale, translator, type Locale } from "../i18n";
import { takeFlash } from "./flash";
import { icon } from "./icons";
import { ageParts, formatBytes, formatDateTime, formatDay } from "./format";
import type { Clock } from "../clock";

/**
 * What every view may use: t(), the locale, dates in the user's zone, the CSRF token,
 * the actor (for the nav only; permissions come as `can` flags from presenters), flash.
 */
export function locals(cfg: Config, clock: Clock, csrfToken: (req: Request) => string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const locale: Locale = req.actor?.locale ?? detectLocale(req, res, cfg.defaultLocale);
    const tz = req.actor?.timezone ?? cfg.defaultTimezone;
    const t = translator(locale);
    const now = clock.now();
    req.locale = locale;
    res.locals.t = t;
    res.locals.locale = locale;
    res.locals.actor = req.actor ?? null;
    res.locals.path = req.path;
    res.locals.fmtDate = (d: Date | null) => formatDateTime(d, locale, tz);
    res.locals.fmtDay = (ymd: string | null) => formatDay(ymd, locale);
    res.locals.fmtAge = (d: Date) => {
      const a = ageParts(d, now);
      return t(`age.${a.unit}`, { n: a.n });
    };
    res.locals.fmtBytes = (n: number) => formatBytes(n, locale);
    res.locals.icon = icon;
    // only a session (browser) needs a token; an API call with a bearer token has none
    res.locals.csrfToken = req.session ? csrfToken(req) : "";
    // a page shows the flash messages once; a fragment asked for in the background (htmx,
    // a script's fetch: both send HX-Request) leaves them to the page that follows a redirect
    res.locals.flash = req.method === "GET" && !req.get("hx-request") ? takeFlash(req) : [];
    res.locals.errors = {};
    res.locals.values = {};
    next();
  };
}
