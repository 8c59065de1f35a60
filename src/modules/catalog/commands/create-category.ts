import type { Actor } from "../../../access/actor";
import { authorizeCatalog } from "../../../access/policies/catalog.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { audit } from "../../admin/audit";
import { CatalogCategory } from "../catalog.entity";
import type { CategoryInput } from "../catalog.schemas";
import { assertCatalogCategoryNameFree } from "./category-rules";

/** A new catalog category, placed after the others. */
export async function createCatalogCategory(deps: Deps, actor: Actor, input: CategoryInput): Promise<CatalogCategory> {
  authorizeCatalog(actor, "manage");
  return withTransaction(deps.db, async (tx) => {
    await assertCatalogCategoryNameFree(tx, input.name);
    const last = await tx.findOne(CatalogCategory, { where: {}, order: { position: "DESC" } });
    const category = await tx.save(tx.create(CatalogCategory, {
      name: input.name, description: input.description, position: (last?.position ?? 0) + 1, active: true,
    }));
    await audit(tx, actor, "catalog_category.create", "catalog_category", category.id, { ...input }, deps.clock.now());
    return category;
  });
}
