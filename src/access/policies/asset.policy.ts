import type { Actor } from "../actor";
import type { SqlScope } from "../scopes";
import { forbidden, notFound } from "../../platform/http/errors";

export const ASSET_ACTIONS = ["read", "create", "edit", "export", "import", "manage_types"] as const;
export type AssetAction = (typeof ASSET_ACTIONS)[number];

/** What the rules need to know of an asset. */
export interface AssetSubject {
  ownerId: number | null;
}

/** Technicians work with the equipment, admins keep the inventory. */
const inventory = (a: Actor) => a.role === "agent" || a.role === "supervisor" || a.role === "admin";

/**
 * The one place that says who may do what with the inventory. An employee reads only the
 * equipment they own (their "My equipment"); the desk and the admins read, create, edit
 * and export any asset; importing a spreadsheet and the list of types are configuration,
 * the admin's alone. `read` without a subject asks "may they list assets at all" (a
 * requester may: their own, through assetScope).
 */
export function canAsset(actor: Actor, action: AssetAction, asset?: AssetSubject): boolean {
  switch (action) {
    case "read":
      return inventory(actor) || (actor.role === "requester" && (!asset || asset.ownerId === actor.id));
    case "create":
    case "edit":
    case "export":
      return inventory(actor);
    default:
      return actor.role === "admin";
  }
}

/** Someone who may not read the asset does not learn it exists: 404; a reader without the right: 403. */
export function authorizeAsset(actor: Actor, action: AssetAction, asset?: AssetSubject): void {
  if (!canAsset(actor, "read", asset)) throw notFound("asset_not_found");
  if (!canAsset(actor, action, asset)) throw forbidden("asset_action_forbidden", "assets.errors.forbidden");
}

/**
 * The assets an actor may see in any list, search or export, as SQL with named
 * parameters. Mirrors canAsset(..., "read"): null = no restriction (the desk and the
 * admins); anyone else only what they own.
 */
export function assetScope(actor: Actor, alias = "a"): SqlScope | null {
  if (inventory(actor)) return null;
  return { sql: `${alias}.owner_id = :assetScopeOwner`, params: { assetScopeOwner: actor.id } };
}
