import path from "node:path";
import ejs from "ejs";
import express, { type NextFunction, type Request, type Response } from "express";
import session from "express-session";
import helmet from "helmet";
import pinoHttp from "pino-http";
import { ROOT, resolveSessionSecret } from "./platform/config";
import type { Deps } from "./platform/deps";
import { loggedUrl } from "./platform/logger";
import { DbSessionStore } from "./platform/db/session-store";
import { configurePassport } from "./platform/auth/passport";
import { bearerAuth } from "./platform/auth/bearer";
import { createCsrf } from "./platform/http/csrf";
import { locals } from "./platform/http/locals";
import { errorHandler, notFoundHandler } from "./platform/http/error-handler";
import { uploadMiddleware } from "./platform/uploads/upload";
import { initI18n } from "./platform/i18n";
import { invalidateQueueCounts } from "./modules/tickets/queries/queue-counts";
import { healthRoutes } from "./modules/admin/health.routes";
import { authRoutes } from "./modules/users/auth.routes";
import { profileRoutes } from "./modules/users/profile.routes";
import { portalRoutes } from "./modules/tickets/portal.routes";
import { ticketRoutes } from "./modules/tickets/ticket.routes";
import { deskRoutes } from "./modules/tickets/desk.routes";
import { adminRoutes } from "./modules/admin/admin.routes";
import { directoryRoutes } from "./modules/directory/directory.routes";
import { mailAdminRoutes } from "./modules/notifications/mail-admin.routes";
import { slaAdminRoutes } from "./modules/sla/sla-admin.routes";
import { jobsAdminRoutes } from "./modules/admin/jobs.routes";
import { apiRoutes } from "./modules/api/api.routes";
import { problemApiRoutes } from "./modules/problems/problems.api";
import { problemRoutes } from "./modules/problems/problems.routes";
import { assetRoutes } from "./modules/assets/assets.routes";
import { assetApiRoutes } from "./modules/assets/assets.api";
import { assetImportRoutes } from "./modules/assets/asset-import.routes";
import { ticketAssetApiRoutes, ticketAssetRoutes } from "./modules/assets/ticket-assets.routes";
import { kbDeskRoutes } from "./modules/kb/kb-desk.routes";
import { notificationRoutes } from "./modules/notifications/notifications.routes";
import { majorRoutes } from "./modules/major/major.routes";
import { invalidateOpenMajors } from "./modules/major";
import { catalogRoutes } from "./modules/catalog/catalog.routes";
import { catalogAdminRoutes } from "./modules/catalog/catalog-admin.routes";
import { catalogApiRoutes } from "./modules/catalog/catalog.api";
import { approvalRoutes } from "./modules/catalog/approvals.routes";
import { approvalApiRoutes } from "./modules/catalog/approvals.api";
import { kbRoutes } from "./modules/kb/kb.routes";
import { kbEditorRoutes } from "./modules/kb/kb-editor.routes";
import { kbCategoryRoutes } from "./modules/kb/kb-categories.routes";
import { kbApiRoutes } from "./modules/kb/kb.api";
import { reportRoutes } from "./modules/reporting/reports.routes";
import { reportApiRoutes } from "./modules/reporting/reports.api";
import { surveyRoutes } from "./modules/reporting/surveys.routes";

export interface App {
  app: express.Express;
  sessionStore: DbSessionStore;
}

