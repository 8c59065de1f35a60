import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { Category } from "../../tickets/category.entity";
import { audit } from "../audit";
import type { CategoryInput } from "../admin.schemas";
import { assertCategoryNameFree, assertDefaultGroup } from "./category-rules";
import { uniqueName } from "./unique";

export async function createCategory(deps: Deps, actor: Actor, input: CategoryInput): Promise<Category> {
  authorizeAdmin(actor);
  return uniqueName("name", "admin.errors.category_name_taken", () => withReferenceChange(deps.db, async (tx) => {
    await assertCategoryNameFree(tx, input.name);
    await assertDefaultGroup(tx, input);
    const category = await tx.save(tx.create(Category, { name: input.name, defaultGroupId: input.defaultGroupId, active: input.active }));
    await audit(tx, actor, "category.create", "category", category.id, { ...input }, deps.clock.now());
    return category;
  }));
}
