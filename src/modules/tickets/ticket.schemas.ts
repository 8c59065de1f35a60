import { z } from "zod";
import { CHANNELS, LEVELS, PENDING_REASONS, RESOLUTION_CODES, TICKET_TYPES } from "./ticket.types";

/** Messages are i18n keys; the form shows them next to the field. */
const text = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.too_long");
const optionalText = (max: number) =>
  z.string().trim().max(max, "validation.too_long").optional().transform((v) => (v ? v : null));
const optionalId = z.union([z.literal(""), z.coerce.number().int().positive()]).optional()
  .transform((v) => (v === "" || v === undefined ? null : v));
const version = z.coerce.number().int().positive().optional();

export const createTicketSchema = z.object({
  type: z.enum(TICKET_TYPES, { error: "validation.choice" }),
  title: text(200),
  description: text(20000),
  categoryId: optionalId,
  impact: z.enum(LEVELS, { error: "validation.choice" }).default("low"),
  urgency: z.enum(LEVELS, { error: "validation.choice" }).default("medium"),
  callbackPhone: z.string().trim().max(50, "validation.too_long").regex(/^[+\d\s().-]*$/, "validation.phone").optional()
    .transform((v) => (v ? v : null)),
  channel: z.enum(CHANNELS).default("portal"),
  /** Staff logging a call or an email for someone else; empty = for oneself. */
  requester: z.string().trim().toLowerCase().max(100, "validation.too_long").optional().transform((v) => (v ? v : null)),
  /** Tags of the assets it is about: a form's select sends one (empty: "another device"), the API a list. */
  assets: z.preprocess((v) => (v === "" || v === null ? undefined : typeof v === "string" ? [v] : v),
    z.array(z.string({ error: "validation.invalid" }).trim().max(40, "validation.too_long"), { error: "validation.invalid" })
      .max(20, "validation.too_long").optional()),
});
export type CreateTicketInput = z.infer<typeof createTicketSchema>;

export const commentSchema = z.object({
  body: text(20000),
  internal: z.union([z.boolean(), z.literal("1"), z.literal("0"), z.literal("true"), z.literal("false")]).optional()
    .transform((v) => v === true || v === "1" || v === "true"),
  version,
});

export const versionSchema = z.object({ version });
export const assignSchema = z.object({ assigneeId: z.coerce.number({ error: "validation.required" }).int().positive("validation.required"), version });
export const pendingSchema = z.object({ reason: z.enum(PENDING_REASONS, { error: "validation.choice" }), note: optionalText(2000), version });
export const escalateSchema = z.object({ groupId: optionalId, reason: text(2000), note: text(20000), version });
export const deescalateSchema = z.object({ groupId: optionalId, reason: text(2000), version });
export const classifySchema = z.object({
  impact: z.enum(LEVELS, { error: "validation.choice" }),
  urgency: z.enum(LEVELS, { error: "validation.choice" }),
  categoryId: optionalId,
  groupId: optionalId,
  version,
});
/** `solvedWith`: the linked knowledge-base article that solved it (optional). */
export const resolveSchema = z.object({
  resolution: text(20000), code: z.enum(RESOLUTION_CODES, { error: "validation.choice" }), version,
  solvedWith: optionalId,
});
export const reopenSchema = z.object({ reason: text(2000), version });

export const queueFilterSchema = z.object({
  view: z.enum(["unassigned", "mine", "open", "pending", "escalated", "stale", "resolved"]).default("open"),
  /** Priority then age, or the SLA due date nearest first ("due soonest"). */
  sort: z.enum(["priority", "due"]).default("priority"),
  status: z.enum(["new", "open", "pending", "escalated", "resolved", "closed", ""]).optional(),
  priority: z.union([z.literal(""), z.coerce.number().int().min(1).max(4)]).optional(),
  categoryId: optionalId,
  groupId: optionalId,
  assigneeId: optionalId,
  requester: z.string().trim().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;
