import type { Actor } from "../../../access/actor";
import { authorizeCatalog } from "../../../access/policies/catalog.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { conflict, notFound } from "../../../platform/http/errors";
import { audit } from "../../admin/audit";
import { CatalogItem } from "../catalog.entity";
import type { ItemInput } from "../catalog.schemas";
import { assertItemVersion, checkItemRefs, itemColumns } from "./item-rules";

/**
 * Replace an item's definition (admins only) on the version the editor saw: a stale page
 * is a 409, and two saves racing on one version cannot both win (the write checks it).
 * Requests already made keep their answers as they were asked (labels are stored with them).
 */
export async function updateItem(deps: Deps, actor: Actor, itemId: number, input: ItemInput & { version?: number }): Promise<CatalogItem> {
  authorizeCatalog(actor, "manage");
  return withTransaction(deps.db, async (tx) => {
    const item = await tx.findOne(CatalogItem, { where: { id: itemId } });
    if (!item) throw notFound("catalog_item_not_found");
    assertItemVersion(item, input.version);
    await checkItemRefs(tx, input);
    const now = deps.clock.now();
    const set = { ...itemColumns(input), version: item.version + 1, updatedAt: now };
    const res = await tx.createQueryBuilder().update(CatalogItem).set(set).where("id = :id AND version = :v", { id: item.id, v: item.version }).execute();
    // another save won the race on this version: the same 409 as a stale page, this transaction rolls back
    if (res.affected === 0) throw conflict("catalog_item_changed", "catalog.errors.changed");
    const before = { name: item.name, active: item.active, fields: item.fields.map((f) => f.name), tasks: item.tasks.length };
    await audit(tx, actor, "catalog_item.update", "catalog_item", item.id, { before, after: { name: input.name, active: input.active, fields: input.fields.map((f) => f.name), tasks: input.tasks.length } }, now);
    return Object.assign(item, set);
  });
}
