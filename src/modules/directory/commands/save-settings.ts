import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { ldapProblems, type LdapRule } from "../../../platform/config";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { putSetting } from "../../../platform/db/settings";
import { invalid } from "../../../platform/http/errors";
import { audit } from "../../admin/audit";
import type { SettingsInput } from "../directory.schemas";
import { EDITABLE_FIELDS, fieldValue, LDAP_SETTING_KEY, withOverrides, type LdapOverrides } from "../settings";

const RULE_KEYS: Record<LdapRule, string> = {
  required: "validation.required",
  username_placeholder: "directory.errors.username_placeholder",
  dn_placeholder: "directory.errors.dn_placeholder",
};

/**
 * The admin page's settings. Only what differs from the configuration (files and
 * environment) is kept, so a value set in the environment later still applies where the
 * admin did not change it. The bind password is never stored here.
 */
export async function saveDirectorySettings(deps: Deps, actor: Actor, input: SettingsInput): Promise<LdapOverrides> {
  authorizeAdmin(actor);
  const base = deps.config.ldap;
  const overrides: LdapOverrides = {};
  for (const field of EDITABLE_FIELDS) {
    if (input[field] !== fieldValue(base, field)) overrides[field] = input[field];
  }
  const problems = ldapProblems(withOverrides(base, overrides));
  if (problems.length) throw invalid(Object.fromEntries(problems.map(([field, rule]) => [field, RULE_KEYS[rule]])));
  await withReferenceChange(deps.db, async (tx) => {
    await putSetting(tx, LDAP_SETTING_KEY, overrides);
    await audit(tx, actor, "directory.settings", "setting", LDAP_SETTING_KEY, { overridden: Object.keys(overrides) }, deps.clock.now());
  });
  return overrides;
}
