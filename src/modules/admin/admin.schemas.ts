import { z } from "zod";
import { ROLES } from "../../access/roles";
import { LEVELS, type Level } from "../tickets/ticket.types";
import type { PriorityMatrix } from "../tickets/priority";

// The user forms reuse the users module's schemas (createUserSchema, updateUserSchema,
// passwordSchema): one definition of a valid account, whether from the CLI or these pages.

const checkbox = z.union([z.literal("1"), z.literal("on"), z.literal("")]).optional().transform((v) => v === "1" || v === "on");
const name = z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.too_long");
const optionalEmail = z.string().trim().optional().transform((v) => (v ? v.toLowerCase() : null))
  .pipe(z.email("validation.email").max(254, "validation.too_long").nullable());
/** An empty select ("none") is null; anything else must be a positive id. */
export const optionalId = z.union([z.literal(""), z.coerce.number({ error: "validation.choice" }).int("validation.choice").positive("validation.choice")])
  .optional().transform((v) => (v === "" || v === undefined ? null : v));

export const userListSchema = z.object({
  q: z.string().trim().max(100, "validation.too_long").optional().transform((v) => v || undefined),
  role: z.union([z.enum(ROLES), z.literal("")]).optional().transform((v) => v || undefined),
  cursor: z.string().max(200).optional(),
});
export type UserListFilter = Partial<z.infer<typeof userListSchema>>;

export const groupSchema = z.object({
  name,
  tier: z.coerce.number({ error: "validation.choice" }).int("validation.choice").min(1, "validation.choice").max(3, "validation.choice")
    .transform((n) => n as 1 | 2 | 3),
  email: optionalEmail,
});
export type GroupInput = z.infer<typeof groupSchema>;

export const categorySchema = z.object({ name, defaultGroupId: optionalId, active: checkbox });
export type CategoryInput = z.infer<typeof categorySchema>;

/** The matrix form posts one select per cell, named impact_urgency ("high_low"). */
export const matrixCell = (impact: Level, urgency: Level) => `${impact}_${urgency}`;
const cell = z.coerce.number({ error: "validation.choice" }).int("validation.choice").min(1, "validation.choice").max(4, "validation.choice");
const cells = Object.fromEntries(LEVELS.flatMap((i) => LEVELS.map((u) => [matrixCell(i, u), cell]))) as Record<string, typeof cell>;
export const matrixSchema = z.object(cells).transform((v): PriorityMatrix => {
  const row = (i: Level) => ({ high: v[matrixCell(i, "high")], medium: v[matrixCell(i, "medium")], low: v[matrixCell(i, "low")] });
  return { high: row("high"), medium: row("medium"), low: row("low") };
});

export const cursorSchema = z.object({ cursor: z.string().max(200).optional() });
