import type { z } from "zod";
import { invalid, type FieldErrors } from "./errors";

/**
 * Parse input with a zod schema; on failure a 422 with one i18n key per field.
 * Schemas carry i18n keys as their messages (e.g. "validation.required", "sla.errors.hours"). With a strict
 * schema, each unknown key is reported under its own name (fields.priority).
 */
/** A message that is one of our i18n keys ("validation.required", "sla.errors.hours"), not zod's own English. */
const I18N_KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: FieldErrors = {};
  for (const issue of r.error.issues) {
    const unknownKeys = issue.code === "unrecognized_keys";
    const keys = unknownKeys
      ? issue.keys.map((k) => [...issue.path, k].map(String).join("."))
      : [issue.path.length ? issue.path.map(String).join(".") : "_"];
    const message = unknownKeys ? "validation.unknown_field"
      : I18N_KEY.test(issue.message) ? issue.message : "validation.invalid";
    for (const key of keys) fields[key] ??= message;
  }
  throw invalid(fields);
}
