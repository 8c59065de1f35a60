import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeAsset } from "../../../access/policies/asset.policy";
import type { Deps } from "../../../platform/deps";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { invalid, notFound } from "../../../platform/http/errors";
import { audit } from "../../admin/audit";
import { uniqueName } from "../../admin/commands/unique";
import { AssetType } from "../asset.entity";
import { typeCode } from "../asset-types";

/** A name no other type has (case-insensitive), and whose code no other type has: both read the same in every list. */
async function assertTypeNameFree(tx: EntityManager, name: string, code: string, exceptId?: number): Promise<void> {
  const qb = tx.createQueryBuilder(AssetType, "ty").where("(LOWER(ty.name) = :name OR ty.code = :code)", { name: name.toLowerCase(), code });
  if (exceptId) qb.andWhere("ty.id <> :id", { id: exceptId });
  if (await qb.getExists()) throw invalid({ name: "assets.errors.type_taken" }, "name_taken");
}

/**
 * An admin's own asset type ("Docking station"): its code is the slug of its name, fixed
 * once made (filters, imports and the API name types by code), shown by its name.
 */
export async function createAssetType(deps: Deps, actor: Actor, input: { name: string }): Promise<AssetType> {
  authorizeAsset(actor, "manage_types");
  const code = typeCode(input.name);
  if (!code) throw invalid({ name: "assets.errors.type_name" });
  return uniqueName("name", "assets.errors.type_taken", () => withReferenceChange(deps.db, async (tx) => {
    await assertTypeNameFree(tx, input.name, code);
    const last = await tx.findOne(AssetType, { where: { builtin: false }, order: { position: "DESC" } });
    const type = await tx.save(tx.create(AssetType, { code, name: input.name, builtin: false, active: true, position: (last?.position ?? 0) + 1 }));
    await audit(tx, actor, "asset_type.create", "asset_type", type.id, { code, name: input.name }, deps.clock.now());
    return type;
  }));
}

/**
 * Rename an admin's type, or (de)activate it: an inactive type stays on its assets but is
 * no longer offered for new ones. The built-ins are translated, so they are not renamed;
 * they stay as shipped (the code is their translation key).
 */
export async function updateAssetType(deps: Deps, actor: Actor, id: number, input: { name: string; active: boolean }): Promise<AssetType> {
  authorizeAsset(actor, "manage_types");
  return uniqueName("name", "assets.errors.type_taken", () => withReferenceChange(deps.db, async (tx) => {
    const type = await tx.findOne(AssetType, { where: { id } });
    if (!type || type.builtin) throw notFound("asset_type_not_found");
    const code = typeCode(input.name);
    if (!code) throw invalid({ name: "assets.errors.type_name" });
    // the code stays what it was: a new name only has to read unlike every other type
    await assertTypeNameFree(tx, input.name, code, type.id);
    const before = { name: type.name, active: type.active };
    if (before.name === input.name && before.active === input.active) return type;
    Object.assign(type, { name: input.name, active: input.active });
    await tx.save(type);
    await audit(tx, actor, "asset_type.update", "asset_type", type.id, { before, after: { ...input } }, deps.clock.now());
    return type;
  }));
}
