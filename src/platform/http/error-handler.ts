import type { NextFunction, Request, Response } from "express";
import { AppError } from "./errors";
import { translator, type Translate } from "../i18n";
import type { Logger } from "../logger";

export function wantsJson(req: Request): boolean {
  return req.path.startsWith("/api/") || (req.get("accept") ?? "").startsWith("application/json");
}

/** Errors that are not ours but have a well-known meaning (body parser, CSRF). */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; status?: number; type?: string };
  if (e?.code === "EBADCSRFTOKEN") return new AppError(403, "csrf_invalid", "errors.csrf");
  if (e?.type === "entity.too.large") return new AppError(413, "body_too_large", "errors.body_too_large");
  if (e?.type === "entity.parse.failed") return new AppError(400, "invalid_json", "errors.invalid_json");
  return null;
}

export function translateFields(t: Translate, fields: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, t(v)]));
}

export function sendJsonError(res: Response, t: Translate, e: AppError): void {
  res.status(e.status).json({ error: { code: e.code, message: t(e.messageKey, e.params), ...(e.fields ? { fields: translateFields(t, e.fields) } : {}) } });
}

/** One handler: friendly page or JSON error; never a stack trace or SQL to a user. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = toAppError(err);
    const e = known ?? new AppError(500, "internal_error", "errors.internal");
    if (!known) logger.error({ err, url: req.originalUrl }, "unhandled error");
    const t = (res.locals.t as Translate | undefined) ?? translator(req.locale ?? "en");
    if (res.headersSent) return;
    if (wantsJson(req)) return sendJsonError(res, t, e);
    if (e.status === 401) {
      const next = req.method === "GET" ? `?next=${encodeURIComponent(req.originalUrl)}` : "";
      return res.redirect(303, `/login${next}`);
    }
    res.status(e.status).render("errors/error", { status: e.status, code: e.code, message: t(e.messageKey, e.params), title: t("errors.title") });
  };
}

export function notFoundHandler(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError(404, "not_found", "errors.not_found"));
}
