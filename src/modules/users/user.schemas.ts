import { z } from "zod";
import { ROLES } from "../../access/roles";

const optional = (max: number) => z.string().trim().max(max, "validation.too_long").optional().transform((v) => (v ? v : null));
export const checkbox = z.union([z.boolean(), z.literal("1"), z.literal("on"), z.literal("")]).optional().transform((v) => v === true || v === "1" || v === "on");
export const passwordField = z.string({ error: "validation.required" }).min(10, "validation.password_short").max(200, "validation.too_long");

export const groupIds = z.union([z.array(z.coerce.number().int().positive()), z.coerce.number().int().positive(), z.literal("")]).optional()
  .transform((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]));

const profile = {
  displayName: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.too_long"),
  email: z.union([z.literal(""), z.email("validation.email").max(254)]).optional().transform((v) => (v ? v.toLowerCase() : null)),
  phone: optional(50),
  department: optional(120),
  location: optional(120),
  locale: z.enum(["en", "fr", ""]).optional().transform((v) => (v ? v : null)),
  vip: checkbox,
  role: z.enum(ROLES, { error: "validation.choice" }),
  groupIds,
};

export const createUserSchema = z.object({
  username: z.string({ error: "validation.required" }).trim().toLowerCase().min(1, "validation.required").max(100, "validation.too_long")
    .regex(/^[a-z0-9._@-]+$/, "validation.username"),
  password: passwordField,
  ...profile,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  ...profile, active: checkbox,
  /** The manager's username (who approves their catalog requests): "" none, absent left as it is. */
  manager: z.string().trim().toLowerCase().max(100, "validation.too_long").optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const passwordSchema = z.object({ password: passwordField });
