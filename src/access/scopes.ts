import type { SelectQueryBuilder, ObjectLiteral } from "typeorm";
import type { Actor } from "./actor";
import { tierMask } from "./actor";

/**
 * The tickets an actor may see in any list, search, export or report. Mirrors
 * canTicket(..., "read"); anyone else falls back to "nothing but their own".
 */
export function scopeTickets<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: Actor, alias = "t"): SelectQueryBuilder<T> {
  if (actor.role === "supervisor") return qb;
  if (actor.role === "agent") {
    return qb.andWhere(
      `((${alias}.tiers_visited & :scopeMask) <> 0 OR ${alias}.assignee_id = :scopeUser OR ${alias}.requester_id = :scopeUser)`,
      { scopeMask: tierMask(actor), scopeUser: actor.id },
    );
  }
  return qb.andWhere(`${alias}.requester_id = :scopeUser`, { scopeUser: actor.id });
}
