import type { Actor } from "../../../access/actor";
import { authorizeCatalog } from "../../../access/policies/catalog.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { audit } from "../../admin/audit";
import { CatalogItem } from "../catalog.entity";
import type { ItemInput } from "../catalog.schemas";
import { checkItemRefs, itemColumns } from "./item-rules";

/** A new catalog item (admins only), audited in the same transaction. The input is parsed with itemSchema. */
export async function createItem(deps: Deps, actor: Actor, input: ItemInput): Promise<CatalogItem> {
  authorizeCatalog(actor, "manage");
  return withTransaction(deps.db, async (tx) => {
    await checkItemRefs(tx, input);
    const now = deps.clock.now();
    const item = await tx.save(tx.create(CatalogItem, { ...itemColumns(input), version: 1, createdAt: now, updatedAt: now }));
    await audit(tx, actor, "catalog_item.create", "catalog_item", item.id, { name: item.name, fields: item.fields.length, tasks: item.tasks.length }, now);
    return item;
  });
}
