import { z } from "zod";
import { checkbox } from "../users/user.schemas";
import { isValidHours, type WeeklyHours } from "./business-time";

const minutes = z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "sla.errors.minutes").max(525_600, "sla.errors.minutes");
const id = z.coerce.number({ error: "validation.choice" }).int("validation.choice").positive("validation.choice");

/** The policies form: one row per priority, fields named p1_calendarId, p1_response, ... */
export const policiesSchema = z.object(Object.fromEntries([1, 2, 3, 4].flatMap((p) => [
  [`p${p}_calendarId`, id], [`p${p}_response`, minutes], [`p${p}_resolution`, minutes], [`p${p}_autoEscalate`, checkbox],
]))).transform((v) => [1, 2, 3, 4].map((p) => ({
  priority: p, calendarId: v[`p${p}_calendarId`] as number, firstResponseMinutes: v[`p${p}_response`] as number,
  resolutionMinutes: v[`p${p}_resolution`] as number, autoEscalate: v[`p${p}_autoEscalate`] as boolean,
})));
export type PoliciesInput = z.infer<typeof policiesSchema>;

export const DAYS = [1, 2, 3, 4, 5, 6, 0] as const;

/** "08:00-12:00, 13:30-18:00" -> [["08:00","12:00"],["13:30","18:00"]]; empty = closed. */
export function parseRanges(text: string): [string, string][] | null {
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  const ranges: [string, string][] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(p);
    if (!m) return null;
    ranges.push([`${m[1].padStart(2, "0")}:${m[2]}`, `${m[3].padStart(2, "0")}:${m[4]}`]);
  }
  return ranges;
}

export const formatRanges = (ranges: [string, string][]) => ranges.map(([a, b]) => `${a}-${b}`).join(", ");

const isZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const calendarSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.too_long"),
  timezone: z.string({ error: "validation.required" }).trim().min(1, "validation.required").refine(isZone, "sla.errors.timezone"),
  alwaysOpen: checkbox,
  ...Object.fromEntries(DAYS.map((d) => [`day${d}`, z.string().trim().max(200, "validation.too_long").optional().transform((v) => v ?? "")])),
}).superRefine((v, ctx) => {
  for (const d of DAYS) {
    if (parseRanges(String(v[`day${d}` as keyof typeof v] ?? "")) === null) ctx.addIssue({ code: "custom", path: [`day${d}`], message: "sla.errors.hours" });
  }
}).transform((v, ctx) => {
  const hours = Object.fromEntries(DAYS.map((d) => [d, parseRanges(String(v[`day${d}` as keyof typeof v] ?? "")) ?? []])) as unknown as WeeklyHours;
  if (!isValidHours(hours)) {
    ctx.addIssue({ code: "custom", path: ["day1"], message: "sla.errors.overlap" });
    return z.NEVER;
  }
  if (!v.alwaysOpen && DAYS.every((d) => hours[d].length === 0)) {
    ctx.addIssue({ code: "custom", path: ["day1"], message: "sla.errors.never_open" });
    return z.NEVER;
  }
  return { name: v.name, timezone: v.timezone, alwaysOpen: v.alwaysOpen, hours };
});
export type CalendarInput = z.infer<typeof calendarSchema>;

export const holidaySchema = z.object({
  day: z.string({ error: "validation.required" }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, "sla.errors.day")
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "sla.errors.day"),
  holidayName: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.too_long"),
}).transform((v) => ({ day: v.day, name: v.holidayName }));
export type HolidayInput = z.infer<typeof holidaySchema>;
