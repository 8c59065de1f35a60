import { z } from "zod";
import { isRealDate } from "../../platform/http/format";
import { KB_AUDIENCES, KB_STATUSES } from "./kb.entity";

/** The longest article body (Markdown characters): a long procedure, not a manual. */
const MAX_BODY = 100_000;
const MAX_TAGS = 20;

const required = (max: number) => z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.too_long");
const optional = (max: number) => z.string({ error: "validation.invalid" }).trim().max(max, "validation.too_long").nullable().optional()
  .transform((v) => (v === undefined ? undefined : v || null));

/** Tags as typed ("VPN, Wi-Fi;printer") or as a list: lower case, trimmed, each once. */
export function normalizeTags(v: string | string[]): string[] {
  const list = Array.isArray(v) ? v : v.split(/[,;]/);
  return [...new Set(list.map((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).filter(Boolean))];
}
const tags = z.union([z.string({ error: "validation.invalid" }), z.array(z.string({ error: "validation.invalid" }))], { error: "validation.invalid" })
  .optional().transform((v) => (v === undefined ? undefined : normalizeTags(v)))
  .refine((v) => v === undefined || v.length <= MAX_TAGS, "kb.errors.too_many_tags")
  .refine((v) => v === undefined || v.every((t) => t.length <= 40), "kb.errors.tag_too_long")
  .refine((v) => v === undefined || v.join(",").length <= 500, "validation.too_long");
const reviewBy = z.string({ error: "validation.invalid" }).trim().nullable().optional()
  .transform((v) => (v === undefined ? undefined : v || null))
  .refine((v) => v == null || isRealDate(v), "kb.errors.date");
/** A category id; "" or null: none. */
const category = z.union([z.coerce.number().int().positive(), z.literal(""), z.null()], { error: "validation.choice" }).optional()
  .transform((v) => (v === undefined ? undefined : v || null));
const audience = z.enum(KB_AUDIENCES, { error: "validation.choice" });
const status = z.enum(KB_STATUSES, { error: "validation.choice" });

const fields = {
  title: required(200), summary: optional(500), body: required(MAX_BODY), category, tags, audience, status, reviewBy,
};

/** The editor's form: every field posted; the version as a hidden field once the article exists. */
export const articleFormSchema = z.object({
  ...fields,
  version: z.coerce.number({ error: "validation.invalid" }).int().positive().optional(),
});

/** POST /api/v1/kb/articles: unknown keys refused by name; a new article is a draft unless told. */
export const articleCreateBody = z.strictObject({ ...fields, status: status.default("draft") });
/** PATCH: each field optional (kept when missing), the version required. */
export const articlePatchBody = z.strictObject({
  version: z.number({ error: "validation.invalid" }).int("validation.invalid").positive("validation.invalid"),
  title: fields.title.optional(), summary: fields.summary, body: fields.body.optional(), category, tags,
  audience: audience.optional(), status: status.optional(), reviewBy,
});

/** The search box: the words (trimmed, 200 characters at most) and how many results. */
export const searchQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  limit: z.coerce.number().int().min(1).max(50).catch(10),
});

/** "Was this helpful?": yes or no, a comment if they like. */
export const feedbackSchema = z.object({
  helpful: z.enum(["yes", "no"], { error: "validation.choice" }),
  comment: optional(2000),
});
