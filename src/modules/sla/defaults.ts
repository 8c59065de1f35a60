import type { EntityManager } from "typeorm";
import { SlaCalendar, SlaPolicy } from "./sla.entity";
import { DEFAULT_HOURS } from "./business-time";

export const BUSINESS_CALENDAR = "Business hours";
export const ALWAYS_CALENDAR = "Around the clock";

/**
 * ARCHITECTURE.md §5: first response 1 h / 4 h / 24 h / 72 h and resolution 4 h / 8 h /
 * 48 h / 1 week, counted in business time. Targets of a day or more are business days
 * (24 h = one business day = 10 business hours, 1 week = 5 business days); P1 runs around
 * the clock.
 */
const BUSINESS_DAY = 10 * 60;
export const DEFAULT_POLICIES = [
  { priority: 1, calendar: ALWAYS_CALENDAR, firstResponseMinutes: 60, resolutionMinutes: 4 * 60, autoEscalate: true },
  { priority: 2, calendar: BUSINESS_CALENDAR, firstResponseMinutes: 4 * 60, resolutionMinutes: 8 * 60, autoEscalate: false },
  { priority: 3, calendar: BUSINESS_CALENDAR, firstResponseMinutes: BUSINESS_DAY, resolutionMinutes: 2 * BUSINESS_DAY, autoEscalate: false },
  { priority: 4, calendar: BUSINESS_CALENDAR, firstResponseMinutes: 3 * BUSINESS_DAY, resolutionMinutes: 5 * BUSINESS_DAY, autoEscalate: false },
];

/** The two calendars and the four policies, each only if absent. */
export async function ensureSlaDefaults(tx: EntityManager, timezone: string): Promise<number> {
  let created = 0;
  for (const [name, alwaysOpen] of [[BUSINESS_CALENDAR, false], [ALWAYS_CALENDAR, true]] as const) {
    if (!(await tx.findOne(SlaCalendar, { where: { name } }))) {
      await tx.insert(SlaCalendar, { name, timezone, alwaysOpen, hours: DEFAULT_HOURS });
      created++;
    }
  }
  const calendars = new Map((await tx.find(SlaCalendar)).map((c) => [c.name, c.id]));
  for (const p of DEFAULT_POLICIES) {
    if (await tx.findOne(SlaPolicy, { where: { priority: p.priority } })) continue;
    const { calendar, ...targets } = p;
    await tx.insert(SlaPolicy, { ...targets, calendarId: calendars.get(calendar)! });
    created++;
  }
  return created;
}
