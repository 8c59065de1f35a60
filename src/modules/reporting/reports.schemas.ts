import { z } from "zod";
import { optionalId } from "../admin/admin.schemas";
import type { WriteSeparator } from "../../platform/csv";
import type { DashboardInput } from "./queries/dashboard";

/** A date field as typed: its checks (a real day, the order, the length) are periodOf's, which names the field. */
const day = z.string({ error: "reports.errors.date" }).trim().max(10, "reports.errors.date").optional().transform((v) => v || undefined);

/** The dashboard's query string (GET /reports and its exports): unknown parameters are ignored, as any page's. */
export const reportQuerySchema = z.object({
  from: day,
  to: day,
  group: optionalId,
  tier: z.union([z.literal(""), z.coerce.number({ error: "validation.choice" }).int("validation.choice").min(1, "validation.choice").max(3, "validation.choice")])
    .optional().transform((v) => (v === "" || v === undefined ? null : v)),
  category: optionalId,
}).transform((q): DashboardInput => ({ from: q.from, to: q.to, groupId: q.group, tier: q.tier, categoryId: q.category }));

const SEPARATORS = { comma: ",", semicolon: ";", tab: "\t" } as const satisfies Record<string, WriteSeparator>;

/** `sep=comma|semicolon|tab`; none: the configured one (reports.csvSeparator). */
export const separatorSchema = (configured: "," | ";" | "tab") => z.object({
  sep: z.enum(["comma", "semicolon", "tab"], { error: "validation.choice" }).optional(),
}).transform(({ sep }): WriteSeparator => (sep ? SEPARATORS[sep] : configured === "tab" ? "\t" : configured));

/** What the filter form shows back: the values as typed (a 422 shows them next to their message). */
export function typedFilters(query: Record<string, unknown>): Record<"from" | "to" | "group" | "tier" | "category", string> {
  const text = (k: string) => (typeof query[k] === "string" ? (query[k] as string).slice(0, 40) : "");
  return { from: text("from"), to: text("to"), group: text("group"), tier: text("tier"), category: text("category") };
}
