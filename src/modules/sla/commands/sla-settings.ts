import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { withReferenceChange } from "../../../platform/db/reference-cache";
import { invalid, notFound } from "../../../platform/http/errors";
import { isUniqueViolation } from "../../admin/commands/unique";
import { audit } from "../../admin/audit";
import { SlaCalendar, SlaHoliday, SlaPolicy } from "../sla.entity";
import type { CalendarInput, HolidayInput, PoliciesInput } from "../sla.schemas";
import { recomputeOpenTickets } from "./recompute";

/** Priorities whose policy counts in this calendar. */
async function prioritiesOf(deps: Deps, calendarId: number): Promise<number[]> {
  return (await deps.db.getRepository(SlaPolicy).find({ where: { calendarId } })).map((p) => p.priority);
}

/**
 * The four policies at once. The open tickets of every changed priority are replayed
 * with the new targets (their paused time is kept). Returns how many were recomputed.
 */
export async function savePolicies(deps: Deps, actor: Actor, input: PoliciesInput): Promise<number> {
  authorizeAdmin(actor);
  const changed = await withReferenceChange(deps.db, async (tx) => {
    const calendars = new Set((await tx.find(SlaCalendar)).map((c) => c.id));
    const bad = input.filter((p) => !calendars.has(p.calendarId));
    if (bad.length) throw invalid(Object.fromEntries(bad.map((p) => [`p${p.priority}_calendarId`, "validation.choice"])));
    const wrongOrder = input.filter((p) => p.firstResponseMinutes > p.resolutionMinutes);
    if (wrongOrder.length) throw invalid(Object.fromEntries(wrongOrder.map((p) => [`p${p.priority}_response`, "sla.errors.response_after_resolution"])));
    const before = new Map((await tx.find(SlaPolicy)).map((p) => [p.priority, p]));
    const changed: number[] = [];
    for (const p of input) {
      const old = before.get(p.priority);
      if (old && old.calendarId === p.calendarId && old.firstResponseMinutes === p.firstResponseMinutes &&
        old.resolutionMinutes === p.resolutionMinutes && old.autoEscalate === p.autoEscalate) continue;
      await tx.save(tx.create(SlaPolicy, p));
      changed.push(p.priority);
    }
    if (changed.length) await audit(tx, actor, "sla.policies", "setting", "sla", { changed, policies: input }, deps.clock.now());
    return changed;
  });
  return recomputeOpenTickets(deps, changed);
}

export async function saveCalendar(deps: Deps, actor: Actor, calendarId: number | null, input: CalendarInput): Promise<SlaCalendar> {
  authorizeAdmin(actor);
  try {
    const calendar = await withReferenceChange(deps.db, async (tx) => {
      const existing = calendarId ? await tx.findOne(SlaCalendar, { where: { id: calendarId } }) : null;
      if (calendarId && !existing) throw notFound("calendar_not_found");
      const saved = await tx.save(Object.assign(existing ?? tx.create(SlaCalendar), input));
      await audit(tx, actor, existing ? "sla.calendar_update" : "sla.calendar_create", "sla_calendar", saved.id, { ...input }, deps.clock.now());
      return saved;
    });
    if (calendarId) await recomputeOpenTickets(deps, await prioritiesOf(deps, calendarId));
    return calendar;
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid({ name: "sla.errors.calendar_name_taken" }, "name_taken");
    throw err;
  }
}

export async function addHoliday(deps: Deps, actor: Actor, calendarId: number, input: HolidayInput): Promise<SlaHoliday> {
  authorizeAdmin(actor);
  try {
    const holiday = await withReferenceChange(deps.db, async (tx) => {
      if (!(await tx.findOne(SlaCalendar, { where: { id: calendarId } }))) throw notFound("calendar_not_found");
      const saved = await tx.save(tx.create(SlaHoliday, { calendarId, ...input }));
      await audit(tx, actor, "sla.holiday_add", "sla_calendar", calendarId, { ...input }, deps.clock.now());
      return saved;
    });
    await recomputeOpenTickets(deps, await prioritiesOf(deps, calendarId));
    return holiday;
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid({ day: "sla.errors.holiday_taken" }, "holiday_taken");
    throw err;
  }
}

export async function removeHoliday(deps: Deps, actor: Actor, calendarId: number, holidayId: number): Promise<SlaHoliday> {
  authorizeAdmin(actor);
  const holiday = await withReferenceChange(deps.db, async (tx) => {
    const h = await tx.findOne(SlaHoliday, { where: { id: holidayId, calendarId } });
    if (!h) throw notFound("holiday_not_found");
    await tx.delete(SlaHoliday, { id: h.id });
    await audit(tx, actor, "sla.holiday_remove", "sla_calendar", calendarId, { day: h.day, name: h.name }, deps.clock.now());
    return h;
  });
  await recomputeOpenTickets(deps, await prioritiesOf(deps, calendarId));
  return holiday;
}
