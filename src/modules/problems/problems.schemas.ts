import { z } from "zod";
import { checkbox } from "../users/user.schemas";
import { optionalId } from "../admin/admin.schemas";
import { PROBLEM_STATUSES } from "./problem.entity";

const text = (max: number) => z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.too_long");
const optionalText = (max: number) => z.string().trim().max(max, "validation.too_long").optional().transform((v) => v || null);

export const problemFormSchema = z.object({
  title: text(200),
  description: text(20000),
  categoryId: optionalId,
  affected: optionalText(200),
  priority: z.coerce.number({ error: "validation.choice" }).int().min(1, "validation.choice").max(4, "validation.choice"),
});

export const problemListSchema = z.object({
  status: z.union([z.enum(PROBLEM_STATUSES), z.literal("")]).optional().transform((v) => v || undefined),
  categoryId: z.union([z.literal(""), z.coerce.number().int().positive()]).optional().transform((v) => (v === "" ? undefined : v)),
  q: z.string().trim().max(100).optional().transform((v) => v || undefined),
  /** The incident an agent is linking (from its page): the known errors offer "link". */
  for: z.string().trim().regex(/^INC-\d{1,9}$/i).optional().catch(undefined),
});

export const linkFormSchema = z.object({ ticket: text(20), back: z.literal("ticket").optional() });
export const workaroundFormSchema = z.object({ text: text(20000), notifyRequesters: checkbox });
export const resolveFormSchema = z.object({ resolution: text(20000), resolveIncidents: checkbox });
