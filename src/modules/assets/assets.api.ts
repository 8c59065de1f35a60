import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { notFound } from "../../platform/http/errors";
import { parse } from "../../platform/http/validate";
import type { Translate } from "../../platform/i18n";
import type { Actor } from "../../access/actor";
import { canAsset } from "../../access/policies/asset.policy";
import { bodyOf, send } from "../api/api.routes";
import type { Asset, AssetType } from "./asset.entity";
import { assetApiListQuery, assetCreateBody, assetPatchBody } from "./asset.schemas";
import { cachedAssetTypes, typeLabel } from "./asset-types";
import { findAssetByTag } from "./commands/asset-rules";
import { createAsset } from "./commands/create-asset";
import { updateAsset } from "./commands/update-asset";
import { getAsset } from "./queries/get-asset";
import { listAssets, type AssetOwner } from "./queries/list-assets";

/** `?status=&type=laptop`: an empty parameter means "no filter", as in a form. */
const queryOf = (req: Request) => Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== ""));

/**
 * One asset as JSON: the type by code (and its label in the caller's language), the owner
 * by username. The notes are the desk's: an employee reading their own device does not get them.
 */
function assetJson(a: Asset, type: AssetType | undefined, owner: AssetOwner | null, actor: Actor, t: Translate) {
  return {
    tag: a.tag, name: a.name, type: type?.code ?? null, typeName: typeLabel(type, t), status: a.status,
    owner: owner?.username ?? null, ownerName: owner?.displayName ?? null, location: a.location, department: a.department,
    serial: a.serial, manufacturer: a.manufacturer, model: a.model, purchaseDate: a.purchaseDate, warrantyEnd: a.warrantyEnd,
    ...(canAsset(actor, "edit", a) ? { notes: a.notes } : {}),
    version: a.version, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
  };
}

/**
 * Assets in JSON API v1 (the same commands and queries as the pages): create and edit
 * (the desk and the admins), list and read (everyone: an employee only their own, a
 * 404 for anyone else's).
 */
export function assetApiRoutes(deps: Deps): Router {
  const r = Router();

  /** An asset with everything its page shows, as the caller may read it. */
  async function detailJson(req: Request, res: Response, tag: string) {
    const d = await getAsset(deps, req.actor!, tag);
    return {
      ...assetJson(d.asset, d.type ?? undefined, d.owner, req.actor!, res.locals.t),
      tickets: d.tickets.map((x) => ({ number: x.number, status: x.status, title: x.title, createdAt: x.createdAt.toISOString() })),
      problems: d.problems,
      history: d.history.map((h) => ({
        kind: h.kind, field: h.field, from: h.fromValue, to: h.toValue, note: h.note,
        actor: h.actorId ? d.actors.get(h.actorId)?.username ?? null : null, at: h.createdAt.toISOString(),
      })),
      recentIncidents: d.recentIncidents, recurring: d.recurring,
    };
  }

  route(r, "post", "/assets", "inventory", async (req, res) => {
    const a = await createAsset(deps, req.actor!, parse(assetCreateBody, bodyOf(req)));
    send(res, 201, await detailJson(req, res, a.tag));
  });

  route(r, "get", "/assets", "user", async (req, res) => {
    const f = parse(assetApiListQuery, queryOf(req));
    const [page, types] = await Promise.all([listAssets(deps, req.actor!, f), cachedAssetTypes(deps.db)]);
    const byId = new Map(types.map((ty) => [ty.id, ty]));
    send(res, 200, {
      items: page.rows.map((a) => assetJson(a, byId.get(a.typeId), a.ownerId ? page.owners.get(a.ownerId) ?? null : null, req.actor!, res.locals.t)),
      next: page.next,
    });
  });

  route(r, "get", "/assets/:tag", "user", async (req, res) => {
    send(res, 200, await detailJson(req, res, String(req.params.tag)));
  });

  route(r, "patch", "/assets/:tag", "inventory", async (req, res) => {
    const current = await findAssetByTag(deps.db.manager, String(req.params.tag));
    if (!current) throw notFound("asset_not_found");
    const a = await updateAsset(deps, req.actor!, current.id, parse(assetPatchBody, bodyOf(req)));
    send(res, 200, await detailJson(req, res, a.tag));
  });
  return r;
}
