import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { notFound } from "../../../platform/http/errors";
import { Category } from "../../tickets/category.entity";
import { listCategories } from "../../tickets/queries/categories";

/** All categories, active or not (the portal only offers the active ones). */
export async function listAllCategories(deps: Deps, actor: Actor): Promise<Category[]> {
  authorizeAdmin(actor);
  return listCategories(deps.db.manager);
}

export async function getCategory(deps: Deps, actor: Actor, categoryId: number): Promise<Category> {
  authorizeAdmin(actor);
  const category = await deps.db.manager.findOne(Category, { where: { id: categoryId } });
  if (!category) throw notFound("category_not_found");
  return category;
}
