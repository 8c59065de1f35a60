import type { DataSource, EntityManager } from "typeorm";
import { cachedReference } from "../../platform/db/reference-cache";
import type { Translate } from "../../platform/i18n";
import { AssetType, BUILTIN_ASSET_TYPES } from "./asset.entity";

/**
 * The built-in types, each only if its code is absent (re-running changes nothing, and a
 * built-in an admin deactivated stays deactivated). Called by ensureDefaults: install,
 * upgrade and the test reset all get them.
 */
export async function ensureAssetTypes(tx: EntityManager): Promise<number> {
  const have = new Set((await tx.find(AssetType, { select: { code: true } })).map((t) => t.code));
  const missing = BUILTIN_ASSET_TYPES.map((code, position) => ({ code, position })).filter((t) => !have.has(t.code));
  if (missing.length) await tx.insert(AssetType, missing.map((t) => ({ ...t, name: null, builtin: true, active: true })));
  return missing.length;
}

/** Every type, built-ins first in their order, then the admins' own by position and id. */
export function listAssetTypes(m: EntityManager): Promise<AssetType[]> {
  return m.find(AssetType, { order: { builtin: "DESC", position: "ASC", id: "ASC" } });
}

/** The types for pages (filters, forms, labels): read on every asset page, changed only by the admin commands. */
export function cachedAssetTypes(db: DataSource): Promise<AssetType[]> {
  return cachedReference(db, "asset_types", () => listAssetTypes(db.manager));
}

/** How a type reads: a built-in in the reader's language, an admin's type by the name they gave it. */
export function typeLabel(type: Pick<AssetType, "code" | "name" | "builtin"> | null | undefined, t: Translate): string {
  if (!type) return "—";
  return type.builtin ? t(`assets.types.${type.code}`) : type.name ?? type.code;
}

/** A type's name to its stable code: "Docking station" -> "docking_station", accents dropped. */
export function typeCode(name: string): string {
  return name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40).replace(/_+$/, "");
}
