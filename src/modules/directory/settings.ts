import fs from "node:fs";
import type { DataSource, EntityManager } from "typeorm";
import type { LdapConfig } from "../../platform/config";
import type { LdapSettings } from "../../platform/auth/ldap";
import { cachedReference } from "../../platform/db/reference-cache";
import { getSetting } from "../../platform/db/settings";

/** The settings row holding what the admin page overrides (never the bind password). */
export const LDAP_SETTING_KEY = "ldap";

/** Fields the admin page may override, flat: "attributes.email" is the email attribute. */
export const EDITABLE_FIELDS = [
  "url", "startTls", "tlsCaFile", "bindDn", "searchBase", "searchFilter", "usernameAttribute",
  "groupSearchBase", "groupSearchFilter", "nestedGroups", "timeoutSeconds", "unmappedRole",
  "attributes.displayName", "attributes.email", "attributes.phone", "attributes.department", "attributes.location", "attributes.locale",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type LdapOverrides = Partial<Record<EditableField, string | number | boolean>>;

export function fieldValue(cfg: LdapConfig, field: EditableField): string | number | boolean {
  if (field.startsWith("attributes.")) return cfg.attributes[field.slice("attributes.".length) as keyof LdapConfig["attributes"]];
  return cfg[field as Exclude<EditableField, `attributes.${string}`>];
}

/** The configuration (files and environment) with the admin page's overrides on top. */
export function withOverrides(base: LdapConfig, overrides: LdapOverrides): LdapConfig {
  const cfg: LdapConfig = { ...base, attributes: { ...base.attributes } };
  for (const field of EDITABLE_FIELDS) {
    const v = overrides[field];
    if (v === undefined) continue;
    if (field.startsWith("attributes.")) (cfg.attributes as Record<string, unknown>)[field.slice("attributes.".length)] = v;
    else (cfg as unknown as Record<string, unknown>)[field] = v;
  }
  return cfg;
}

/** The bind password: the environment's, else the file's (read at use, so a rotated file is picked up). */
function bindPassword(cfg: LdapConfig): string {
  if (cfg.bindPassword) return cfg.bindPassword;
  if (!cfg.bindPasswordFile) return "";
  try {
    return fs.readFileSync(cfg.bindPasswordFile, "utf8").replace(/\r?\n$/, "");
  } catch {
    return "";
  }
}

/** What the adapter works with; null when no directory is configured. */
export function toLdapSettings(cfg: LdapConfig): LdapSettings | null {
  const urls = cfg.url.trim().split(/\s+/).filter(Boolean);
  if (!urls.length) return null;
  return {
    urls, bindDn: cfg.bindDn.trim(), bindPassword: bindPassword(cfg), searchBase: cfg.searchBase.trim(),
    searchFilter: cfg.searchFilter.trim(), usernameAttribute: cfg.usernameAttribute.trim(), groupSearchBase: cfg.groupSearchBase.trim(),
    groupSearchFilter: cfg.groupSearchFilter.trim(), nestedGroups: cfg.nestedGroups, tlsCaFile: cfg.tlsCaFile.trim(),
    startTls: cfg.startTls, timeoutMs: cfg.timeoutSeconds * 1000, attributes: cfg.attributes,
  };
}

export async function readOverrides(m: EntityManager): Promise<LdapOverrides> {
  return getSetting<LdapOverrides>(m, LDAP_SETTING_KEY, {});
}

export interface DirectoryConfig {
  config: LdapConfig;
  overrides: LdapOverrides;
  settings: LdapSettings | null;
}

/** The effective directory configuration, from the reference cache (admin saves clear it). */
export function directoryConfig(db: DataSource, base: LdapConfig): Promise<DirectoryConfig> {
  return cachedReference(db, "directory-config", async () => {
    const overrides = await readOverrides(db.manager);
    const config = withOverrides(base, overrides);
    return { config, overrides, settings: toLdapSettings(config) };
  });
}
