// What other modules may use of the catalog module.
export { CatalogItem, CatalogRequest, CatalogApproval, CatalogTask, CatalogCategory } from "./catalog.entity";
