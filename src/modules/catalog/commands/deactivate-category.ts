import type { Actor } from "../../../access/actor";
import { authorizeCatalog } from "../../../access/policies/catalog.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { audit } from "../../admin/audit";
import type { CatalogCategory } from "../catalog.entity";
import { loadCatalogCategory } from "./category-rules";

/**
 * Withdraw a category from the portal (its items with it: they can no longer be ordered),
 * or offer it again. Nothing is deleted: requests made from its items keep them.
 */
export async function setCatalogCategoryActive(deps: Deps, actor: Actor, categoryId: number, active: boolean): Promise<CatalogCategory> {
  authorizeCatalog(actor, "manage");
  return withTransaction(deps.db, async (tx) => {
    const category = await loadCatalogCategory(tx, categoryId);
    if (category.active === active) return category;
    category.active = active;
    await tx.save(category);
    await audit(tx, actor, active ? "catalog_category.reactivate" : "catalog_category.deactivate", "catalog_category", category.id, { name: category.name }, deps.clock.now());
    return category;
  });
}
