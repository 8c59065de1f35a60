import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { typedValues, pageLinks, type FormValues } from "../admin/admin.presenter";
import { idParam, show, submitter } from "../admin/admin-page";
import { mailSettingsSchema, outboxFilterSchema, outboxQuerySchema, testMailSchema } from "./mail-admin.schemas";
import { resetMailSettings, retryMail, saveMailSettings, sendTestMail } from "./mail-admin.commands";
import { mailOverview, outboxPage } from "./mail-admin.queries";
import { mailSettingsValues, outboxUrl, overriddenMailFields, presentOutbox, presentStatuses } from "./mail-admin.presenter";

/** The email pages of the administration: server settings and test, the outbox. */
export function mailAdminRoutes(deps: Deps): Router {
  const r = Router();
  const submit = submitter(r);

  // ---- settings and test
  interface SettingsView { values?: FormValues; status?: number; err?: AppError; testTo?: string; errorIn?: "settings" | "test" }
  const renderSettings = async (req: Request, res: Response, opts: SettingsView = {}) => {
    const { settings, counts } = await mailOverview(deps, req.actor!);
    const { config, overrides, enabled } = settings;
    show(res, "mail/settings", {
      title: res.locals.t("mail.settings.title"), values: opts.values ?? mailSettingsValues(config), overridden: overriddenMailFields(overrides),
      password: deps.config.mail.password ? "env" : "missing", maxAttempts: deps.config.mail.maxAttempts, enabled,
      server: `${config.host}:${config.port}`, counts: presentStatuses(counts, undefined, res.locals.t).slice(1),
      testTo: opts.testTo ?? req.actor!.email ?? "", errorIn: opts.errorIn ?? "settings",
    }, opts.status, opts.err);
  };
  route(r, "get", "/admin/mail", "admin", (req, res) => renderSettings(req, res));
  submit("/admin/mail", async (req) => {
    await saveMailSettings(deps, req.actor!, parse(mailSettingsSchema, req.body));
    return { to: "/admin/mail", key: "mail.flash.settings_saved" };
  }, (req, res, err) => renderSettings(req, res, { values: typedValues(req.body), status: err.status, err }));
  submit("/admin/mail/reset", async (req) => {
    await resetMailSettings(deps, req.actor!);
    return { to: "/admin/mail", key: "mail.flash.settings_reset" };
  }, (req, res, err) => renderSettings(req, res, { status: err.status, err }));
  route(r, "post", "/admin/mail/test", "admin", async (req, res) => {
    const typed = typeof req.body?.to === "string" ? req.body.to : "";
    let outcome;
    try {
      const { to } = parse(testMailSchema, req.body);
      outcome = await sendTestMail(deps, req.actor!, { to, locale: req.locale ?? deps.config.defaultLocale });
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
      return renderSettings(req, res, { status: err.status, err, testTo: typed, errorIn: "test" });
    }
    const to = typed.trim();
    if (outcome.status === "sent") flash(req, "success", "mail.flash.test_sent", { to });
    else if (outcome.status === "failed") flash(req, "danger", "mail.flash.test_failed", { to, error: outcome.error });
    else flash(req, "info", "mail.flash.test_queued", { to });
    res.redirect(303, "/admin/mail");
  });

  // ---- outbox
  route(r, "get", "/admin/mail/outbox", "admin", async (req, res) => {
    const { status, cursor } = parse(outboxQuerySchema, req.query);
    const page = await outboxPage(deps, req.actor!, { status, cursor });
    show(res, "mail/outbox", {
      title: res.locals.t("mail.outbox.title"), rows: presentOutbox(page.rows, res.locals.fmtDate, res.locals.t),
      statuses: presentStatuses(page.counts, status, res.locals.t), status: status ?? "", failed: page.counts.failed, enabled: page.enabled,
      ...pageLinks("/admin/mail/outbox", { status }, cursor, page.nextCursor),
    });
  });
  route(r, "post", "/admin/mail/outbox/retry-failed", "admin", async (req, res) => {
    const { status } = parse(outboxFilterSchema, req.body);
    const count = await retryMail(deps, req.actor!);
    flash(req, count ? "success" : "warning", count ? "mail.flash.retried_all" : "mail.flash.nothing_to_retry", { count });
    res.redirect(303, outboxUrl(status));
  });
  route(r, "post", "/admin/mail/outbox/:id/retry", "admin", async (req, res) => {
    const id = idParam(req);
    const { status } = parse(outboxFilterSchema, req.body);
    const count = await retryMail(deps, req.actor!, id);
    flash(req, count ? "success" : "warning", count ? "mail.flash.retried" : "mail.flash.nothing_to_retry");
    res.redirect(303, outboxUrl(status));
  });
  return r;
}
