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
  filter_syntax: "directory.errors.filter_syntax",
};

function hostsOf(urls: string): Set<string> {
  return new Set(urls.split(/\s+/).filter(Boolean).map((u) => {
    try {
      return new URL(u).hostname.toLowerCase();
    } catch {
      return u.toLowerCase();
    }
  }));
}

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
  const fields: Record<string, string> = Object.fromEntries(ldapProblems(withOverrides(base, overrides)).map(([field, rule]) => [field, RULE_KEYS[rule]]));
  // the service password (from the environment) is only ever sent to the servers the environment names
  const allowed = hostsOf(base.url);
  if (typeof overrides.url === "string" && allowed.size && [...hostsOf(overrides.url)].some((h) => !allowed.has(h))) {
    fields.url = "directory.errors.url_host";
  }
  // nor in clear to a server the environment reaches over TLS
  const effective = withOverrides(base, overrides);
  const plain = (cfg: typeof base) => cfg.url.split(/\s+/).filter(Boolean).some((u) => u.toLowerCase().startsWith("ldap://")) && !cfg.startTls;
  if (!plain(base) && plain(effective) && base.url.trim()) fields.startTls = "directory.errors.tls_downgrade";
  if (Object.keys(fields).length) throw invalid(fields);
  await withReferenceChange(deps.db, async (tx) => {
    await putSetting(tx, LDAP_SETTING_KEY, overrides);
    await audit(tx, actor, "directory.settings", "setting", LDAP_SETTING_KEY, { overridden: Object.keys(overrides) }, deps.clock.now());
  });
  return overrides;
}
