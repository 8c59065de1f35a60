import { ROLES, type Role, type Tier } from "../../access/roles";
import type { DirectoryGroup } from "../../platform/auth/ldap";

/** Precedence between mapped roles: the highest wins, shown in this order on the admin page. */
export const ROLE_RANK: Record<Role, number> = { requester: 1, agent: 2, supervisor: 3, admin: 4 };
export const ROLES_BY_PRECEDENCE: Role[] = [...ROLES].sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a]);

/** What people in no mapped group get: nothing (sign-in refused), or the requester role. */
export type UnmappedRole = "none" | "requester";

export interface MappedSupportGroup {
  id: number;
  name: string;
  tier: Tier;
}

export interface MappingRule {
  id: number;
  groupRef: string;
  groupKey: string;
  role: Role;
  supportGroups: MappedSupportGroup[];
}

/** A DN has an "="; anything else is a group's CN. */
export const isDn = (ref: string) => ref.includes("=");

/** Lower case, no spaces around the separators of a DN: "CN=IT-N2, OU=Groups" = "cn=it-n2,ou=groups". */
export function groupKey(ref: string): string {
  const trimmed = ref.trim().toLowerCase();
  return isDn(trimmed) ? trimmed.replace(/\s*(?<!\\)([,=+])\s*/g, "$1") : trimmed;
}

export function ruleMatches(rule: MappingRule, group: DirectoryGroup): boolean {
  return isDn(rule.groupKey) ? groupKey(group.dn) === rule.groupKey : group.name.trim().toLowerCase() === rule.groupKey;
}

export interface ResolvedAccess {
  /** null: no access to Niveau. */
  role: Role | null;
  /** The union of the support groups of every matching mapping. */
  groupIds: number[];
  matched: MappingRule[];
}

/**
 * The role and memberships a person's directory groups give. The highest mapped role
 * wins and memberships are the union, so someone in an agent group and a requester group
 * is an agent: a conflict never takes access away.
 */
export function resolveAccess(groups: DirectoryGroup[], rules: MappingRule[], unmapped: UnmappedRole): ResolvedAccess {
  const matched = rules.filter((r) => groups.some((g) => ruleMatches(r, g)));
  if (!matched.length) return { role: unmapped === "requester" ? "requester" : null, groupIds: [], matched };
  const role = matched.map((r) => r.role).reduce((a, b) => (ROLE_RANK[b] > ROLE_RANK[a] ? b : a));
  const groupIds = [...new Set(matched.flatMap((r) => r.supportGroups.map((g) => g.id)))].sort((a, b) => a - b);
  return { role, groupIds, matched };
}

/** Support groups some mapping hands out: for directory accounts, the directory decides membership of these. */
export function managedGroupIds(rules: MappingRule[]): Set<number> {
  return new Set(rules.flatMap((r) => r.supportGroups.map((g) => g.id)));
}
