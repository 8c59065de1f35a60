import type { SettingsInput } from "./directory.schemas";

type Preset = Pick<SettingsInput, "searchFilter" | "usernameAttribute" | "groupSearchFilter" | "nestedGroups"
  | "attributes.displayName" | "attributes.email" | "attributes.phone" | "attributes.department" | "attributes.location" | "attributes.locale">;

const AD_ATTRIBUTES = {
  "attributes.displayName": "displayName", "attributes.email": "mail", "attributes.phone": "telephoneNumber",
  "attributes.department": "department", "attributes.location": "physicalDeliveryOfficeName", "attributes.locale": "preferredLanguage",
} as const;
/** Active Directory: people only, and not the disabled accounts (userAccountControl bit 2). */
const AD_PERSON = "(objectCategory=person)(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2))";

/** Starting points for the settings form; the admin page fills the form with one, nothing is saved until they save. */
export const PRESETS: Record<"openldap" | "ad-samaccountname" | "ad-upn", Preset> = {
  openldap: {
    searchFilter: "(&(objectClass=inetOrgPerson)(uid={{username}}))", usernameAttribute: "uid",
    groupSearchFilter: "(&(objectClass=groupOfNames)(member={{dn}}))", nestedGroups: "expand",
    "attributes.displayName": "displayName", "attributes.email": "mail", "attributes.phone": "telephoneNumber",
    "attributes.department": "departmentNumber", "attributes.location": "l", "attributes.locale": "preferredLanguage",
  },
  "ad-samaccountname": {
    searchFilter: `(&${AD_PERSON}(sAMAccountName={{username}}))`, usernameAttribute: "sAMAccountName",
    groupSearchFilter: "(&(objectClass=group)(member={{dn}}))", nestedGroups: "in-chain", ...AD_ATTRIBUTES,
  },
  "ad-upn": {
    searchFilter: `(&${AD_PERSON}(userPrincipalName={{username}}))`, usernameAttribute: "userPrincipalName",
    groupSearchFilter: "(&(objectClass=group)(member={{dn}}))", nestedGroups: "in-chain", ...AD_ATTRIBUTES,
  },
};
export type PresetName = keyof typeof PRESETS;
export const isPreset = (v: unknown): v is PresetName => typeof v === "string" && Object.hasOwn(PRESETS, v);
