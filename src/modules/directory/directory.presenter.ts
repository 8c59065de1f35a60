import type { Translate } from "../../platform/i18n";
import type { JobRunRow } from "../../platform/jobs";
import type { LdapConfig } from "../../platform/config";
import type { MappingRule } from "./access";
import type { FieldChange, PersonPlan } from "./plan";
import type { SyncIssue, SyncPreview, SyncReport } from "./commands/sync";
import { EDITABLE_FIELDS, fieldValue, type LdapOverrides } from "./settings";

/** The settings form's values: typed ones after a refusal, else the effective ones (checkbox as boolean, the rest as text). */
export function settingsValues(cfg: LdapConfig): Record<string, string | boolean> {
  return Object.fromEntries(EDITABLE_FIELDS.map((f) => {
    const v = fieldValue(cfg, f);
    return [f, typeof v === "boolean" ? v : String(v)];
  }));
}

/** Which fields the admin page overrides (shown next to each field). */
export function overriddenFields(overrides: LdapOverrides): Record<string, boolean> {
  return Object.fromEntries(Object.keys(overrides).map((k) => [k, true]));
}

export function presentRules(rules: MappingRule[], t: Translate) {
  return rules.map((r) => ({
    id: r.id, group: r.groupRef, role: t(`role.${r.role}`), roleCode: r.role,
    supportGroups: r.supportGroups.map((g) => `${g.name} (N${g.tier})`).join(", "),
  }));
}

function fieldLine(c: FieldChange, t: Translate): string {
  const show = (v: string | null) => (v === null || v === "" ? t("directory.sync.empty_value") : v);
  return t("directory.sync.field_change", { field: t(`directory.sync.fields.${c.field}`), from: show(c.from), to: show(c.to) });
}

/** One line per thing that changes for a person, in words. */
export function planDetails(p: PersonPlan, groupNames: Record<number, string>, t: Translate): string[] {
  const names = (ids: number[]) => ids.map((id) => groupNames[id] ?? `#${id}`).join(", ");
  const lines: string[] = [];
  if (p.reason === "gone" || p.reason === "unmapped") lines.push(t(`directory.sync.reasons.${p.reason}`));
  if (p.reactivate) lines.push(t("directory.sync.reactivate"));
  if (p.role?.from) lines.push(t("directory.sync.role_change", { from: t(`role.${p.role.from}`), to: t(`role.${p.role.to}`) }));
  else if (p.role) lines.push(t("directory.sync.field_value", { field: t("directory.sync.fields.role"), value: t(`role.${p.role.to}`) }));
  if (p.groupsAdded.length) lines.push(t("directory.sync.groups_added", { groups: names(p.groupsAdded) }));
  if (p.groupsRemoved.length) lines.push(t("directory.sync.groups_removed", { groups: names(p.groupsRemoved) }));
  for (const c of p.fields) {
    if (p.action !== "create") lines.push(fieldLine(c, t));
    // a new account: what it will hold (the name is already on the row)
    else if (c.field !== "displayName" && c.field !== "directoryDn" && c.to) lines.push(t("directory.sync.field_value", { field: t(`directory.sync.fields.${c.field}`), value: c.to }));
  }
  return lines;
}

export const issueText = (issue: SyncIssue, t: Translate) => t(`directory.sync.issues.${issue.code}`, issue.params);

/** A failed run's error: "[problem] detail" from the directory is said in words, the detail kept for IT. */
export function runError(error: string | null, t: Translate): string {
  const m = /^\[(unreachable|service_bind|tls|search)\] (.*)$/s.exec(error ?? "");
  return m ? `${t(`directory.settings.problems.${m[1]}`)} (${m[2]})` : error ?? "";
}

/** The preview table, capped: a directory of 50,000 people does not make a page of 50,000 rows. */
export const PREVIEW_ROWS = 1000;
export function presentPreview(preview: SyncPreview, t: Translate) {
  return {
    seen: preview.seen, counts: preview.counts, guard: preview.guard, errors: preview.errors.map((e) => issueText(e, t)),
    more: Math.max(0, preview.changes.length - PREVIEW_ROWS),
    rows: preview.changes.slice(0, PREVIEW_ROWS).map(({ plan }) => ({
      username: plan.username, displayName: plan.displayName, action: plan.action,
      details: planDetails(plan, preview.groupNames, t),
    })),
  };
}

export function presentRuns(runs: JobRunRow[], t: Translate) {
  return runs.map((r) => {
    const report = (r.report ?? null) as (SyncReport & { skipped?: string }) | null;
    return {
      id: r.id, startedAt: r.startedAt, finishedAt: r.finishedAt, trigger: r.trigger, outcome: r.outcome, error: runError(r.error, t),
      counts: { created: 0, updated: 0, deactivated: 0, failed: 0, ...r.counts },
      report: report && report.counts ? { ...report, errors: (report.errors ?? []).map((e) => issueText(e, t)) } : null,
    };
  });
}
