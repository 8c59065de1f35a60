import type { EntityManager } from "typeorm";
import { conflict, invalid } from "../../../platform/http/errors";
import { SupportGroup } from "../../users/group.entity";
import { Category } from "../../tickets/category.entity";
import { Ticket } from "../../tickets/ticket.entity";
import { OPEN_STATUSES } from "../../tickets/ticket.types";

/** "N2 support" and "N2 Support" would be two groups no one can tell apart in a select. */
export async function assertGroupNameFree(tx: EntityManager, name: string, exceptId?: number): Promise<void> {
  const qb = tx.createQueryBuilder(SupportGroup, "g").where("LOWER(g.name) = :name", { name: name.toLowerCase() });
  if (exceptId) qb.andWhere("g.id <> :id", { id: exceptId });
  if (await qb.getExists()) throw invalid({ name: "admin.errors.group_name_taken" }, "name_taken");
}

/**
 * A group's tier is what its members may work and where its tickets sit. Moving it while
 * it holds open tickets would leave them at a tier their group no longer works; moving a
 * category's default group off N1 would silently send new tickets elsewhere (createTicket
 * only honours an N1 default). Both are refused until the tickets or categories move.
 */
export async function assertTierChangeAllowed(tx: EntityManager, group: SupportGroup, tier: number): Promise<void> {
  if (group.tier === tier) return;
  const openTickets = await tx.createQueryBuilder(Ticket, "t")
    .where("t.group_id = :id AND t.status IN (:...open)", { id: group.id, open: [...OPEN_STATUSES] }).getCount();
  if (openTickets) throw conflict("group_has_open_tickets", "admin.errors.group_has_open_tickets", { n: openTickets });
  if (group.tier === 1 && (await tx.count(Category, { where: { defaultGroupId: group.id } }))) {
    throw conflict("group_is_category_default", "admin.errors.group_is_category_default");
  }
}
