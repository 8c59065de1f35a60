import { z } from "zod";

/** Messages are i18n keys. The page forms and the API bodies (translated by api.actions) meet here. */
const version = z.coerce.number().int().positive().optional();
const flag = z.union([z.boolean(), z.enum(["1", "0", "true", "false", "on"])]);
const optionalId = z.union([z.literal(""), z.null(), z.coerce.number().int().positive()]).optional()
  .transform((v) => (v === "" || v === null || v === undefined ? null : v));

/**
 * Mark (or unmark, `major: false`) a major incident, and its public title. A title not
 * sent keeps the current one; an empty one (or null) means "show the ticket's title".
 */
export const majorSchema = z.object({
  major: flag.optional().transform((v) => v === undefined || v === true || v === "1" || v === "true" || v === "on"),
  publicTitle: z.string({ error: "validation.invalid" }).trim().max(200, "validation.too_long").nullable().optional()
    .transform((v) => (v === null ? "" : v)),
  version,
});
export type MajorInput = z.infer<typeof majorSchema>;

/** Attach to a major incident (its id), or detach (empty). */
export const parentSchema = z.object({ parentId: optionalId, version });
export type ParentInput = z.infer<typeof parentSchema>;

/** The parent's page: one or more incident numbers, separated by spaces, commas or semicolons. */
export const childrenSchema = z.object({
  tickets: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(2000, "validation.too_long"),
});

/** Where "I am affected too" came from: back to the portal, or the incident's public page. */
export const followSchema = z.object({ back: z.enum(["portal", "page"]).optional().catch(undefined) });

