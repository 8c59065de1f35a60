import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError, invalid, type FieldErrors } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import type { Translate } from "../../platform/i18n";
import { idParam, renderForm, submitter } from "../admin/admin-page";
import { groupLabel } from "../admin/admin.presenter";
import { listGroups } from "../users/queries/groups";
import { User } from "../users/user.entity";
import { cachedPolicies } from "../sla/policies";
import { APPROVALS, FIELD_TYPES } from "./catalog.entity";
import { CATALOG_ICONS, categorySchema, itemSchema } from "./catalog.schemas";
import { emptyFieldRow, emptyTaskRow, formErrors, itemCandidate, itemFormOf, readItemForm, type ItemCandidate, type ItemForm } from "./catalog.forms";
import { adminShelves, slaOptions } from "./catalog.presenter";
import { getItemForAdmin, listCatalogForAdmin } from "./queries/catalog";
import { assetTypeOptions } from "./queries/pickers";
import { createItem } from "./commands/create-item";
import { updateItem } from "./commands/update-item";
import { createCatalogCategory } from "./commands/create-category";
import { renameCatalogCategory } from "./commands/rename-category";
import { reorderCatalogCategories } from "./commands/reorder-categories";
import { setCatalogCategoryActive } from "./commands/deactivate-category";

type Values = Record<string, unknown>;
const activeSchema = z.object({ active: z.enum(["0", "1"], { error: "validation.choice" }) });
const POSITION = /^pos_(\d{1,9})$/;

/** The order form: one "pos_<id>" number a category. */
function positionsOf(body: Values): Map<number, number> {
  const out = new Map<number, number>();
  const bad: FieldErrors = {};
  for (const [k, v] of Object.entries(body)) {
    const m = POSITION.exec(k);
    if (!m) continue;
    if (typeof v === "string" && /^\d{1,4}$/.test(v.trim())) out.set(Number(m[1]), Number(v));
    else bad[k] = "validation.invalid";
  }
  if (Object.keys(bad).length) throw invalid(bad);
  return out;
}

/** The approver is typed as a username; an unknown one is the form's error, not a 500. */
async function approverIdOf(deps: Deps, username: string): Promise<number | null | "unknown"> {
  if (!username) return null;
  const u = await deps.db.manager.findOne(User, { select: { id: true }, where: { username: username.toLowerCase(), active: true }, order: { provider: "ASC" } });
  return u?.id ?? "unknown";
}

/**
 * The catalog's admin pages: categories (add, rename, order, withdraw) and items (their
 * basics, approval, service level, the fields of their form and their fulfilment tasks).
 * The item editors work without JavaScript: "Add a field" re-renders with one more row.
 */
