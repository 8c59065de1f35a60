import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { notFound, type AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { authorizeAdmin } from "../../access/policies/admin.policy";
import { typedValues, type FormValues } from "../admin/admin.presenter";
import { idParam, show, submitter } from "../admin/admin-page";
import { SlaCalendar, SlaHoliday, SlaPolicy } from "./sla.entity";
import { calendarSchema, DAYS, formatRanges, holidaySchema, policiesSchema } from "./sla.schemas";
import { addHoliday, removeHoliday, saveCalendar, savePolicies } from "./commands/sla-settings";

/** The SLA pages of the administration: the policies per priority, the calendars and their holidays. */
export function slaAdminRoutes(deps: Deps): Router {
  const r = Router();
  const submit = submitter(r);
  const m = () => deps.db.manager;

  const renderPolicies = async (req: Request, res: Response, typed?: FormValues, newCalendar?: FormValues, status?: number, err?: AppError) => {
    authorizeAdmin(req.actor!);
    const [policies, calendars] = await Promise.all([m().find(SlaPolicy, { order: { priority: "ASC" } }), m().find(SlaCalendar, { order: { name: "ASC" } })]);
    const values = typed ?? Object.fromEntries(policies.flatMap((p) => [
      [`p${p.priority}_calendarId`, String(p.calendarId)], [`p${p.priority}_response`, String(p.firstResponseMinutes)],
      [`p${p.priority}_resolution`, String(p.resolutionMinutes)], [`p${p.priority}_autoEscalate`, p.autoEscalate],
    ]));
    show(res, "sla/policies", {
      title: res.locals.t("sla.admin.title"), calendars, values, newCalendar: newCalendar ?? { timezone: deps.config.defaultTimezone, day1: "08:00-18:00", day2: "08:00-18:00", day3: "08:00-18:00", day4: "08:00-18:00", day5: "08:00-18:00" },
      days: DAYS,
    }, status, err);
  };
  route(r, "get", "/admin/sla", "admin", (req, res) => renderPolicies(req, res));
  submit("/admin/sla", async (req) => {
    const recomputed = await savePolicies(deps, req.actor!, parse(policiesSchema, req.body));
    return { to: "/admin/sla", key: "sla.flash.policies_saved", params: { count: recomputed } };
  }, (req, res, err) => renderPolicies(req, res, typedValues(req.body), undefined, err.status, err));
  submit("/admin/sla/calendars", async (req) => {
    const calendar = await saveCalendar(deps, req.actor!, null, parse(calendarSchema, req.body));
    return { to: `/admin/sla/calendars/${calendar.id}`, key: "sla.flash.calendar_saved", params: { name: calendar.name } };
  }, (req, res, err) => renderPolicies(req, res, undefined, typedValues(req.body), err.status, err));

  const renderCalendar = async (req: Request, res: Response, typed?: FormValues, holidayTyped?: FormValues, status?: number, err?: AppError) => {
    authorizeAdmin(req.actor!);
    const calendar = await m().findOne(SlaCalendar, { where: { id: idParam(req) } });
    if (!calendar) throw notFound();
    const holidays = await m().find(SlaHoliday, { where: { calendarId: calendar.id }, order: { day: "ASC" } });
    const values = typed ?? {
      name: calendar.name, timezone: calendar.timezone, alwaysOpen: calendar.alwaysOpen,
      ...Object.fromEntries(DAYS.map((d) => [`day${d}`, formatRanges(calendar.hours[d] ?? [])])),
    };
    show(res, "sla/calendar", {
      title: res.locals.t("sla.admin.calendar_title", { name: calendar.name }), calendar, holidays, values, holiday: holidayTyped ?? {}, days: DAYS,
    }, status, err);
  };
  route(r, "get", "/admin/sla/calendars/:id", "admin", (req, res) => renderCalendar(req, res));
  submit("/admin/sla/calendars/:id", async (req) => {
    const calendar = await saveCalendar(deps, req.actor!, idParam(req), parse(calendarSchema, req.body));
    return { to: `/admin/sla/calendars/${calendar.id}`, key: "sla.flash.calendar_saved", params: { name: calendar.name } };
  }, (req, res, err) => renderCalendar(req, res, typedValues(req.body), undefined, err.status, err));
  submit("/admin/sla/calendars/:id/holidays", async (req) => {
    const h = await addHoliday(deps, req.actor!, idParam(req), parse(holidaySchema, req.body));
    return { to: `/admin/sla/calendars/${h.calendarId}`, key: "sla.flash.holiday_added", params: { day: h.day } };
  }, (req, res, err) => renderCalendar(req, res, undefined, typedValues(req.body), err.status, err));
  route(r, "post", "/admin/sla/calendars/:id/holidays/:holidayId/delete", "admin", async (req, res) => {
    const holidayId = Number(req.params.holidayId);
    if (!Number.isSafeInteger(holidayId) || holidayId <= 0) throw notFound();
    const h = await removeHoliday(deps, req.actor!, idParam(req), holidayId);
    flash(req, "success", "sla.flash.holiday_removed", { day: h.day });
    res.redirect(303, `/admin/sla/calendars/${h.calendarId}`);
  });
  return r;
}
