import { Router, type NextFunction, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError, notFound } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { authorizeAsset } from "../../access/policies/asset.policy";
import { renderForm } from "../admin/admin-page";
import { typedValues } from "../admin/admin.presenter";
import { ASSET_STATUSES } from "./asset.entity";
import { assetEditSchema, assetFormSchema, assetListSchema, normalizeTag, RESERVED_TAGS } from "./asset.schemas";
import { cachedAssetTypes, typeLabel } from "./asset-types";
import { findAssetByTag } from "./commands/asset-rules";
import { createAsset } from "./commands/create-asset";
import { updateAsset } from "./commands/update-asset";
import { getAsset, RECURRENCE_DAYS } from "./queries/get-asset";
import { listAssets } from "./queries/list-assets";
import { localDate } from "../../platform/http/format";
import { myEquipment } from "./queries/my-equipment";
import { assetCan, assetFormValues, presentAssetRow, presentAssetTimeline, STATUS_BADGE, warrantyState } from "./assets.presenter";
import { assetTypeRoutes } from "./asset-types.routes";

/**
 * The inventory pages of the desk (the "inventory" gate: agents, supervisors, admins):
 * the list, a new asset, an asset's page and its edit form; the portal's "My equipment"
 * for everyone; and the admin's asset types. Employees reach their own equipment through
 * /my/equipment only: the /assets pages refuse them at the gate (403), whatever the tag.
 */
export function assetRoutes(deps: Deps): Router {
  const r = Router();
  r.use(assetTypeRoutes(deps));
  const today = () => localDate(deps.clock.now(), deps.config.defaultTimezone);
  const soonUntil = () => localDate(deps.clock.now(), deps.config.defaultTimezone, deps.config.automation.warrantyWarnDays);
  const view = (res: Response, name: string, data: Record<string, unknown>, status = 200, err?: AppError) =>
    renderForm(res, `assets/${name}`, { ...data, badges: STATUS_BADGE, statuses: ASSET_STATUSES, warrantyDays: deps.config.automation.warrantyWarnDays }, status, err);
  /** The types a form offers: the active ones, and the one the asset has even if retired since. */
  const typeOptions = async (res: Response, keep?: string) => (await cachedAssetTypes(deps.db))
    .filter((ty) => ty.active || ty.code === keep).map((ty) => ({ code: ty.code, label: typeLabel(ty, res.locals.t) }));

  route(r, "get", "/my/equipment", "user", async (req, res) => {
    const [devices, types] = await Promise.all([myEquipment(deps, req.actor!), cachedAssetTypes(deps.db)]);
    res.render("assets/my-equipment", {
      title: res.locals.t("assets.mine.title"), badges: STATUS_BADGE,
      devices: devices.map(({ asset: a, openTickets }) => ({
        tag: a.tag, name: a.name, type: typeLabel(types.find((ty) => ty.id === a.typeId), res.locals.t), model: a.model, serial: a.serial,
        manufacturer: a.manufacturer, warrantyEnd: a.warrantyEnd, status: a.status, openTickets,
        report: `/portal/new?type=incident&asset=${encodeURIComponent(a.tag)}`,
      })),
    });
  });

  route(r, "get", "/assets", "inventory", async (req, res) => {
    const f = parse(assetListSchema, { ...req.query, limit: undefined });
    const [page, types] = await Promise.all([listAssets(deps, req.actor!, f), cachedAssetTypes(deps.db)]);
    const byId = new Map(types.map((ty) => [ty.id, ty]));
    const [day, soon] = [today(), soonUntil()];
    const withFilters = (path: string, after?: number) => {
      const q = new URLSearchParams(Object.entries({ ...f, after }).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)]));
      return q.size ? `${path}?${q}` : path;
    };
    const pageUrl = (after?: number) => withFilters("/assets", after);
    view(res, "list", {
      title: res.locals.t("assets.title"), filter: f, can: assetCan(req.actor!),
      types: types.map((ty) => ({ code: ty.code, label: typeLabel(ty, res.locals.t) })),
      rows: page.rows.map((a) => presentAssetRow(a, byId, page.owners, res.locals.t, day, soon)),
      nextUrl: page.next ? pageUrl(page.next) : null, firstUrl: f.after ? pageUrl() : null,
      // the export takes the same filters (every page of them)
      exportUrl: withFilters("/assets/export.csv"),
    });
  });

  const renderNew = async (res: Response, values: Record<string, unknown>, status?: number, err?: AppError) =>
    view(res, "new", { title: res.locals.t("assets.new"), values, types: await typeOptions(res) }, status, err);
  route(r, "get", "/assets/new", "inventory", async (req, res) => {
    authorizeAsset(req.actor!, "create");
    await renderNew(res, { status: "in_stock" });
  });
  route(r, "post", "/assets", "inventory", async (req, res) => {
    try {
      const a = await createAsset(deps, req.actor!, parse(assetFormSchema, req.body));
      flash(req, "success", "assets.flash.created", { tag: a.tag });
      res.redirect(303, `/assets/${encodeURIComponent(a.tag)}`);
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
      await renderNew(res, typedValues(req.body), err.status, err);
    }
  });

  /** /assets/import and /assets/export.csv are other pages (mounted after this router): not tags. */
  const notReserved = (req: Request, _res: Response, next: NextFunction) =>
    next(RESERVED_TAGS.includes(normalizeTag(String(req.params.tag))) ? "route" : undefined);

  route(r, "get", "/assets/:tag", "inventory", notReserved, async (req, res) => {
    const d = await getAsset(deps, req.actor!, String(req.params.tag));
    const types = await cachedAssetTypes(deps.db);
    const a = d.asset;
    view(res, "detail", {
      title: `${a.tag} · ${a.name}`, a, type: typeLabel(d.type, res.locals.t), owner: d.owner, can: assetCan(req.actor!),
      warranty: warrantyState(a.warrantyEnd, today(), soonUntil()),
      tickets: d.tickets, problems: d.problems, recentIncidents: d.recentIncidents, recurring: d.recurring, recurrenceDays: RECURRENCE_DAYS,
      timeline: presentAssetTimeline(d.history, d.actors, types, res.locals.t, new Map(d.tickets.map((tk) => [tk.id, tk.number]))),
    });
  });

  const renderEdit = async (req: Request, res: Response, typed?: Record<string, unknown>, status?: number, err?: AppError) => {
    const d = await getAsset(deps, req.actor!, String(req.params.tag));
    authorizeAsset(req.actor!, "edit", d.asset);
    const current = assetFormValues(d);
    view(res, "edit", {
      title: res.locals.t("assets.edit_title", { tag: d.asset.tag }), tag: d.asset.tag, values: typed ?? current,
      types: await typeOptions(res, current.type), stale: err?.code === "asset_changed",
    }, status, err);
  };
  route(r, "get", "/assets/:tag/edit", "inventory", (req, res) => renderEdit(req, res));
  route(r, "post", "/assets/:tag/edit", "inventory", async (req, res) => {
    const current = await findAssetByTag(deps.db.manager, String(req.params.tag));
    if (!current) throw notFound("asset_not_found");
    try {
      const a = await updateAsset(deps, req.actor!, current.id, parse(assetEditSchema, req.body));
      flash(req, "success", "assets.flash.saved", { tag: a.tag });
      res.redirect(303, `/assets/${encodeURIComponent(a.tag)}`);
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
      await renderEdit(req, res, typedValues(req.body), err.status, err);
    }
  });
  return r;
}
