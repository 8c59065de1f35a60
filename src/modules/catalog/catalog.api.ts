import { idParam } from "../admin/admin-page";
import { Router, type Request } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError, invalid, type FieldErrors } from "../../platform/http/errors";
import { parse } from "../../platform/http/validate";
import { bodyOf, send } from "../api/api.routes";
import { loadRefs } from "../api/api.refs";
import { ticketJson } from "../api/api.presenter";
import { cachedPolicies } from "../sla/policies";
import { Ticket } from "../tickets/ticket.entity";
import { ticketAssetRefs } from "../assets";
import type { EntityManager } from "typeorm";
import { CatalogCategory, type CatalogItem } from "./catalog.entity";
import { categorySchema, itemSchema, type ItemInput } from "./catalog.schemas";
import { apiItemInput, itemJson, orderableJson } from "./catalog.api-shape";
import { getItemForAdmin, getOrderableItem, listOffered } from "./queries/catalog";
import { createItem } from "./commands/create-item";
import { updateItem } from "./commands/update-item";
import { createCatalogCategory } from "./commands/create-category";
import { createRequest } from "./commands/create-request";

/** A group, or a task's group: by name or by id. */
const ref = z.union([z.string().trim().min(1, "validation.required").max(100, "validation.too_long"), z.number().int().positive()], { error: "validation.choice" });
const name = z.string({ error: "validation.invalid" }).trim().max(100, "validation.too_long").nullable().optional();
/** A value itemSchema checks (the body schema only checks which keys there are). */
const any = z.unknown().optional();
const fieldBody = z.strictObject({
  name: any, label: any, type: any, required: any, options: any, help: any, assetTypes: any,
});
/** The API's keys, checked strictly (an unknown key is a 422 naming it); the values are then checked by itemSchema. */
const common = {
  name: any, description: any, category: name, approval: any, approver: name, slaPriority: any, icon: any,
  active: any, position: any, fulfilAssetType: name,
  fields: z.array(fieldBody, { error: "validation.invalid" }).optional(),
  tasks: z.array(z.strictObject({ title: any, group: ref }), { error: "validation.invalid" }).optional(),
};
const createBody = z.strictObject({ ...common, group: ref });
const patchBody = z.strictObject({ ...common, group: ref.optional(), version: z.number({ error: "validation.invalid" }).int().positive("validation.invalid").optional() });
export type ApiItemBody = z.infer<typeof patchBody>;
const requestBody = z.strictObject({ answers: z.record(z.string(), z.unknown(), { error: "validation.invalid" }) });

/** The command's field names back to the API's in a 422 (groupId -> group, tasks.0.groupId -> tasks.0.group). */
const API_NAMES: Record<string, string> = { groupId: "group", categoryId: "category", approverId: "approver", fulfilAssetTypeId: "fulfilAssetType" };
function apiFields(err: unknown): never {
  if (err instanceof AppError && err.status === 422 && err.fields) {
    const renamed: FieldErrors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.split(".").map((p) => API_NAMES[p] ?? p).join("."), v]));
    throw new AppError(422, err.code, err.messageKey, err.params, renamed);
  }
  throw err;
}

/**
 * The item a body defines, every mistake at once: the schema's (on the API's keys) and the
 * names that match nothing (which win on the same key: "no such group" says more than "required").
 */
async function definition(m: EntityManager, b: ApiItemBody, current?: CatalogItem): Promise<ItemInput> {
  const { input, errors } = await apiItemInput(m, b, current);
  let parsed: ItemInput | undefined;
  try {
    parsed = parse(itemSchema, input);
  } catch (err) {
    if (!(err instanceof AppError) || !err.fields) throw err;
    apiFields(new AppError(err.status, err.code, err.messageKey, err.params, { ...err.fields, ...errors }));
  }
  if (Object.keys(errors).length || !parsed) throw invalid(errors);
  return parsed;
}

const itemIdParam = (req: Request) => idParam(req, "catalog_item_not_found");

/**
 * The service catalog in JSON API v1 (the same commands as the pages): admins define items
 * (POST, PATCH) and categories; everyone lists and reads what they may order, and orders
 * it (a REQ ticket, the same JSON as POST /tickets plus the answers).
 */
export function catalogApiRoutes(deps: Deps): Router {
  const r = Router();
  const m = () => deps.db.manager;

  route(r, "get", "/catalog", "user", async (req, res) => {
    const shelves = await listOffered(deps, req.actor!);
    send(res, 200, { items: shelves.flatMap((s) => s.items.map((i) => orderableJson(i, s.category?.name ?? null))) });
  });

  route(r, "post", "/catalog/categories", "admin", async (req, res) => {
    const c = await createCatalogCategory(deps, req.actor!, parse(categorySchema, bodyOf(req)));
    send(res, 201, { id: c.id, name: c.name, description: c.description, position: c.position, active: c.active });
  });

  route(r, "post", "/catalog", "admin", async (req, res) => {
    const b = parse(createBody, bodyOf(req));
    const item = await createItem(deps, req.actor!, await definition(m(), b)).catch(apiFields);
    send(res, 201, await itemJson(m(), item));
  });

  route(r, "get", "/catalog/:id", "user", async (req, res) => {
    const id = itemIdParam(req);
    // the admin reads the whole definition (offered or not); everyone else what they may order
    if (req.actor!.role === "admin") return send(res, 200, await itemJson(m(), await getItemForAdmin(deps, req.actor!, id)));
    const item = await getOrderableItem(m(), req.actor!, id);
    const category = item.categoryId ? await m().findOne(CatalogCategory, { where: { id: item.categoryId } }) : null;
    send(res, 200, orderableJson(item, category?.name ?? null));
  });

  route(r, "patch", "/catalog/:id", "admin", async (req, res) => {
    const current = await getItemForAdmin(deps, req.actor!, itemIdParam(req));
    const b = parse(patchBody, bodyOf(req));
    const item = await updateItem(deps, req.actor!, current.id, { ...(await definition(m(), b, current)), version: b.version }).catch(apiFields);
    send(res, 200, await itemJson(m(), item));
  });

  route(r, "post", "/catalog/:id/requests", "user", async (req, res) => {
    const id = itemIdParam(req);
    // an item the caller may not order is a 404 before the body is even read
    await getOrderableItem(m(), req.actor!, id);
    const { answers } = parse(requestBody, bodyOf(req));
    const { ticket, request } = await createRequest(deps, req.actor!, id, answers, { channel: "api" });
    // routing (an approval) may have moved it since it was created: the ticket as it is now
    const t = await m().findOneByOrFail(Ticket, { id: ticket.id });
    const json = ticketJson(t, await loadRefs(m(), [t]), { policies: await cachedPolicies(deps.db), now: deps.clock.now() });
    send(res, 201, { ...json, assets: await ticketAssetRefs(m(), t.id), answers: request.answers.map((a) => ({ name: a.name, label: a.label, type: a.type, value: a.value, display: a.display })) });
  });
  return r;
}
