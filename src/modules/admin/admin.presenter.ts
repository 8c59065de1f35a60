import type { Translate } from "../../platform/i18n";
import type { Actor } from "../../access/actor";
import type { User } from "../users/user.entity";
import type { SupportGroup } from "../users/group.entity";
import type { Category } from "../tickets/category.entity";
import type { UserRow } from "./queries/users";
import type { AuditRow } from "./queries/audit-log";

/** Plain objects for the admin views: labels translated, permissions as flags, nothing to compute in a template. */

export type FormValues = Record<string, unknown>;

/** Checkbox state from either a stored list of ids or a posted field (absent, one value, or many). */
export function checkedIds(v: unknown): string[] {
  if (v === undefined || v === null || v === "") return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

export function groupLabel(g: { name: string; tier: number }): string {
  return `${g.name} (N${g.tier})`;
}

export function presentUserRows(rows: UserRow[], actor: Actor, t: Translate) {
  return rows.map((u) => ({
    id: u.id, username: u.username, displayName: u.displayName, email: u.email ?? "", role: t(`role.${u.role}`),
    groups: u.groups.map(groupLabel).join(", "), active: u.active, vip: u.vip, directory: u.provider === "ldap", self: u.id === actor.id,
  }));
}

/** The edit form starts from the stored user; after a refusal it shows what was typed instead. */
export function userFormValues(user: User, groupIds: number[], manager: string | null = null): FormValues {
  return {
    username: user.username, displayName: user.displayName, email: user.email ?? "", phone: user.phone ?? "",
    department: user.department ?? "", location: user.location ?? "", locale: user.locale ?? "", role: user.role,
    vip: user.vip, active: user.active, groupIds, manager: manager ?? "",
  };
}

/** Never echo a password back into a page. */
export function typedValues(body: unknown): FormValues {
  return Object.fromEntries(Object.entries((body ?? {}) as FormValues).filter(([k]) => k !== "password" && k !== "_csrf"));
}

export function userCan(user: User, actor: Actor) {
  // a directory account's password lives in the directory (setPassword refuses it too)
  return { resetPassword: user.provider === "local", self: user.id === actor.id };
}

export function groupOptions(groups: SupportGroup[]) {
  return groups.map((g) => ({ id: g.id, label: groupLabel(g), tier: g.tier }));
}

export function presentCategories(categories: Category[], groups: SupportGroup[]) {
  const names = new Map(groups.map((g) => [g.id, groupLabel(g)]));
  return categories.map((c) => ({ id: c.id, name: c.name, active: c.active, group: c.defaultGroupId ? names.get(c.defaultGroupId) ?? "" : "" }));
}

const ENTITY_PAGES: Record<string, string> = { user: "/admin/users", group: "/admin/groups", category: "/admin/categories" };

export function presentAudit(rows: AuditRow[], t: Translate) {
  return rows.map((r) => ({
    id: r.id, at: r.createdAt,
    who: r.actorName ?? t("admin.audit.system"),
    // actions written by other modules may have no label yet: show the stable code then
    action: t(`admin.audit.actions.${r.action}`, { defaultValue: r.action }),
    code: r.action,
    entity: `${t(`admin.audit.entities.${r.entityType}`, { defaultValue: r.entityType })}${r.entityId && r.entityType !== "setting" ? ` #${r.entityId}` : ""}`,
    href: r.entityId && ENTITY_PAGES[r.entityType] ? `${ENTITY_PAGES[r.entityType]}/${encodeURIComponent(r.entityId)}` : null,
    details: r.details ? JSON.stringify(r.details) : "",
  }));
}

/** Query string of the current filters, to build the pagination links. */
export function pageLinks(base: string, filters: Record<string, string | undefined>, cursor: string | undefined, nextCursor: string | null) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  const first = q.toString() ? `${base}?${q.toString()}` : base;
  const next = nextCursor ? (() => { const n = new URLSearchParams(q); n.set("cursor", nextCursor); return `${base}?${n.toString()}`; })() : null;
  return { nextUrl: next, firstUrl: cursor ? first : null };
}
