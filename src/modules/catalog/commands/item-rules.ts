import { In, type EntityManager } from "typeorm";
import { conflict, invalid, type FieldErrors } from "../../../platform/http/errors";
import { SupportGroup } from "../../users/group.entity";
import { User } from "../../users/user.entity";
import { AssetType } from "../../assets";
import { CatalogCategory, CatalogItem } from "../catalog.entity";
import type { ItemInput } from "../catalog.schemas";
import { knownAssetTypeCodes } from "../queries/pickers";

/**
 * What the schema cannot know: the category, groups, approver and asset types named by an
 * item exist. Every bad reference is reported at once, under the input's own path
 * ("tasks.1.groupId"), so the form shows it on the right row.
 */
export async function checkItemRefs(tx: EntityManager, input: ItemInput): Promise<void> {
  const fields: FieldErrors = {};
  const groupIds = [...new Set([input.groupId, ...input.tasks.map((t) => t.groupId)])];
  const groups = new Set((await tx.find(SupportGroup, { select: { id: true }, where: { id: In(groupIds) } })).map((g) => g.id));
  if (!groups.has(input.groupId)) fields.groupId = "validation.choice";
  input.tasks.forEach((t, i) => {
    if (!groups.has(t.groupId)) fields[`tasks.${i}.groupId`] = "validation.choice";
  });
  if (input.categoryId && !(await tx.exists(CatalogCategory, { where: { id: input.categoryId } }))) fields.categoryId = "validation.choice";
  if (input.approverId && !(await tx.exists(User, { where: { id: input.approverId, active: true } }))) fields.approverId = "validation.unknown_user";
  if (input.fulfilAssetTypeId && !(await tx.exists(AssetType, { where: { id: input.fulfilAssetTypeId } }))) fields.fulfilAssetTypeId = "validation.choice";
  const known = await knownAssetTypeCodes(tx, [...new Set(input.fields.flatMap((f) => f.assetTypes ?? []))]);
  input.fields.forEach((f, i) => {
    if ((f.assetTypes ?? []).some((c) => !known.has(c))) fields[`fields.${i}.assetTypes`] = "catalog.errors.asset_types";
  });
  if (Object.keys(fields).length) throw invalid(fields);
}

/** The columns an item's definition sets (an approver only matters when there is an approval). */
export function itemColumns(input: ItemInput): Partial<CatalogItem> {
  return {
    name: input.name, description: input.description, categoryId: input.categoryId, icon: input.icon, groupId: input.groupId,
    slaPriority: input.slaPriority, approval: input.approval, approverId: input.approval === "none" ? null : input.approverId,
    fields: input.fields, tasks: input.tasks, fulfilAssetTypeId: input.fulfilAssetTypeId, active: input.active, position: input.position,
  };
}

/** A change made on a stale page: 409, the item as it is now is what the editor should see. */
export function assertItemVersion(item: CatalogItem, expected: number | undefined): void {
  if (expected !== undefined && expected !== item.version) throw conflict("catalog_item_changed", "catalog.errors.changed");
}
