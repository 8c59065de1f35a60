import type { Actor } from "../../../access/actor";
import { authorizeCatalog } from "../../../access/policies/catalog.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { audit } from "../../admin/audit";
import type { CatalogCategory } from "../catalog.entity";
import type { CategoryInput } from "../catalog.schemas";
import { assertCatalogCategoryNameFree, loadCatalogCategory } from "./category-rules";

/** A category's name and description. */
export async function renameCatalogCategory(deps: Deps, actor: Actor, categoryId: number, input: CategoryInput): Promise<CatalogCategory> {
  authorizeCatalog(actor, "manage");
  return withTransaction(deps.db, async (tx) => {
    const category = await loadCatalogCategory(tx, categoryId);
    await assertCatalogCategoryNameFree(tx, input.name, category.id);
    const before = { name: category.name, description: category.description };
    Object.assign(category, { name: input.name, description: input.description });
    await tx.save(category);
    await audit(tx, actor, "catalog_category.rename", "catalog_category", category.id, { before, after: { ...input } }, deps.clock.now());
    return category;
  });
}
