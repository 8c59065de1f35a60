import type { DataSource, EntityManager } from "typeorm";
import { cachedReference } from "../../../platform/db/reference-cache";
import { Category } from "../category.entity";

export function listCategories(m: EntityManager): Promise<Category[]> {
  return m.find(Category, { order: { name: "ASC" } });
}

/** For pages: every category (active or not), from the reference cache. */
export function cachedCategories(db: DataSource): Promise<Category[]> {
  return cachedReference(db, "categories", () => listCategories(db.manager));
}
