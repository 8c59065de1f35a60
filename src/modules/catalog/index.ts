// What other modules may use of the catalog module.
export { CatalogItem, CatalogRequest, CatalogApproval, CatalogTask, CatalogCategory } from "./catalog.entity";
export { FIELD_TYPES, APPROVALS, type CatalogField, type CatalogTaskDef, type RequestAnswer } from "./catalog.entity";
export { CATALOG_ICONS, itemSchema, type ItemInput } from "./catalog.schemas";
export { createItem } from "./commands/create-item";
export { createCatalogCategory } from "./commands/create-category";
export { createRequest } from "./commands/create-request";
export { requestPanel } from "./queries/request-panel";
// approvals and fulfilment: the ticket workflow's hook, the ticket page's panel, the history lines
export { afterTaskStatusChange, hasOpenFulfilmentTasks, isFulfilmentTask } from "./task-progress";
export { fulfilmentPanel, type FulfilmentPanel } from "./queries/fulfilment";
export { pendingApprovalCount } from "./queries/approvals";
export { describeCatalogHistory } from "./approvals.presenter";
