import type { Actor } from "../../../access/actor";
import { reportScope } from "../../../access/policies/report.policy";

export interface ReportFilter {
  groupId: number | null;
  tier: number | null;
  categoryId: number | null;
}

/**
 * The WHERE clauses every report query adds over `alias`: the reader's scope and the
 * filters, as SQL with named parameters (turned positional by the caller).
 */
export function reportWhere(actor: Actor, f: ReportFilter, alias: string, person: "assignee_id" | "resolver_id"): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const scope = reportScope(actor, alias, person);
  if (scope) {
    parts.push(scope.sql);
    Object.assign(params, scope.params);
  }
  if (f.groupId !== null) {
    parts.push(`${alias}.group_id = :fgroup`);
    params.fgroup = f.groupId;
  }
  if (f.tier !== null) {
    parts.push(`${alias}.tier = :ftier`);
    params.ftier = f.tier;
  }
  if (f.categoryId !== null) {
    parts.push(`${alias}.category_id = :fcategory`);
    params.fcategory = f.categoryId;
  }
  return { sql: parts.length ? parts.map((p) => ` AND ${p}`).join("") : "", params };
}
