import type { EntityManager } from "typeorm";
import { invalid } from "../../../platform/http/errors";
import { Category } from "../../tickets/category.entity";
import { SupportGroup } from "../../users/group.entity";
import type { CategoryInput } from "../admin.schemas";

export async function assertCategoryNameFree(tx: EntityManager, name: string, exceptId?: number): Promise<void> {
  const qb = tx.createQueryBuilder(Category, "c").where("LOWER(c.name) = :name", { name: name.toLowerCase() });
  if (exceptId) qb.andWhere("c.id <> :id", { id: exceptId });
  if (await qb.getExists()) throw invalid({ name: "admin.errors.category_name_taken" }, "name_taken");
}

/** New tickets start at N1, so only an N1 group can be where a category's tickets land. */
export async function assertDefaultGroup(tx: EntityManager, input: CategoryInput): Promise<void> {
  if (input.defaultGroupId === null) return;
  const group = await tx.findOne(SupportGroup, { where: { id: input.defaultGroupId } });
  if (!group) throw invalid({ defaultGroupId: "validation.choice" });
  if (group.tier !== 1) throw invalid({ defaultGroupId: "admin.errors.default_group_tier" });
}