export function catalogAdminRoutes(deps: Deps): Router {
  const r = Router();
  const m = deps.db.manager;
  const submit = submitter(r);

  // ---- categories and the list of items
  const renderList = async (req: Request, res: Response, values: Values = {}, status?: number, err?: AppError) => {
    const [{ categories, items }, groups] = await Promise.all([listCatalogForAdmin(deps, req.actor!), listGroups(m)]);
    const shelves = adminShelves(categories, items, new Map(groups.map((g) => [g.id, groupLabel(g)])));
    renderForm(res, "catalog/admin", { title: res.locals.t("catalog.admin.title"), ...shelves, values }, status, err);
  };
  route(r, "get", "/admin/catalog", "admin", (req, res) => renderList(req, res));
  const typed = (req: Request): Values => ({ ...(req.body ?? {}) });

  submit("/admin/catalog/categories", async (req) => {
    const c = await createCatalogCategory(deps, req.actor!, parse(categorySchema, req.body));
    return { to: "/admin/catalog", key: "catalog.admin.flash.category_created", params: { name: c.name } };
  }, (req, res, err) => renderList(req, res, typed(req), err.status, err));

  // before /:id: "order" is not an id
  submit("/admin/catalog/categories/order", async (req) => {
    await reorderCatalogCategories(deps, req.actor!, positionsOf(req.body ?? {}));
    return { to: "/admin/catalog", key: "catalog.admin.flash.reordered" };
  }, (req, res, err) => renderList(req, res, typed(req), err.status, err));

  // a rename's errors sit on its own row: "rename_<id>_name"
  const renameRefused = (req: Request, res: Response, err: AppError) => {
    const id = idParam(req);
    const fields = Object.fromEntries(Object.entries(err.fields ?? {}).map(([k, v]) => [`rename_${id}_${k}`, v]));
    const body = req.body ?? {};
    return renderList(req, res, { [`rename_${id}_name`]: body.name, [`rename_${id}_description`]: body.description },
      err.status, new AppError(err.status, err.code, err.messageKey, err.params, fields));
  };
  submit("/admin/catalog/categories/:id", async (req) => {
    const c = await renameCatalogCategory(deps, req.actor!, idParam(req), parse(categorySchema, req.body));
    return { to: "/admin/catalog", key: "catalog.admin.flash.category_saved", params: { name: c.name } };
  }, renameRefused);

  submit("/admin/catalog/categories/:id/active", async (req) => {
    const { active } = parse(activeSchema, req.body);
    const c = await setCatalogCategoryActive(deps, req.actor!, idParam(req), active === "1");
    return { to: "/admin/catalog", key: c.active ? "catalog.admin.flash.category_reactivated" : "catalog.admin.flash.category_deactivated", params: { name: c.name } };
  }, (req, res, err) => renderList(req, res, {}, err.status, err));

  // ---- an item's form
  const renderItem = async (req: Request, res: Response, form: ItemForm, itemId: number | null, status = 200, err?: AppError, errors?: FieldErrors) => {
    const t = res.locals.t as Translate;
    const [{ categories }, groups, types, policies] = await Promise.all([
      listCatalogForAdmin(deps, req.actor!), listGroups(m), assetTypeOptions(m), cachedPolicies(deps.db),
    ]);
    const refusal = err ? new AppError(err.status, err.code, err.messageKey, err.params, errors ?? err.fields) : undefined;
    renderForm(res, "catalog/admin-item", {
      title: itemId ? t("catalog.admin.edit_item", { name: form.name }) : t("catalog.admin.new_item"),
      itemId, form, icons: CATALOG_ICONS, approvals: APPROVALS, fieldTypes: FIELD_TYPES, sla: slaOptions(policies, t),
      categories: categories.map((c) => ({ id: c.id, name: c.name, active: c.active })),
      groups: groups.map((g) => ({ id: g.id, label: groupLabel(g) })),
      assetTypes: types.map((a) => ({ id: a.id, code: a.code, label: a.builtin ? t(`assets.types.${a.code}`) : a.name ?? a.code })),
    }, status, refusal);
  };

  const newForm = (): ItemForm => ({
    ...readItemForm({}), icon: "box", active: true, position: "0", fieldRows: [emptyFieldRow(0)], taskRows: [emptyTaskRow(0)],
  });
  route(r, "get", "/admin/catalog/items/new", "admin", (req, res) => renderItem(req, res, newForm(), null));
  route(r, "get", "/admin/catalog/items/:id", "admin", async (req, res) => {
    const item = await getItemForAdmin(deps, req.actor!, idParam(req));
    const approver = item.approverId ? await m.findOne(User, { select: { username: true }, where: { id: item.approverId } }) : null;
    await renderItem(req, res, itemFormOf(item, approver?.username ?? ""), item.id);
  });

  /** Save, or (the "add a row" buttons) show the same form with one more empty row, saving nothing. */
  const saveItem = async (req: Request, res: Response, itemId: number | null) => {
    if (itemId) await getItemForAdmin(deps, req.actor!, itemId);
    const form = readItemForm(req.body ?? {});
    const action = (req.body ?? {})._action;
    if (action === "add_field") return renderItem(req, res, { ...form, fieldRows: [...form.fieldRows, emptyFieldRow(form.fieldRows.length)] }, itemId);
    if (action === "add_task") return renderItem(req, res, { ...form, taskRows: [...form.taskRows, emptyTaskRow(form.taskRows.length)] }, itemId);
    const approver = await approverIdOf(deps, form.approver);
    const candidate: ItemCandidate = itemCandidate(form, approver === "unknown" ? null : approver);
    try {
      const input = parse(itemSchema, candidate.input);
      if (approver === "unknown") throw invalid({ approverId: "validation.unknown_user" });
      const version = /^\d+$/.test(form.version) ? Number(form.version) : undefined;
      const item = itemId ? await updateItem(deps, req.actor!, itemId, { ...input, version }) : await createItem(deps, req.actor!, input);
      flash(req, "success", itemId ? "catalog.admin.flash.item_saved" : "catalog.admin.flash.item_created", { name: item.name });
      res.redirect(303, `/admin/catalog/items/${item.id}`);
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
      const errors = formErrors(err.fields ?? {}, candidate);
      if (approver === "unknown") errors.approver = "validation.unknown_user";
      // a stale page: what was typed stays, on the current version, so saving again is a deliberate overwrite
      const current = err.status === 409 && itemId ? String((await getItemForAdmin(deps, req.actor!, itemId)).version) : form.version;
      await renderItem(req, res, { ...form, version: current }, itemId, err.status, err, errors);
    }
  };
  route(r, "post", "/admin/catalog/items", "admin", (req, res) => saveItem(req, res, null));
  route(r, "post", "/admin/catalog/items/:id", "admin", (req, res) => saveItem(req, res, idParam(req)));
  return r;
}
