import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import type { Translate } from "../../platform/i18n";
import { idParam, renderForm } from "../admin/admin-page";
import { allCategories } from "./queries/list-articles";
import { createKbCategory, kbCategorySchema, setKbCategoryActive, updateKbCategory } from "./commands/categories";

const activeSchema = z.object({ active: z.enum(["0", "1"], { error: "validation.choice" }) });
type Values = Record<string, unknown>;

/**
 * The editors' categories page: add one, rename it, describe it, move it (its number in
 * the list), withdraw it from the pages or bring it back. A row's errors are named after
 * it ("cat_12_name") so they show on that row.
 */
export function kbCategoryRoutes(deps: Deps): Router {
  const r = Router();

  const show = async (res: Response, values: Values = {}, status?: number, err?: AppError) => {
    const categories = await allCategories(deps.db);
    renderForm(res, "kb/categories", {
      title: (res.locals.t as Translate)("kb.categories.title"), values,
      categories: categories.map((c) => ({ id: c.id, name: c.name, description: c.description, position: c.position, active: c.active })),
    }, status, err);
  };
  /** A refusal the editor fixes on the page; its fields renamed with `prefix` (a row of the table). */
  const refused = async (req: Request, res: Response, err: unknown, prefix = "") => {
    if (!(err instanceof AppError) || err.status !== 422) throw err;
    const body = (req.body ?? {}) as Values;
    const values = Object.fromEntries(["name", "description", "position"].map((k) => [`${prefix}${k}`, body[k]]));
    const fields = Object.fromEntries(Object.entries(err.fields ?? {}).map(([k, v]) => [`${prefix}${k}`, v]));
    await show(res, values, 422, new AppError(err.status, err.code, err.messageKey, err.params, fields));
  };

  route(r, "get", "/kb/categories", "kb-editor", (_req, res) => show(res));

  route(r, "post", "/kb/categories", "kb-editor", async (req, res) => {
    try {
      const c = await createKbCategory(deps, req.actor!, parse(kbCategorySchema, req.body ?? {}));
      flash(req, "success", "kb.categories.flash.created", { name: c.name });
    } catch (err) {
      return refused(req, res, err);
    }
    res.redirect(303, "/kb/categories");
  });

  route(r, "post", "/kb/categories/:id", "kb-editor", async (req, res) => {
    const id = idParam(req, "kb_category_not_found");
    try {
      const c = await updateKbCategory(deps, req.actor!, id, parse(kbCategorySchema, req.body ?? {}));
      flash(req, "success", "kb.categories.flash.saved", { name: c.name });
    } catch (err) {
      return refused(req, res, err, `cat_${id}_`);
    }
    res.redirect(303, "/kb/categories");
  });

  route(r, "post", "/kb/categories/:id/active", "kb-editor", async (req, res) => {
    const { active } = parse(activeSchema, req.body ?? {});
    const c = await setKbCategoryActive(deps, req.actor!, idParam(req, "kb_category_not_found"), active === "1");
    flash(req, "success", c.active ? "kb.categories.flash.reactivated" : "kb.categories.flash.withdrawn", { name: c.name });
    res.redirect(303, "/kb/categories");
  });
  return r;
}
