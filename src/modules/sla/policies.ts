import type { DataSource, EntityManager } from "typeorm";
import { cachedReference } from "../../platform/db/reference-cache";
import type { BusinessCalendar } from "./business-time";
import { SlaCalendar, SlaHoliday, SlaPolicy } from "./sla.entity";

/** A priority's targets with the calendar they are counted in. */
export interface PolicyView {
  priority: number;
  calendarId: number;
  calendarName: string;
  calendar: BusinessCalendar;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  autoEscalate: boolean;
}

export async function loadPolicies(m: EntityManager): Promise<Map<number, PolicyView>> {
  const [policies, calendars, holidays] = await Promise.all([m.find(SlaPolicy), m.find(SlaCalendar), m.find(SlaHoliday)]);
  const byId = new Map(calendars.map((c) => [c.id, {
    name: c.name,
    calendar: { timezone: c.timezone, alwaysOpen: c.alwaysOpen, hours: c.hours, holidays: holidays.filter((h) => h.calendarId === c.id).map((h) => h.day).sort() },
  }]));
  return new Map(policies.filter((p) => byId.has(p.calendarId)).map((p) => [p.priority, {
    priority: p.priority, calendarId: p.calendarId, calendarName: byId.get(p.calendarId)!.name, calendar: byId.get(p.calendarId)!.calendar,
    firstResponseMinutes: p.firstResponseMinutes, resolutionMinutes: p.resolutionMinutes, autoEscalate: p.autoEscalate,
  }]));
}

/**
 * The SLA configuration, from the reference cache: ticket commands and pages read it on
 * every change (admin edits go through withReferenceChange, which clears it).
 */
export function cachedPolicies(db: DataSource): Promise<Map<number, PolicyView>> {
  return cachedReference(db, "sla-policies", () => loadPolicies(db.manager));
}
