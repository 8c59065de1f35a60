import { Router, type Request, type Response } from "express";
import type { PassportStatic } from "passport";
import { rateLimit } from "express-rate-limit";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import type { Actor } from "../../access/actor";
import { authenticateWithDirectory } from "../../platform/auth/ldap";
import { directoryConfig } from "../directory/settings";
import { signInFromDirectory } from "../directory/commands/sign-in";

/** Where a signed-in person starts. */
export function homeFor(actor: Actor): string {
  if (actor.role === "agent" || actor.role === "supervisor") return "/desk";
  if (actor.role === "admin") return "/admin/users";
  return "/portal";
}

/** Only a local path may follow a sign-in (no open redirect). */
function safeNext(next: unknown): string | null {
  return typeof next === "string" && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) && !next.startsWith("/login") ? next : null;
}

export function authRoutes(deps: Deps, passport: PassportStatic): Router {
  const r = Router();
  const cfg = deps.config.loginThrottle;
  const renderLogin = (req: Request, res: Response, status: number, errorKey?: string) =>
    res.status(status).render("auth/login", {
      title: res.locals.t("auth.title"), errorKey, username: typeof req.body?.username === "string" ? req.body.username : "",
      next: safeNext(req.body?.next ?? req.query.next) ?? "",
    });
  const limited = (req: Request, res: Response) => renderLogin(req, res, 429, "auth.throttled");
  const perIp = rateLimit({ windowMs: cfg.windowMinutes * 60_000, limit: cfg.maxPerIp, standardHeaders: "draft-8", legacyHeaders: false, handler: limited });
  const perAccount = rateLimit({
    windowMs: cfg.windowMinutes * 60_000, limit: cfg.maxPerAccount, standardHeaders: false, legacyHeaders: false,
    skipSuccessfulRequests: true, handler: limited,
    keyGenerator: (req) => `acct:${String(req.body?.username ?? "").trim().toLowerCase()}`,
  });

  route(r, "get", "/", "public", (req, res) => res.redirect(303, req.actor ? homeFor(req.actor) : "/login"));
  route(r, "get", "/login", "public", (req, res) => {
    if (req.actor) return res.redirect(303, homeFor(req.actor));
    renderLogin(req, res, 200);
  });
  /** The local account first (a break-glass admin never depends on the directory), then the directory. */
  const verify = (req: Request, res: Response): Promise<{ actor: Actor } | { status: number; errorKey: string }> =>
    new Promise((resolve, reject) => {
      passport.authenticate("local", (err: unknown, actor: Actor | false) => {
        if (err) return reject(err);
        if (actor) return resolve({ actor });
        directoryConfig(deps.db, deps.config.ldap).then(async ({ settings, config }) => {
          if (!settings) return resolve({ status: 401, errorKey: "auth.invalid" });
          const outcome = await authenticateWithDirectory(passport, settings, req, res);
          if (outcome.kind === "invalid") return resolve({ status: 401, errorKey: "auth.invalid" });
          if (outcome.kind === "unavailable") {
            req.log?.warn({ problem: outcome.error.problem, reason: outcome.error.message }, "directory sign-in: the directory is unavailable");
            return resolve({ status: 503, errorKey: "auth.directory_unavailable" });
          }
          const access = await signInFromDirectory(deps, outcome.identity, config.unmappedRole);
          if (access.kind === "ok") return resolve({ actor: access.actor });
          resolve(access.reason === "unmapped" ? { status: 403, errorKey: "auth.no_access" } : { status: 401, errorKey: "auth.invalid" });
        }).catch(reject);
      })(req, res, reject);
    });

  route(r, "post", "/login", "public", perIp, perAccount, async (req, res, next) => {
    if (!req.body?.username || !req.body?.password) return renderLogin(req, res, 401, "auth.invalid");
    const outcome = await verify(req, res);
    if (!("actor" in outcome)) return renderLogin(req, res, outcome.status, outcome.errorKey);
    const { actor } = outcome;
    const target = safeNext(req.body.next) ?? homeFor(actor);
    // req.login regenerates the session (no fixation)
    req.login(actor, (loginErr) => {
      if (loginErr) return next(loginErr);
      req.session.createdAt = deps.clock.now().getTime();
      res.redirect(303, target);
    });
  });
  route(r, "post", "/logout", "public", (req, res, next) => {
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy(() => res.clearCookie("niveau.sid").redirect(303, "/login"));
    });
  });
  return r;
}
