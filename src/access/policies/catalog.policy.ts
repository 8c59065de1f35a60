import type { Actor } from "../actor";
import { forbidden, notFound } from "../../platform/http/errors";

export type CatalogAction = "browse" | "order" | "manage";
export const CATALOG_ACTIONS: readonly CatalogAction[] = ["browse", "order", "manage"];

/** What the rules need to know of an item: it is offered only while it and its category are active. */
export interface CatalogItemSubject {
  active: boolean;
  /** The item's category is active (true when it has none). */
  categoryActive?: boolean;
}

const offered = (item: CatalogItemSubject) => item.active && item.categoryActive !== false;

/**
 * The service catalog: every signed-in person browses it and orders what is offered (an
 * active item of an active category); only admins define it (categories, items, their
 * forms and tasks) and see the items that are not offered.
 */
export function canCatalog(actor: Actor, action: CatalogAction, item?: CatalogItemSubject): boolean {
  if (action === "manage") return actor.role === "admin";
  return item ? offered(item) : true;
}

/**
 * An item that is not offered, or does not exist (null), is a 404 for browsing and
 * ordering: nobody learns about a withdrawn item by its id. Managing is the admin's: 403.
 */
export function authorizeCatalog(actor: Actor, action: CatalogAction, item?: CatalogItemSubject | null): void {
  if (action === "manage") {
    if (!canCatalog(actor, "manage")) throw forbidden();
    return;
  }
  if (item === null || !canCatalog(actor, action, item ?? undefined)) throw notFound("catalog_item_not_found");
}

/**
 * Who may name any asset in a request (an asset field): those who keep or work the
 * inventory (the "inventory" access: agents, supervisors, admins). Everyone else may only
 * name equipment they own.
 */
export function picksAnyAsset(actor: Actor): boolean {
  return actor.role === "agent" || actor.role === "supervisor" || actor.role === "admin";
}
