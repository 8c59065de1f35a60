import { z } from "zod";
import { APPROVALS, FIELD_TYPES, type CatalogField } from "./catalog.entity";

/** The pictures an item may have (views/catalog/_icon.ejs draws each one as inline SVG). */
export const CATALOG_ICONS = ["laptop", "desktop", "software", "key", "phone", "printer", "wrench", "person", "badge", "box"] as const;
export type CatalogIcon = (typeof CATALOG_ICONS)[number];

/** An answer key: what API clients send, so a stable slug. */
export const FIELD_NAME = /^[a-z][a-z0-9_]{0,39}$/;
// a form the employee can fill in one sitting, and a body well under the form parser's 200 parameters
export const MAX_FIELDS = 15;
export const MAX_TASKS = 10;
export const MAX_OPTIONS = 30;

const text = (max: number) => z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.too_long");
const optionalText = (max: number) => z.string({ error: "validation.invalid" }).trim().max(max, "validation.too_long").nullish().transform((v) => v || null);
const optionalId = z.number({ error: "validation.choice" }).int("validation.choice").positive("validation.choice").nullish().transform((v) => v ?? null);

const fieldSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").regex(FIELD_NAME, "catalog.errors.field_name"),
  label: text(100),
  type: z.enum(FIELD_TYPES, { error: "validation.choice" }),
  required: z.boolean({ error: "validation.invalid" }).default(false),
  help: optionalText(300),
  options: z.array(text(100), { error: "validation.invalid" }).max(MAX_OPTIONS, "catalog.errors.too_many_options").optional(),
  assetTypes: z.array(text(40), { error: "validation.invalid" }).max(20, "validation.too_long").optional(),
}).superRefine((f, ctx) => {
  if (f.type !== "choice") return;
  const options = f.options ?? [];
  if (!options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "catalog.errors.options_required" });
  else if (new Set(options).size !== options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "catalog.errors.options_unique" });
}).transform((f): CatalogField => ({
  name: f.name, label: f.label, type: f.type, required: f.required, help: f.help,
  // what does not apply to the type is not kept (a choice's options on a text field would confuse the next editor)
  ...(f.type === "choice" ? { options: f.options ?? [] } : {}),
  ...(f.type === "asset" ? { assetTypes: [...new Set(f.assetTypes ?? [])] } : {}),
}));

const taskSchema = z.object({
  title: text(200),
  groupId: z.number({ error: "validation.required" }).int("validation.choice").positive("validation.required"),
});

/**
 * A catalog item as the commands take it (ids, not names): the form and the API both
 * build this and parse it, so an item is valid by one definition. Rules that need the
 * database (the group, approver and asset types exist) are the command's.
 */
export const itemSchema = z.object({
  name: text(150),
  description: z.string({ error: "validation.invalid" }).trim().max(5000, "validation.too_long").nullish().transform((v) => v ?? ""),
  categoryId: optionalId,
  icon: z.enum(CATALOG_ICONS, { error: "validation.choice" }).default("box"),
  groupId: z.number({ error: "validation.required" }).int("validation.choice").positive("validation.required"),
  /** null: the priority matrix decides (medium impact, medium urgency). */
  slaPriority: z.number({ error: "validation.choice" }).int("validation.choice").min(1, "validation.choice").max(4, "validation.choice").nullish()
    .transform((v) => v ?? null),
  approval: z.enum(APPROVALS, { error: "validation.choice" }).default("none"),
  approverId: optionalId,
  fields: z.array(fieldSchema).max(MAX_FIELDS, "catalog.errors.too_many_fields").default([]),
  tasks: z.array(taskSchema).max(MAX_TASKS, "catalog.errors.too_many_tasks").default([]),
  fulfilAssetTypeId: optionalId,
  active: z.boolean({ error: "validation.invalid" }).default(true),
  position: z.number({ error: "validation.invalid" }).int("validation.invalid").min(0, "validation.invalid").max(9999, "validation.invalid").default(0),
}).superRefine((item, ctx) => {
  // run even when other keys are wrong (the admin sees every mistake at once): the values may not be parsed yet
  const fields: unknown[] = Array.isArray(item.fields) ? item.fields : [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const name = (f as { name?: unknown } | null)?.name;
    if (typeof name !== "string" || !name) return;
    if (seen.has(name)) ctx.addIssue({ code: "custom", path: ["fields", i, "name"], message: "catalog.errors.field_name_taken" });
    seen.add(name);
  });
  if (item.approval === "named" && !item.approverId) ctx.addIssue({ code: "custom", path: ["approverId"], message: "catalog.errors.approver_required" });
}, { when: () => true });
export type ItemInput = z.infer<typeof itemSchema>;

/** A catalog category: its name and the sentence under it on the portal. */
export const categorySchema = z.object({ name: text(100), description: optionalText(500) });
export type CategoryInput = z.infer<typeof categorySchema>;

/** The user picker's lookup: at least two characters, so it never lists the whole directory. */
export const lookupSchema = z.object({ q: z.string().trim().min(2).max(100) });
