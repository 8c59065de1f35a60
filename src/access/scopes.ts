import type { SelectQueryBuilder, ObjectLiteral } from "typeorm";
import type { Actor } from "./actor";
import { tierMask } from "./actor";

export interface SqlScope {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The tickets an actor may see in any list, search, export or report, as SQL with named
 * parameters. Mirrors canTicket(..., "read"); null = no restriction (a supervisor);
 * anyone else falls back to "nothing but their own".
 */
export function ticketScope(actor: Actor, alias = "t"): SqlScope | null {
  if (actor.role === "supervisor") return null;
  if (actor.role === "agent") {
    return {
      // staffReads: every agent also reads a major incident
      sql: `((${alias}.tiers_visited & :scopeMask) <> 0 OR ${alias}.assignee_id = :scopeUser OR ${alias}.requester_id = :scopeUser OR ${alias}.major = TRUE)`,
      params: { scopeMask: tierMask(actor), scopeUser: actor.id },
    };
  }
  return { sql: `${alias}.requester_id = :scopeUser`, params: { scopeUser: actor.id } };
}

/** The scope on an ORM query. */
export function scopeTickets<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: Actor, alias = "t"): SelectQueryBuilder<T> {
  const s = ticketScope(actor, alias);
  return s ? qb.andWhere(s.sql, s.params) : qb;
}
