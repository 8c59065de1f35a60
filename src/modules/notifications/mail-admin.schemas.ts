import { z } from "zod";
import { MAILBOX } from "../../platform/config";
import { MAIL_STATUSES } from "../../platform/mail";
import { checkbox } from "../users/user.schemas";

const text = (max: number) => z.string().trim().max(max, "validation.too_long").optional().transform((v) => v ?? "");

/** The mail settings form: what the admin page may override (never the password). */
export const mailSettingsSchema = z.object({
  host: text(255).refine((v) => v === "" || /^[A-Za-z0-9.:[\]-]+$/.test(v), "mail.errors.host"),
  port: z.coerce.number({ error: "mail.errors.port" }).int("mail.errors.port").min(1, "mail.errors.port").max(65535, "mail.errors.port"),
  secure: checkbox,
  user: text(200),
  from: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(320, "validation.too_long").regex(MAILBOX, "mail.errors.from"),
});
export type MailSettingsInput = z.infer<typeof mailSettingsSchema>;

export const testMailSchema = z.object({
  to: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(254, "validation.too_long").pipe(z.email("validation.email")),
});

/** The outbox filter; an unknown status shows every message. */
const statusFilter = z.enum(MAIL_STATUSES).optional().catch(undefined);
export const outboxQuerySchema = z.object({ status: statusFilter, cursor: z.string().max(200).optional().catch(undefined) });
export const outboxFilterSchema = z.object({ status: statusFilter });
