import { z } from "zod";
import { LEVELS, PENDING_REASONS, RESOLUTION_CODES, STATUSES, TICKET_TYPES } from "../tickets/ticket.types";

/**
 * JSON bodies of API v1. Every body schema is STRICT: an unknown key is a 422 naming
 * that key, never silently dropped. A requester who sends priority, tier or assignee
 * with a new ticket learns it is not accepted (rather than believing it was set), and a
 * typo in an optional field ("vesion") does not quietly disable the stale-write check.
 * Values are JSON-typed (no coercion from strings): this is not a form.
 */
const text = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.too_long");
const username = z.string({ error: "validation.required" }).trim().toLowerCase().min(1, "validation.required").max(100, "validation.too_long");
/** A group or category name, as shown on the pages. */
const label = z.string({ error: "validation.invalid" }).trim().min(1, "validation.required").max(100, "validation.too_long");
const level = z.enum(LEVELS, { error: "validation.choice" });
const version = z.number({ error: "validation.invalid" }).int("validation.invalid").positive("validation.invalid").optional();

export const createBody = z.strictObject({
  type: z.enum(TICKET_TYPES, { error: "validation.choice" }),
  title: text(200),
  description: text(20000),
  impact: level.optional(),
  urgency: level.optional(),
  category: label.nullable().optional(),
  /** The tags of the assets it is about ("PC-00123"); an employee may name only their own. */
  assets: z.array(z.string({ error: "validation.invalid" }).trim().min(1, "validation.required").max(40, "validation.too_long"), { error: "validation.invalid" })
    .max(20, "validation.too_long").optional(),
});

export const commentBody = z.strictObject({
  body: text(20000),
  internal: z.boolean({ error: "validation.invalid" }).optional(),
  version,
});

export const versionBody = z.strictObject({ version });
export const assignBody = z.strictObject({ assignee: username, version });
export const pendingBody = z.strictObject({
  reason: z.enum(PENDING_REASONS, { error: "validation.choice" }),
  note: z.string({ error: "validation.invalid" }).trim().max(2000, "validation.too_long").optional(),
  version,
});
export const escalateBody = z.strictObject({ reason: text(2000), note: text(20000), group: label.optional(), version });
export const deescalateBody = z.strictObject({ reason: text(2000), group: label.optional(), version });
export const resolveBody = z.strictObject({
  resolution: text(20000),
  code: z.enum(RESOLUTION_CODES, { error: "validation.choice" }),
  /** The linked knowledge-base article that solved it (its id), as the page's "Solved with". */
  solvedWith: z.number({ error: "validation.invalid" }).int("validation.invalid").positive("validation.invalid").nullable().optional(),
  version,
});
export const reopenBody = z.strictObject({ reason: text(2000), version });
/** Every field optional: what is not sent keeps its value. `category: null` removes it. */
export const classifyBody = z.strictObject({ impact: level.optional(), urgency: level.optional(), category: label.nullable().optional(), group: label.optional(), version });
/** Mark a major incident (`major: false` unmarks it); a public title not sent is kept, null or "" shows the title. */
export const majorBody = z.strictObject({
  major: z.boolean({ error: "validation.invalid" }).optional(),
  publicTitle: z.string({ error: "validation.invalid" }).trim().max(200, "validation.too_long").nullable().optional(),
  version,
});
/** Attach to a major incident by its number ("INC-000123"); null detaches. */
export const parentBody = z.strictObject({
  parent: z.string({ error: (i) => (i.input === undefined ? "validation.required" : "validation.invalid") })
    .trim().min(1, "validation.required").max(20, "validation.too_long").nullable(),
  version,
});

/** Merge this ticket, a duplicate, into another one ("INC-000123"). */
export const mergeBody = z.strictObject({ into: text(20), version });
/** Relate to a ticket ("INC-000123") or to a problem ("PRB-000042"): exactly one of them. */
export const relatedBody = z.strictObject({ ticket: text(20).optional(), problem: text(20).optional() })
  .refine((b) => (b.ticket === undefined) !== (b.problem === undefined), { message: "links.errors.one_of", path: ["ticket"] });

/** Query strings are lenient about unknown keys (cache busters, tracking) but not about values. */
export const listQuery = z.object({
  status: z.enum(STATUSES, { error: "validation.choice" }).optional(),
  tier: z.coerce.number({ error: "validation.choice" }).int("validation.choice").min(1, "validation.choice").max(3, "validation.choice").optional(),
  assignee: username.optional(),
  q: z.string({ error: "validation.invalid" }).trim().max(200, "validation.too_long").optional(),
  limit: z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "validation.invalid").max(100, "validation.invalid").default(25),
  cursor: z.string({ error: "validation.invalid" }).max(200, "validation.invalid").optional(),
});