/** The whole HTTP application without listen(): main.ts serves it, tests drive it. */
export async function createApp(deps: Deps): Promise<App> {
  const { config: cfg } = deps;
  // a ticket change made here shows in this process's queue counts at once
  deps.bus.on("ticket.changed", () => invalidateQueueCounts(deps.db));
  // and in its portal banner (the open major incidents)
  deps.bus.on("ticket.changed", (change) => invalidateOpenMajors(deps.db, change));
  await initI18n(cfg.defaultLocale);
  const app = express();
  app.disable("x-powered-by");
  // pages and API answers are per person and not cached (no-store): hashing each body for
  // an ETag nobody revalidates is wasted work (the static files keep theirs)
  app.set("etag", false);
  const views = path.join(ROOT, "views");
  app.set("view engine", "ejs");
  app.set("views", views);
  // includes are written from the views root ("/partials/nav"): EJS then resolves them
  // without asking the disk whether a relative path exists, on every include of every page
  app.engine("ejs", (file: string, data: object, cb: (e: unknown, html?: string) => void) => {
    ejs.renderFile(file, data as ejs.Data, { root: views, cache: (data as { cache?: boolean }).cache }, cb);
  });
  // compiled templates are kept unless developing (npm run dev edits them live)
  app.set("view cache", process.env.NODE_ENV !== "development");
  if (cfg.trustProxy) app.set("trust proxy", /^\d+$/.test(cfg.trustProxy) ? Number(cfg.trustProxy) : cfg.trustProxy);

  app.use(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"], "connect-src": ["'self'"], "form-action": ["'self'"], "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"], "object-src": ["'none'"],
      },
    },
    // plain http on an intranet is common at first; HSTS only when the base URL is https
    strictTransportSecurity: cfg.baseUrl.startsWith("https://"),
  }));
  if (cfg.logLevel !== "silent") app.use(pinoHttp({
    logger: deps.logger, autoLogging: { ignore: (req) => req.url === "/healthz" },
    serializers: { req: (req: { url: string }) => Object.assign(req, { url: loggedUrl(req.url) }) },
  }));
  app.use("/public", express.static(path.join(ROOT, "public"), { maxAge: "7d", index: false }));
  app.use(healthRoutes(deps));

  app.use(express.urlencoded({ extended: false, limit: "200kb", parameterLimit: 200 }));
  app.use("/api", express.json({ limit: "1mb" }));
  app.use("/api", bearerAuth(deps));

  const sessionStore = new DbSessionStore(deps.db, deps.clock, cfg.session.idleMinutes * 60_000);
  const sessionMw = session({
    name: "niveau.sid",
    secret: resolveSessionSecret(cfg),
    store: sessionStore,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: "lax", secure: cfg.baseUrl.startsWith("https://"), maxAge: cfg.session.idleMinutes * 60_000 },
  });
  const passport = configurePassport(deps);
  const csrf = createCsrf();
  // a bearer-token API call has no session at all
  const unlessToken = (mw: express.RequestHandler) => (req: Request, res: Response, next: NextFunction) =>
    req.authKind === "token" ? next() : mw(req, res, next);
  app.use(unlessToken(sessionMw));
  app.use(unlessToken(passport.session()));
  // express-session may send a redirect's headers before it has saved the session: the
  // browser then follows with the old one (lost sign-in, lost flash). Save first.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const redirect = res.redirect.bind(res) as (status: number, url: string) => void;
    res.redirect = ((a: number | string, b?: string) => {
      const [status, url] = typeof a === "number" ? [a, b as string] : [302, a];
      // nothing worth saving for an anonymous visitor without a message
      if (!req.session || (!req.user && !req.session.flash)) return redirect(status, url);
      req.session.save((err) => (err ? next(err) : redirect(status, url)));
    }) as Response["redirect"];
    next();
  });
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (req.authKind === "token") return next();
    if (req.user) {
      // a session from before this rule has no start: it starts now
      const started = (req.session.createdAt ??= deps.clock.now().getTime());
      if (deps.clock.now().getTime() - started > cfg.session.absoluteHours * 3600_000) {
        // absolute timeout: even an active session ends after so many hours
        return req.session.destroy(() => next());
      }
      req.actor = req.user;
      req.authKind = "session";
    }
    next();
  });
  // locals first: a refused CSRF check still renders the friendly error page
  app.use(locals(cfg, deps.clock, (req) => csrf.generateToken(req)));
  app.use(unlessToken((req, res, next) => (req.is("multipart/form-data") ? next() : csrf.protect(req, res, next))));

  const upload = uploadMiddleware(cfg, csrf.protect);
  app.use(authRoutes(deps, passport));
  app.use(profileRoutes(deps));
  app.use(portalRoutes(deps, upload));
  // before the ticket routes: their /tickets/:number/:action would take "assets" for an action
  app.use(ticketAssetRoutes(deps));
  // the knowledge base at work: suggestions beside a new ticket, the ticket page's article panel
  app.use(kbDeskRoutes(deps));
  // the requester's rating (/tickets/:number/survey) and the survey links, before the ticket actions
  app.use(surveyRoutes(deps));
  app.use(ticketRoutes(deps, upload));
  app.use(deskRoutes(deps));
  app.use(adminRoutes(deps));
  app.use(directoryRoutes(deps));
  app.use(mailAdminRoutes(deps));
  app.use(slaAdminRoutes(deps));
  app.use(jobsAdminRoutes(deps));
  app.use(notificationRoutes(deps));
  app.use(problemRoutes(deps));
  // the spreadsheet's multipart form checks its own CSRF token (after multer)
  app.use(assetImportRoutes(deps, csrf.protect));
  app.use(assetRoutes(deps));
  app.use(majorRoutes(deps));
  app.use(catalogRoutes(deps));
  app.use(catalogAdminRoutes(deps));
  app.use(approvalRoutes(deps));
  app.use(kbRoutes(deps));
  app.use(kbEditorRoutes(deps, upload));
  app.use(kbCategoryRoutes(deps));
  app.use(reportRoutes(deps));
  app.use("/api/v1", problemApiRoutes(deps));
  app.use("/api/v1", assetApiRoutes(deps));
  app.use("/api/v1", catalogApiRoutes(deps));
  app.use("/api/v1", approvalApiRoutes(deps));
  app.use("/api/v1", ticketAssetApiRoutes(deps));
  app.use("/api/v1", kbApiRoutes(deps));
  app.use("/api/v1", reportApiRoutes(deps));
  app.use("/api/v1", apiRoutes(deps));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return { app, sessionStore };
}
