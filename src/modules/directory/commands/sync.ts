import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withDirectory, type DirectoryPerson } from "../../../platform/auth/ldap";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { conflict } from "../../../platform/http/errors";
import { SupportGroup } from "../../users/group.entity";
import { managedGroupIds, resolveAccess, type ResolvedAccess } from "../access";
import { planGone, planPerson, type PersonPlan, type PlanAction } from "../plan";
import { directoryConfig } from "../settings";
import { loadRules } from "../queries/mappings";
import { loadAccounts } from "../queries/accounts";
import { applyPlan } from "./apply-plan";

/** Deactivating more than this share of the directory accounts at once needs "force": a wrong filter must not lock everyone out. */
export const MAX_DEACTIVATE_SHARE = 0.25;
/** Below this many, deactivations never need force (one person leaving a five-person desk is normal)... */
const MAX_DEACTIVATE_UNGUARDED = 2;

/** ...but deactivating every account, or more than the share, does. */
export function needsForce(deactivations: number, activeAccounts: number, seen: number): boolean {
  if (deactivations === 0) return false;
  if (seen === 0 || (deactivations === activeAccounts && activeAccounts > 1)) return true;
  return deactivations > Math.max(MAX_DEACTIVATE_UNGUARDED, Math.floor(activeAccounts * MAX_DEACTIVATE_SHARE));
}

/** Something the sync met and left alone, said as a code and its values (translated where it is shown). */
export interface SyncIssue {
  code: "duplicate_username" | "no_username" | "held_back" | "apply_failed";
  params: Record<string, string | number>;
}
/** How many names per action a stored report keeps (the counts are always complete). */
const REPORT_NAMES = 500;

interface Planned {
  plan: PersonPlan;
  person: DirectoryPerson | null;
  access: ResolvedAccess | null;
}

export interface SyncPreview {
  seen: number;
  counts: Record<PlanAction, number>;
  /** create, update and deactivate plans, in that order then by username. */
  changes: Planned[];
  groupNames: Record<number, string>;
  errors: SyncIssue[];
  /** Set when the deactivations would need force. */
  guard: { deactivations: number; accounts: number } | null;
}

const ORDER: Record<PlanAction, number> = { create: 0, update: 1, deactivate: 2, unchanged: 3, refuse: 4 };

/** What a sync would do, changing nothing: the directory read once (paged), compared with every directory account. */
export async function previewSync(deps: Deps, actor: Actor): Promise<SyncPreview> {
  authorizeAdmin(actor);
  const { settings, config } = await directoryConfig(deps.db, deps.config.ldap);
  if (!settings) throw conflict("directory_not_configured", "directory.errors.not_configured");
  const m = deps.db.manager;
  const [rules, accounts, groups] = await Promise.all([loadRules(m), loadAccounts(m), m.find(SupportGroup)]);
  const managed = managedGroupIds(rules);
  const errors: SyncIssue[] = [];
  const { found, unnamed } = await withDirectory(settings, async (d) => {
    const { people, unnamed } = await d.listPeople();
    const byName = new Map<string, DirectoryPerson[]>();
    for (const person of people) byName.set(person.username, [...(byName.get(person.username) ?? []), person]);
    const out: { person: DirectoryPerson; access: ResolvedAccess }[] = [];
    for (const [username, same] of byName) {
      // which one is the account? neither is guessed: the account stays as it is
      if (same.length > 1) {
        errors.push({ code: "duplicate_username", params: { username, count: same.length, dns: same.map((p) => p.dn).join(" | ") } });
        continue;
      }
      out.push({ person: same[0], access: resolveAccess(await d.groupsOf(same[0].dn), rules, config.unmappedRole) });
    }
    return { found: out, unnamed };
  });
  for (const dn of unnamed) errors.push({ code: "no_username", params: { dn, attribute: settings.usernameAttribute } });
  const planned: Planned[] = found.map(({ person, access }) => ({ plan: planPerson(person, access, accounts.get(person.username) ?? null, managed), person, access }));
  // an account is "gone" only if the directory said nothing about its username or its DN
  const spoken = new Set([...found.map((f) => f.person.username), ...errors.filter((e) => e.code === "duplicate_username").map((e) => String(e.params.username))]);
  const unnamedDns = new Set(unnamed.map((dn) => dn.toLowerCase()));
  for (const account of accounts.values()) {
    if (spoken.has(account.username) || (account.directoryDn && unnamedDns.has(account.directoryDn.toLowerCase()))) continue;
    planned.push({ plan: planGone(account), person: null, access: null });
  }
  const counts: Record<PlanAction, number> = { create: 0, update: 0, deactivate: 0, unchanged: 0, refuse: 0 };
  for (const p of planned) counts[p.plan.action]++;
  const active = [...accounts.values()].filter((a) => a.active).length;
  return {
    seen: found.length, counts, errors,
    changes: planned.filter((p) => ORDER[p.plan.action] < 3).sort((a, b) => ORDER[a.plan.action] - ORDER[b.plan.action] || a.plan.username.localeCompare(b.plan.username)),
    groupNames: Object.fromEntries(groups.map((g) => [g.id, g.name])),
    guard: needsForce(counts.deactivate, active, found.length) ? { deactivations: counts.deactivate, accounts: active } : null,
  };
}

export interface SyncReport {
  seen: number;
  counts: { created: number; updated: number; deactivated: number; unchanged: number; failed: number };
  created: string[];
  updated: string[];
  deactivated: string[];
  errors: SyncIssue[];
  /** Deactivations held back by the guard. */
  heldBack: number;
}

/**
 * Apply a fresh preview. Each person is written in their own transaction, re-planned
 * from what the database holds at that moment (a sign-in may have run since the
 * preview), so one bad entry fails alone and is reported.
 */
export async function applySync(deps: Deps, actor: Actor, opts: { force?: boolean } = {}): Promise<SyncReport> {
  const preview = await previewSync(deps, actor);
  const report: SyncReport = {
    seen: preview.seen, counts: { created: 0, updated: 0, deactivated: 0, unchanged: preview.counts.unchanged, failed: 0 },
    created: [], updated: [], deactivated: [], errors: [...preview.errors], heldBack: 0,
  };
  const holdBack = preview.guard !== null && !opts.force;
  if (holdBack) {
    report.heldBack = preview.counts.deactivate;
    report.errors.push({ code: "held_back", params: { deactivations: preview.counts.deactivate, accounts: preview.guard!.accounts } });
  }
  const rules = await loadRules(deps.db.manager);
  const managed = managedGroupIds(rules);
  for (const { plan, person, access } of preview.changes) {
    if (plan.action === "deactivate" && holdBack) continue;
    try {
      const done = await withReferenceChange(deps.db, async (tx) => {
        const current = (await loadAccounts(tx, [plan.username])).get(plan.username) ?? null;
        const fresh = person && access ? planPerson(person, access, current, managed) : current ? planGone(current) : null;
        if (!fresh) return null;
        await applyPlan(tx, fresh, actor, deps.clock.now());
        return fresh.action;
      });
      const list = done === "create" ? report.created : done === "update" ? report.updated : done === "deactivate" ? report.deactivated : null;
      if (list) {
        report.counts[done === "create" ? "created" : done === "update" ? "updated" : "deactivated"]++;
        if (list.length < REPORT_NAMES) list.push(plan.username);
      }
    } catch (err) {
      report.counts.failed++;
      report.errors.push({ code: "apply_failed", params: { username: plan.username, message: (err as Error).message } });
      deps.logger.error({ err, username: plan.username }, "directory sync: could not apply a change");
    }
  }
  return report;
}
