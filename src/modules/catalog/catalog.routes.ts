import { idParam } from "../admin/admin-page";
import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { renderForm } from "../admin/admin-page";
import { formatNumber } from "../tickets/ticket.types";
import type { CatalogField } from "./catalog.entity";
import { lookupSchema } from "./catalog.schemas";
import { itemCard } from "./catalog.presenter";
import { getOrderableItem, listOffered } from "./queries/catalog";
import { assetChoices, lookupUsers, type AssetChoice } from "./queries/pickers";
import { createRequest } from "./commands/create-request";

/** A choice of a few options reads best as radio buttons; more as a select. */
const RADIOS_MAX = 4;

const itemIdParam = (req: Request) => idParam(req, "catalog_item_not_found");

/** One input of the order form: what the view needs to draw the right control. */
function formField(f: CatalogField, assets: Record<string, AssetChoice[]> | null) {
  return {
    name: f.name, label: f.label, type: f.type, required: f.required, help: f.help ?? "", options: f.options ?? [],
    radios: f.type === "choice" && (f.options ?? []).length <= RADIOS_MAX,
    // an employee picks among their own devices; staff type a tag (null)
    assets: f.type === "asset" && assets ? assets[f.name] ?? [] : null,
  };
}

/** The catalog on the portal: browse, fill an item's form, get a REQ ticket. */
export function catalogRoutes(deps: Deps): Router {
  const r = Router();
  const m = deps.db.manager;

  route(r, "get", "/catalog", "user", async (req, res) => {
    const shelves = await listOffered(deps, req.actor!);
    res.render("catalog/index", {
      title: res.locals.t("catalog.title"),
      shelves: shelves.map((s) => ({ id: s.category?.id ?? 0, name: s.category?.name ?? res.locals.t("catalog.other_services"), description: s.category?.description ?? "", items: s.items.map(itemCard) })),
    });
  });

  /** The user picker's suggestions, as <option>s for its datalist (htmx); typing a username works without it. */
  route(r, "get", "/catalog/lookup/users", "user", async (req, res) => {
    // htmx sends the input under its own name: ?field=manager&manager=jea
    const field = typeof req.query.field === "string" ? req.query.field : "q";
    const parsed = lookupSchema.safeParse({ q: req.query.q ?? req.query[field] });
    const people = parsed.success ? await lookupUsers(m, parsed.data.q) : [];
    res.set("cache-control", "no-store").render("catalog/_user-options", { people });
  });

  const renderItem = async (req: Request, res: Response, values: Record<string, unknown> = {}, status = 200, err?: AppError) => {
    const item = await getOrderableItem(m, req.actor!, itemIdParam(req));
    const assets = await assetChoices(m, req.actor!, item.fields);
    renderForm(res, "catalog/item", {
      title: item.name, item: itemCard(item), fields: item.fields.map((f) => formField(f, assets)), values,
    }, status, err);
  };
  route(r, "get", "/catalog/:id", "user", (req, res) => renderItem(req, res));

  route(r, "post", "/catalog/:id", "user", async (req, res) => {
    const body: Record<string, unknown> = { ...(req.body ?? {}) };
    delete body._csrf;
    try {
      const { ticket } = await createRequest(deps, req.actor!, itemIdParam(req), body, { channel: "portal" });
      const number = formatNumber(ticket.type, ticket.id);
      flash(req, "success", "catalog.flash.requested", { number });
      res.redirect(303, `/tickets/${number}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      await renderItem(req, res, body, 422, err);
    }
  });
  return r;
}
