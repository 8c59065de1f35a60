import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { notFound, type AppError } from "../../platform/http/errors";
import { parse } from "../../platform/http/validate";
import { rawQuery } from "../../platform/db/raw";
import { authorizeAsset } from "../../access/policies/asset.policy";
import { idParam, renderForm, submitter } from "../admin/admin-page";
import { typedValues } from "../admin/admin.presenter";
import { AssetType } from "./asset.entity";
import { assetTypeSchema, newAssetTypeSchema } from "./asset.schemas";
import { listAssetTypes, typeLabel } from "./asset-types";
import { createAssetType, updateAssetType } from "./commands/asset-types";

/** The admin's list of asset types: the built-ins (translated), and their own, added, renamed, deactivated. */
export function assetTypeRoutes(deps: Deps): Router {
  const r = Router();
  const submit = submitter(r);

  const renderTypes = async (req: Request, res: Response, values: Record<string, unknown>, status?: number, err?: AppError) => {
    authorizeAsset(req.actor!, "manage_types");
    const [types, counts] = await Promise.all([
      listAssetTypes(deps.db.manager),
      rawQuery<{ type_id: number; n: string | number }>(deps.db, "SELECT type_id, COUNT(*) AS n FROM assets GROUP BY type_id", []),
    ]);
    const count = new Map(counts.map((c) => [Number(c.type_id), Number(c.n)]));
    renderForm(res, "assets/types", {
      title: res.locals.t("assets.types_admin.title"), values,
      rows: types.map((ty) => ({ id: ty.id, code: ty.code, label: typeLabel(ty, res.locals.t), builtin: ty.builtin, active: ty.active, assets: count.get(ty.id) ?? 0 })),
    }, status, err);
  };
  route(r, "get", "/admin/asset-types", "admin", (req, res) => renderTypes(req, res, {}));
  submit("/admin/asset-types", async (req) => {
    const type = await createAssetType(deps, req.actor!, parse(newAssetTypeSchema, req.body));
    return { to: "/admin/asset-types", key: "assets.types_admin.flash.created", params: { name: type.name ?? type.code } };
  }, (req, res, err) => renderTypes(req, res, typedValues(req.body), err.status, err));

  const renderType = async (req: Request, res: Response, typed?: Record<string, unknown>, status?: number, err?: AppError) => {
    authorizeAsset(req.actor!, "manage_types");
    const type = await deps.db.manager.findOne(AssetType, { where: { id: idParam(req) } });
    // the built-ins are translated: nothing to rename
    if (!type || type.builtin) throw notFound("asset_type_not_found");
    renderForm(res, "assets/type", {
      title: res.locals.t("assets.types_admin.edit", { name: type.name ?? type.code }), assetType: type,
      values: typed ?? { name: type.name ?? "", active: type.active },
    }, status, err);
  };
  route(r, "get", "/admin/asset-types/:id", "admin", (req, res) => renderType(req, res));
  submit("/admin/asset-types/:id", async (req) => {
    const type = await updateAssetType(deps, req.actor!, idParam(req), parse(assetTypeSchema, req.body));
    return { to: "/admin/asset-types", key: "assets.types_admin.flash.saved", params: { name: type.name ?? type.code } };
  }, (req, res, err) => renderType(req, res, typedValues(req.body), err.status, err));
  return r;
}
