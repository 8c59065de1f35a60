import { In, type EntityManager } from "typeorm";
import type { FieldErrors } from "../../platform/http/errors";
import { SupportGroup } from "../users/group.entity";
import { User } from "../users/user.entity";
import { AssetType } from "../assets";
import { CatalogCategory, type CatalogItem } from "./catalog.entity";
import { iconOf } from "./catalog.presenter";
import type { ApiItemBody } from "./catalog.api";

/**
 * The JSON of API v1 for catalog items, and the way back: the API names categories,
 * groups, the approver and asset types; the commands take ids. An unknown name is a 422
 * on the API's own key ("tasks.1.group").
 */

/** An item as the commands' input, to apply a PATCH on. */
function inputOf(item: CatalogItem): Record<string, unknown> {
  return {
    name: item.name, description: item.description, categoryId: item.categoryId, icon: item.icon, groupId: item.groupId ?? undefined,
    slaPriority: item.slaPriority, approval: item.approval, approverId: item.approverId, fields: item.fields, tasks: item.tasks,
    fulfilAssetTypeId: item.fulfilAssetTypeId, active: item.active, position: item.position,
  };
}

async function groupIdOf(m: EntityManager, ref: string | number): Promise<number | null> {
  if (typeof ref === "number") return ref;
  return (await m.findOne(SupportGroup, { select: { id: true }, where: { name: ref } }))?.id ?? null;
}

/** The body (a POST, or a PATCH over `current`) as what itemSchema parses, and the names that match nothing. */
export async function apiItemInput(m: EntityManager, b: ApiItemBody, current?: CatalogItem): Promise<{ input: Record<string, unknown>; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const out: Record<string, unknown> = current ? inputOf(current) : {};
  for (const k of ["name", "description", "icon", "approval", "slaPriority", "active", "position", "fields"] as const) {
    if (b[k] !== undefined) out[k] = b[k];
  }
  if (b.group !== undefined) {
    out.groupId = await groupIdOf(m, b.group);
    if (out.groupId === null) errors.group = "validation.choice";
  }
  if (b.tasks !== undefined) {
    out.tasks = await Promise.all(b.tasks.map(async (t, i) => {
      const groupId = await groupIdOf(m, t.group);
      if (groupId === null) errors[`tasks.${i}.group`] = "validation.choice";
      return { title: t.title, groupId: groupId ?? undefined };
    }));
  }
  if (b.category !== undefined) {
    out.categoryId = b.category ? (await m.findOne(CatalogCategory, { select: { id: true }, where: { name: b.category } }))?.id ?? null : null;
    if (b.category && out.categoryId === null) errors.category = "validation.choice";
  }
  if (b.approver !== undefined) {
    out.approverId = b.approver
      ? (await m.findOne(User, { select: { id: true }, where: { username: b.approver.toLowerCase(), active: true }, order: { provider: "ASC" } }))?.id ?? null : null;
    if (b.approver && out.approverId === null) errors.approver = "validation.unknown_user";
  }
  if (b.fulfilAssetType !== undefined) {
    out.fulfilAssetTypeId = b.fulfilAssetType ? (await m.findOne(AssetType, { select: { id: true }, where: { code: b.fulfilAssetType } }))?.id ?? null : null;
    if (b.fulfilAssetType && out.fulfilAssetTypeId === null) errors.fulfilAssetType = "validation.choice";
  }
  return { input: out, errors };
}

/** What a person who may order an item reads of it: enough to fill its form. */
export function orderableJson(item: CatalogItem, category: string | null) {
  return {
    id: item.id, name: item.name, description: item.description, category, icon: iconOf(item),
    fields: item.fields.map((f) => ({
      name: f.name, label: f.label, type: f.type, required: f.required, help: f.help ?? null,
      ...(f.type === "choice" ? { options: f.options ?? [] } : {}), ...(f.type === "asset" ? { assetTypes: f.assetTypes ?? [] } : {}),
    })),
  };
}

/** The whole definition, for admins: who fulfils and approves it, its tasks, its version for a PATCH. */
export async function itemJson(m: EntityManager, item: CatalogItem) {
  const groupIds = [...new Set([item.groupId, ...item.tasks.map((t) => t.groupId)].filter((x): x is number => x !== null))];
  const [groups, category, approver, assetType] = await Promise.all([
    groupIds.length ? m.find(SupportGroup, { select: { id: true, name: true }, where: { id: In(groupIds) } }) : Promise.resolve([]),
    item.categoryId ? m.findOne(CatalogCategory, { where: { id: item.categoryId } }) : null,
    item.approverId ? m.findOne(User, { select: { id: true, username: true }, where: { id: item.approverId } }) : null,
    item.fulfilAssetTypeId ? m.findOne(AssetType, { where: { id: item.fulfilAssetTypeId } }) : null,
  ]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return {
    ...orderableJson(item, category?.name ?? null),
    group: item.groupId ? groupName.get(item.groupId) ?? null : null, slaPriority: item.slaPriority, approval: item.approval,
    approver: approver?.username ?? null, tasks: item.tasks.map((t) => ({ title: t.title, group: groupName.get(t.groupId) ?? null })),
    fulfilAssetType: assetType?.code ?? null, active: item.active, position: item.position, version: item.version,
    createdAt: item.createdAt.toISOString(), updatedAt: item.updatedAt.toISOString(),
  };
}
