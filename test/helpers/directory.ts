import type { Deps } from "../../src/platform/deps";
import type { LdapConfig } from "../../src/platform/config";
import { invalidateReference } from "../../src/platform/db/reference-cache";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import { mapGroup } from "../../src/modules/directory/commands/mappings";
import { groupId, N1, N2, N3 } from "../factories";
import type { Slapd } from "./slapd";

/** The fixture's password of every person but Élodie. */
export const DIRECTORY_PASSWORD = "Secret-123";
export const ELODIE_PASSWORD = "Écrit-çà-123";

/**
 * Point the app at the fixture directory (the shared test config is changed in place:
 * keep what restoreLdap() needs). Disabled accounts are left out by the user filter,
 * as Active Directory's preset does with userAccountControl.
 */
export function configureLdap(deps: Deps, dir: Slapd, over: Partial<LdapConfig> = {}): void {
  Object.assign(deps.config.ldap, {
    url: dir.url, bindDn: dir.serviceDn, bindPassword: dir.servicePassword, bindPasswordFile: "",
    searchBase: "ou=people,dc=niveau,dc=test",
    searchFilter: "(&(objectClass=inetOrgPerson)(uid={{username}})(!(employeeType=disabled)))",
    usernameAttribute: "uid", groupSearchBase: "ou=groups,dc=niveau,dc=test",
    groupSearchFilter: "(&(objectClass=groupOfNames)(member={{dn}}))", nestedGroups: "expand",
    tlsCaFile: "", startTls: false, timeoutSeconds: 3, unmappedRole: "none", ...over,
  });
  invalidateReference(deps.db);
}

export function saveLdap(deps: Deps): () => void {
  const saved = { ...deps.config.ldap, attributes: { ...deps.config.ldap.attributes } };
  return () => {
    Object.assign(deps.config.ldap, saved);
    invalidateReference(deps.db);
  };
}

/** The fixture's groups mapped the way an IT team would: N1/N2/N3, managers, admins, everyone. */
export async function mapFixtureGroups(deps: Deps): Promise<void> {
  await mapGroup(deps, SYSTEM_ACTOR, { group: "IT-N1", role: "agent", groupIds: [await groupId(deps, N1)] });
  // by DN, written as an admin would copy it (upper case, spaces)
  await mapGroup(deps, SYSTEM_ACTOR, { group: "CN=IT-N2, OU=groups, DC=niveau, DC=test", role: "agent", groupIds: [await groupId(deps, N2)] });
  await mapGroup(deps, SYSTEM_ACTOR, { group: "IT-N3", role: "agent", groupIds: [await groupId(deps, N3)] });
  await mapGroup(deps, SYSTEM_ACTOR, { group: "IT-Managers", role: "supervisor", groupIds: [await groupId(deps, N1)] });
  await mapGroup(deps, SYSTEM_ACTOR, { group: "Niveau-Admins", role: "admin", groupIds: [] });
  await mapGroup(deps, SYSTEM_ACTOR, { group: "Everyone", role: "requester", groupIds: [] });
}
