import type { Actor } from "../actor";
import { forbidden, notFound } from "../../platform/http/errors";
import type { SqlScope } from "../scopes";

/**
 * Reports: supervisors and admins see every figure; an agent sees the figures of the
 * tickets of their own groups and of those they hold (assigned now, or resolved by them);
 * anyone else sees none.
 */
export function canReport(actor: Actor): boolean {
  return actor.role === "supervisor" || actor.role === "admin" || actor.role === "agent";
}

/** Every group's figures (no scope). */
export function seesAllReports(actor: Actor): boolean {
  return actor.role === "supervisor" || actor.role === "admin";
}

export function authorizeReport(actor: Actor): void {
  if (!canReport(actor)) throw forbidden();
}

/**
 * A group asked for by name in a filter: one the reader may see the figures of, else a 404
 * (nobody learns another group's figures, nor that it exists, from the answer).
 */
export function authorizeReportGroup(actor: Actor, groupId: number, exists: boolean): void {
  if (!exists || (!seesAllReports(actor) && !actor.groups.some((g) => g.id === groupId))) throw notFound("report_group_not_found");
}

/**
 * The rows a report may count, as SQL over `alias` with the columns named: the group the
 * ticket is in and the person who holds it. null: no restriction. Mirrors canReport; a
 * role without reports gets "nothing".
 */
export function reportScope(actor: Actor, alias: string, personColumn: "assignee_id" | "resolver_id"): SqlScope | null {
  if (seesAllReports(actor)) return null;
  if (actor.role !== "agent") return { sql: "1 = 0", params: {} };
  const groups = actor.groups.map((g) => g.id);
  const inGroups = groups.length ? `${alias}.group_id IN (${groups.map((_, i) => `:rg${i}`).join(", ")}) OR ` : "";
  return {
    sql: `(${inGroups}${alias}.${personColumn} = :rme)`,
    params: { ...Object.fromEntries(groups.map((g, i) => [`rg${i}`, g])), rme: actor.id },
  };
}
