import { In, type EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeCatalog } from "../../../access/policies/catalog.policy";
import type { Deps } from "../../../platform/deps";
import { notFound } from "../../../platform/http/errors";
import { CatalogCategory, CatalogItem } from "../catalog.entity";

/** Categories then items, in the admin's order (position, then name). */
const ORDER = { position: "ASC", name: "ASC", id: "ASC" } as const;

export interface CatalogShelf {
  category: CatalogCategory | null;
  items: CatalogItem[];
}

/** An item with what the policy needs: is its category still offered? */
export async function itemWithCategory(m: EntityManager, id: number): Promise<{ item: CatalogItem; categoryActive: boolean } | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const item = await m.findOne(CatalogItem, { where: { id } });
  if (!item) return null;
  const category = item.categoryId ? await m.findOne(CatalogCategory, { where: { id: item.categoryId } }) : null;
  return { item, categoryActive: category?.active ?? true };
}

/** An item the actor may order (an inactive one, or one of an inactive category, is a 404). */
export async function getOrderableItem(m: EntityManager, actor: Actor, id: number): Promise<CatalogItem> {
  const found = await itemWithCategory(m, id);
  authorizeCatalog(actor, "order", found ? { active: found.item.active, categoryActive: found.categoryActive } : null);
  return found!.item;
}

/**
 * What the portal offers: the active categories with their active items, then the active
 * items of no category (a shelf with a null category). Empty categories are left out.
 */
export async function listOffered(deps: Deps, actor: Actor): Promise<CatalogShelf[]> {
  authorizeCatalog(actor, "browse");
  const m = deps.db.manager;
  const [categories, items] = await Promise.all([
    m.find(CatalogCategory, { where: { active: true }, order: ORDER }),
    m.find(CatalogItem, { where: { active: true }, order: ORDER }),
  ]);
  const shelves: CatalogShelf[] = categories.map((category) => ({ category, items: items.filter((i) => i.categoryId === category.id) }));
  shelves.push({ category: null, items: items.filter((i) => i.categoryId === null) });
  return shelves.filter((s) => s.items.length);
}

/** The admin's view: every category and every item, offered or not. */
export async function listCatalogForAdmin(deps: Deps, actor: Actor): Promise<{ categories: CatalogCategory[]; items: CatalogItem[] }> {
  authorizeCatalog(actor, "manage");
  const m = deps.db.manager;
  const [categories, items] = await Promise.all([m.find(CatalogCategory, { order: ORDER }), m.find(CatalogItem, { order: ORDER })]);
  return { categories, items };
}

export async function getItemForAdmin(deps: Deps, actor: Actor, id: number): Promise<CatalogItem> {
  authorizeCatalog(actor, "manage");
  const item = Number.isSafeInteger(id) && id > 0 ? await deps.db.manager.findOne(CatalogItem, { where: { id } }) : null;
  if (!item) throw notFound("catalog_item_not_found");
  return item;
}

/** Names of categories by id (the API names categories). */
export async function categoryNames(m: EntityManager, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!wanted.length) return new Map();
  return new Map((await m.find(CatalogCategory, { where: { id: In(wanted) } })).map((c) => [c.id, c.name]));
}
