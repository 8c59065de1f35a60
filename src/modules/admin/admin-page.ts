import type { Request, Response, Router } from "express";
import type { Translate } from "../../platform/i18n";
import { route } from "../../platform/http/route";
import { AppError, notFound } from "../../platform/http/errors";
import { translateFields } from "../../platform/http/error-handler";
import { flash } from "../../platform/http/flash";

export type Flashed = { to: string; key: string; params?: Record<string, string | number> };
export type Refusal = (req: Request, res: Response, err: AppError) => Promise<void>;

/** An unknown or malformed id is a 404, like any page that does not exist (`name`: the path's parameter holding it). */
export function idParam(req: Request, code?: string, name = "id"): number {
  const id = Number(req.params[name]);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound(code);
  return id;
}

/** Render a page with forms; after a refusal, with the translated field errors and the form-level message. */
export function renderForm(res: Response, view: string, data: Record<string, unknown>, status = 200, err?: AppError): void {
  const t = res.locals.t as Translate;
  res.status(status).render(view, {
    ...data, errors: translateFields(t, err?.fields) ?? {}, formError: err ? t(err.messageKey, err.params) : null,
  });
}

/** An admin page (views/admin/). */
export function show(res: Response, view: string, data: Record<string, unknown>, status = 200, err?: AppError): void {
  renderForm(res, `admin/${view}`, data, status, err);
}

/** A form POST: the command, then a flash and a 303; a refusal the admin can fix re-renders the form (409/422). */
export function submitter(r: Router) {
  return (path: string, run: (req: Request) => Promise<Flashed>, refused: Refusal) =>
    route(r, "post", path, "admin", async (req, res) => {
      let done: Flashed;
      try {
        done = await run(req);
      } catch (err) {
        if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
        return refused(req, res, err);
      }
      flash(req, "success", done.key, done.params);
      res.redirect(303, done.to);
    });
}
