import type { Role } from "../../access/roles";
import type { DirectoryPerson } from "../../platform/auth/ldap";
import type { ResolvedAccess } from "./access";

/** A directory account as Niveau holds it, with all its support-group memberships. */
export interface DirectoryAccount extends Pick<DirectoryPerson, "username" | "displayName" | "email" | "phone" | "department" | "location"> {
  id: number;
  locale: "en" | "fr" | null;
  role: Role;
  active: boolean;
  deactivatedBy: "admin" | "directory" | null;
  directoryDn: string | null;
  groupIds: number[];
}

export const PROFILE_FIELDS = ["displayName", "email", "phone", "department", "location", "locale", "directoryDn"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
type Profile = Record<ProfileField, string | null>;

export interface FieldChange {
  field: ProfileField;
  from: string | null;
  to: string | null;
}

export type PlanAction = "create" | "update" | "deactivate" | "unchanged" | "refuse";
export type PlanReason = "gone" | "unmapped" | "admin_deactivated";

/** What one person's directory entry does to their Niveau account; the same for sign-in, preview and apply. */
export interface PersonPlan {
  action: PlanAction;
  username: string;
  displayName: string;
  userId: number | null;
  fields: FieldChange[];
  role: { from: Role | null; to: Role } | null;
  groupsAdded: number[];
  groupsRemoved: number[];
  reactivate: boolean;
  reason: PlanReason | null;
  /** The values to write (create and update). */
  profile: Profile | null;
  nextRole: Role | null;
  nextGroupIds: number[];
}

const LENGTHS: Record<Exclude<ProfileField, "locale">, number> = {
  displayName: 200, email: 254, phone: 50, department: 120, location: 120, directoryDn: 1000,
};

/** "fr", "fr-FR", "fr_CA", "French"... -> fr; unknown -> null (the person's own choice stays). */
export function localeFrom(value: string | null): "en" | "fr" | null {
  const v = value?.trim().toLowerCase() ?? "";
  if (/^(fr|fra|fre|french|français|francais)([-_].*)?$/.test(v)) return "fr";
  if (/^(en|eng|english|anglais)([-_].*)?$/.test(v)) return "en";
  return null;
}

function profileOf(p: DirectoryPerson, current: DirectoryAccount | null): Profile {
  const cut = (v: string | null, f: keyof typeof LENGTHS) => (v == null ? null : v.slice(0, LENGTHS[f]));
  return {
    displayName: cut(p.displayName, "displayName"), email: cut(p.email, "email"), phone: cut(p.phone, "phone"),
    department: cut(p.department, "department"), location: cut(p.location, "location"),
    locale: localeFrom(p.locale) ?? current?.locale ?? null, directoryDn: cut(p.dn, "directoryDn"),
  };
}

const sameIds = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sorted = (ids: Iterable<number>) => [...new Set(ids)].sort((a, b) => a - b);

function base(username: string, displayName: string, userId: number | null): PersonPlan {
  return {
    action: "unchanged", username, displayName, userId, fields: [], role: null, groupsAdded: [], groupsRemoved: [],
    reactivate: false, reason: null, profile: null, nextRole: null, nextGroupIds: [],
  };
}

/**
 * A person found in the directory. Memberships of support groups that no mapping hands
 * out are left alone (an admin may add a directory agent to an extra group by hand).
 */
export function planPerson(person: DirectoryPerson, access: ResolvedAccess, current: DirectoryAccount | null, managed: Set<number>): PersonPlan {
  const plan = base(person.username, person.displayName, current?.id ?? null);
  if (current && !current.active && current.deactivatedBy !== "directory") return { ...plan, action: "refuse", reason: "admin_deactivated" };
  if (!access.role) {
    if (current?.active) return { ...plan, action: "deactivate", reason: "unmapped" };
    return { ...plan, action: current ? "unchanged" : "refuse", reason: "unmapped" };
  }
  const profile = profileOf(person, current);
  const held = current ? current.groupIds.filter((id) => managed.has(id)) : [];
  const nextGroupIds = sorted([...(current?.groupIds ?? []).filter((id) => !managed.has(id)), ...access.groupIds]);
  const fields = PROFILE_FIELDS
    .filter((f) => (current ? current[f] : null) !== profile[f] && (current || profile[f] !== null))
    .map((f) => ({ field: f, from: current ? current[f] : null, to: profile[f] }));
  const next: PersonPlan = {
    ...plan, profile, nextRole: access.role, nextGroupIds, fields,
    role: current?.role === access.role ? null : { from: current?.role ?? null, to: access.role },
    groupsAdded: access.groupIds.filter((id) => !held.includes(id)),
    groupsRemoved: held.filter((id) => !access.groupIds.includes(id)),
    reactivate: Boolean(current && !current.active),
  };
  if (!current) return { ...next, action: "create" };
  const changed = fields.length > 0 || next.role !== null || next.reactivate || !sameIds(sorted(current.groupIds), nextGroupIds);
  return { ...next, action: changed ? "update" : "unchanged" };
}

/** A directory account whose person the directory no longer returns (removed, disabled, or outside the filter). */
export function planGone(current: DirectoryAccount): PersonPlan {
  const plan = base(current.username, current.displayName, current.id);
  return current.active ? { ...plan, action: "deactivate", reason: "gone" } : plan;
}
