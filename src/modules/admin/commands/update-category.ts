import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { notFound } from "../../../platform/http/errors";
import { Category } from "../../tickets/category.entity";
import { audit } from "../audit";
import type { CategoryInput } from "../admin.schemas";
import { assertCategoryNameFree, assertDefaultGroup } from "./category-rules";
import { uniqueName } from "./unique";

/** Name, default group, active. A deactivated category stays on its tickets but is no longer offered. */
export async function updateCategory(deps: Deps, actor: Actor, categoryId: number, input: CategoryInput): Promise<Category> {
  authorizeAdmin(actor);
  return uniqueName("name", "admin.errors.category_name_taken", () => withReferenceChange(deps.db, async (tx) => {
    const category = await tx.findOne(Category, { where: { id: categoryId } });
    if (!category) throw notFound("category_not_found");
    await assertCategoryNameFree(tx, input.name, category.id);
    await assertDefaultGroup(tx, input);
    const before = { name: category.name, defaultGroupId: category.defaultGroupId, active: category.active };
    Object.assign(category, { name: input.name, defaultGroupId: input.defaultGroupId, active: input.active });
    await tx.save(category);
    await audit(tx, actor, "category.update", "category", category.id, { before, after: { ...input } }, deps.clock.now());
    return category;
  }));
}
