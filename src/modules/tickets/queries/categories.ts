import type { EntityManager } from "typeorm";
import { Category } from "../category.entity";

export function listCategories(m: EntityManager, opts: { activeOnly?: boolean } = {}): Promise<Category[]> {
  return m.find(Category, { where: opts.activeOnly ? { active: true } : {}, order: { name: "ASC" } });
}
