import type { EntityManager } from "typeorm";
import { invalid, notFound } from "../../../platform/http/errors";
import { CatalogCategory } from "../catalog.entity";

/** Two categories of one name would read as one on the portal (no unique index: checked here, case-insensitively). */
export async function assertCatalogCategoryNameFree(tx: EntityManager, name: string, exceptId?: number): Promise<void> {
  const qb = tx.createQueryBuilder(CatalogCategory, "c").where("LOWER(c.name) = :name", { name: name.toLowerCase() });
  if (exceptId) qb.andWhere("c.id <> :id", { id: exceptId });
  if (await qb.getExists()) throw invalid({ name: "catalog.errors.category_name_taken" }, "name_taken");
}

export async function loadCatalogCategory(tx: EntityManager, id: number): Promise<CatalogCategory> {
  const c = Number.isSafeInteger(id) && id > 0 ? await tx.findOne(CatalogCategory, { where: { id } }) : null;
  if (!c) throw notFound("catalog_category_not_found");
  return c;
}
