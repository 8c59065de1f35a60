import type { Actor } from "../../../access/actor";
import { authorizeCatalog } from "../../../access/policies/catalog.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { invalid } from "../../../platform/http/errors";
import { audit } from "../../admin/audit";
import { CatalogCategory } from "../catalog.entity";

/**
 * The order of the categories on the portal: each id given its position (the numbers the
 * admin typed; ties fall back to the name). An id that is not a category is refused.
 */
export async function reorderCatalogCategories(deps: Deps, actor: Actor, positions: Map<number, number>): Promise<void> {
  authorizeCatalog(actor, "manage");
  await withTransaction(deps.db, async (tx) => {
    const all = new Map((await tx.find(CatalogCategory)).map((c) => [c.id, c]));
    const unknown = [...positions.keys()].filter((id) => !all.has(id));
    if (unknown.length) throw invalid(Object.fromEntries(unknown.map((id) => [`pos_${id}`, "validation.choice"])));
    const changed: Record<number, number> = {};
    for (const [id, position] of positions) {
      if (all.get(id)!.position === position) continue;
      await tx.update(CatalogCategory, { id }, { position });
      changed[id] = position;
    }
    if (Object.keys(changed).length) await audit(tx, actor, "catalog_category.reorder", "catalog_category", null, { positions: changed }, deps.clock.now());
  });
}
