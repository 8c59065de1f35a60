import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import type { Ticket } from "../../tickets/ticket.entity";
import type { CatalogItem } from "../catalog.entity";

/**
 * What happens to a request once it is made, in its transaction: it waits for approval
 * (pending, "awaiting approval") or, needing none, goes to fulfilment (its tasks created).
 * TODO(approvals): written by the approvals work.
 */
export async function routeNewRequest(_tx: EntityManager, _deps: Deps, _actor: Actor, _ticket: Ticket, _item: CatalogItem, _now: Date): Promise<void> {
  // replaced by the approvals and fulfilment work
}
