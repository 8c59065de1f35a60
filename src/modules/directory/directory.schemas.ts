import { z } from "zod";
import { ROLES } from "../../access/roles";
import { checkbox, groupIds } from "../users/user.schemas";

const text = (max: number) => z.string().trim().max(max, "validation.too_long").optional().transform((v) => v ?? "");
const required = (max: number) => z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.too_long");
const attribute = z.string({ error: "validation.required" }).trim().max(100, "validation.too_long")
  .regex(/^([A-Za-z][\w-]*)?$/, "directory.errors.attribute");

/** A mapping: the group (DN or CN), the role, the support groups (checkboxes). */
export const mappingSchema = z.object({
  group: required(500),
  role: z.enum(ROLES, { error: "validation.choice" }),
  groupIds,
});
export type MappingInput = z.infer<typeof mappingSchema>;

/** The settings form, flat like the page; the cross-field rules are the configuration's (ldapProblems). */
export const settingsSchema = z.object({
  url: text(1000).refine((v) => v.split(/\s+/).filter(Boolean).every((u) => /^ldaps?:\/\/[^\s/]+\/?$/i.test(u)), "directory.errors.url"),
  startTls: checkbox,
  tlsCaFile: text(500),
  bindDn: text(500),
  searchBase: text(500),
  searchFilter: text(1000),
  usernameAttribute: attribute.min(1, "validation.required"),
  groupSearchBase: text(500),
  groupSearchFilter: text(1000),
  nestedGroups: z.enum(["off", "in-chain", "expand"], { error: "validation.choice" }),
  timeoutSeconds: z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "directory.errors.timeout").max(120, "directory.errors.timeout"),
  unmappedRole: z.enum(["none", "requester"], { error: "validation.choice" }),
  "attributes.displayName": attribute,
  "attributes.email": attribute,
  "attributes.phone": attribute,
  "attributes.department": attribute,
  "attributes.location": attribute,
  "attributes.locale": attribute,
});
export type SettingsInput = z.infer<typeof settingsSchema>;

export const testConnectionSchema = z.object({ username: required(200) });
export const applySyncSchema = z.object({ force: checkbox });
