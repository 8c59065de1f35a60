/** English strings of the SLA: badges, the ticket's clock, the admin pages. fr/sla.ts must have the same keys. */
export const sla = {
  col: "SLA",
  sort: "Sort", sort_priority: "Priority, then age", sort_due: "Due soonest",
  state: { on_track: "On track", at_risk: "At risk", breached: "Breached", paused: "Paused", met: "Met" },
  target_response: "First response", target_resolution: "Resolution",
  due_at: "due {{when}}",
  panel: {
    title: "Service level", policy: "Policy {{priority}} · {{calendar}}",
    response: "First response", resolution: "Resolution", target: "Target", due: "Due", done: "Done", elapsed_value: "{{value}} used", elapsed: "Elapsed (business time)",
    paused_since: "Paused since {{when}}: the clock does not run while the ticket waits.", not_yet: "not yet",
    timeline: "Clock", minutes: "{{value}} min", hours: "{{value}} h",
    kinds: { start: "Clock started", pause: "Clock paused", resume: "Clock resumed", stop: "Clock stopped" },
    reasons: { created: "ticket created", pending: "waiting", resumed: "no longer waiting", reopened: "reopened", resolved: "resolved", closed: "closed" },
  },
  history: { pending_timeout: "resolved automatically: no answer from the requester", auto_closed: "closed automatically: the requester did not answer", resolution_breached: "escalated automatically: resolution target breached", with_major: "resolved with its major incident", with_problem: "resolved with its problem" },
  admin: {
    title: "Service levels (SLA)", intro: "One policy per priority: the first-response and resolution targets, counted in the business time of a calendar. Changing a policy or a calendar recomputes the due dates of the open tickets concerned; the time they spent waiting is kept.",
    policies: "Policies", priority: "Priority", calendar: "Calendar", response_minutes: "First response (minutes)", resolution_minutes: "Resolution (minutes)",
    auto_escalate: "At breach", auto_escalate_label: "Escalate to the next tier", minutes_help: "In business minutes of the calendar: 60 = 1 hour; with 08:00-18:00, 600 = one business day.",
    save_policies: "Save the policies", calendars: "Calendars", always_open: "Around the clock (24/7)", new_calendar: "New calendar", create_calendar: "Create the calendar",
    calendar_title: "Calendar {{name}}", calendar_name: "Name", timezone: "Time zone", timezone_help: "IANA name, e.g. Europe/Paris or America/New_York.",
    hours: "Business hours", hours_help: "Per day, ranges such as 08:00-12:00, 13:30-18:00; empty = closed.",
    weekdays: { d0: "Sunday", d1: "Monday", d2: "Tuesday", d3: "Wednesday", d4: "Thursday", d5: "Friday", d6: "Saturday" },
    save_calendar: "Save the calendar", holidays: "Holidays", holidays_ignored: "This calendar runs around the clock: holidays do not stop it.",
    day: "Date", holiday_name: "Name", remove: "Remove", remove_label: "Remove the holiday of {{day}}", no_holidays: "No holiday.", add_holiday: "Add the holiday",
  },
  errors: {
    minutes: "Between 1 minute and one year.", response_after_resolution: "The first response must be due before the resolution.",
    timezone: "Not a time zone (use a name such as Europe/Paris).", hours: "Use ranges such as 08:00-12:00, 13:30-18:00.",
    overlap: "Ranges must start before they end and not overlap.", never_open: "A calendar must be open at some time of the week.",
    day: "Enter a date such as 2026-12-25.", holiday_taken: "This date is already a holiday.", calendar_name_taken: "Another calendar has this name.",
  },
  flash: {
    policies_saved: "SLA policies saved; {{count}} open tickets recomputed.", calendar_saved: "Calendar {{name}} saved.",
    holiday_added: "Holiday {{day}} added.", holiday_removed: "Holiday {{day}} removed.",
  },
};
