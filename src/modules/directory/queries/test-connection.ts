import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import {
  DirectoryUnavailable, groupFilter, userFilter, withDirectory, type DirectoryGroup, type DirectoryPerson, type DirectoryProblem,
} from "../../../platform/auth/ldap";
import { resolveAccess, type ResolvedAccess } from "../access";
import { directoryConfig } from "../settings";
import { loadRules } from "./mappings";

export type ConnectionTest =
  | { ok: true; url: string; filter: string; groupFilter: string | null; person: DirectoryPerson | null; groups: DirectoryGroup[]; access: ResolvedAccess | null }
  | { ok: false; problem: DirectoryProblem | "not_configured"; message: string };

/** "Test connection": bind as the service account, look one person up, show what they would get. Changes nothing. */
export async function testConnection(deps: Deps, actor: Actor, username: string): Promise<ConnectionTest> {
  authorizeAdmin(actor);
  const { settings, config } = await directoryConfig(deps.db, deps.config.ldap);
  if (!settings) return { ok: false, problem: "not_configured", message: "" };
  const rules = await loadRules(deps.db.manager);
  try {
    return await withDirectory(settings, async (d) => {
      const person = await d.findPerson(username);
      const groups = person ? await d.groupsOf(person.dn) : [];
      return {
        ok: true as const, url: d.url, filter: userFilter(settings, username),
        groupFilter: person && settings.groupSearchBase ? groupFilter(settings, person.dn) : null,
        person, groups, access: person ? resolveAccess(groups, rules, config.unmappedRole) : null,
      };
    });
  } catch (err) {
    if (err instanceof DirectoryUnavailable) return { ok: false, problem: err.problem, message: err.message };
    throw err;
  }
}
