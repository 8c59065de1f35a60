import type { z } from "zod";
import { invalid, type FieldErrors } from "./errors";

/**
 * Parse input with a zod schema; on failure a 422 with one i18n key per field.
 * Schemas carry i18n keys as their messages (e.g. "validation.required").
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    if (!fields[key]) fields[key] = issue.message.startsWith("validation.") ? issue.message : "validation.invalid";
  }
  throw invalid(fields);
}
