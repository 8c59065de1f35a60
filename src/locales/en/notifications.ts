/** English strings of the notifications (bell, list, preferences, notice texts). fr/notifications.ts must have the same keys. */
export const notifications = {
  title: "Notifications",
  intro: "What needs your attention on the tickets you work on, newest first. Opening a notice marks it as read.",
  /** The bell's accessible name (a screen reader hears the count, the eye sees the badge). */
  bell: { label: "Notifications", unread: ", {{count}} unread" },
  new: "New",
  unread_count: "{{count}} unread",
  read_all: "Mark all as read",
  empty: "No notifications yet.",
  pages: { label: "Pages of notifications", first: "Newest", next: "Older notifications" },
  flash: { read_all: "All notifications are marked as read.", prefs_saved: "Notification preferences saved." },
  /** The message of each kind: {{number}} and {{title}} of the ticket, then the values of the kind. */
  kinds: {
    sla_warning: "{{number}} “{{title}}”: the {{target}} target is at {{percent}}% — due {{due}}",
    sla_breach: "{{number}} “{{title}}”: {{target}} target breached (was due {{due}})",
    ticket_escalated_auto: "{{number}} “{{title}}” escalated automatically to N{{tier}}: resolution target breached",
    stale_digest: "{{count}} tickets you follow have had no public activity for a while: {{numbers}}",
    unassigned: "{{count}} tickets wait in your group with nobody assigned: {{numbers}}",
    pending_reminder: "{{number}} “{{title}}” waits for your answer (reminder {{count}})",
    pending_resolved: "{{number}} “{{title}}” was resolved without your answer after {{days}} working days of waiting",
    ticket_auto_closed: "{{number}} “{{title}}” was closed automatically {{days}} days after its resolution",
    ticket_created: "{{number}} “{{title}}” is registered: the service desk will take it in hand",
    ticket_reply: "{{name}} replied on {{number}} “{{title}}”",
    ticket_pending: "{{number}} “{{title}}” waits for your answer",
    ticket_resolved: "{{number}} “{{title}}” is resolved: confirm it works or reopen it",
    ticket_closed: "{{number}} “{{title}}” is closed",
    ticket_escalated: "{{name}} escalated {{number}} “{{title}}” to N{{tier}} ({{group}})",
    major_update: "Update on the major incident “{{title}}”: {{update}}",
    major_resolved: "The major incident “{{title}}” is resolved",
    ticket_merged: "{{number}} “{{title}}” was merged into {{into}}: follow it there",
  },
  /** A kind this version does not know (added later): its code and the ticket. */
  unknown: "{{kind}} · {{number}}",
  targets: { response: "first response", resolution: "resolution" },
  prefs: {
    title: "Notifications",
    help: "Breaches and tickets escalated to you always reach you. These you may turn off; each arrives in the bell and by email.",
    save: "Save the notification preferences",
    kinds: {
      sla_warning: "SLA warnings: a ticket I work on has used {{percent}}% of its response or resolution time",
      stale_digest: "A digest of the tickets I follow that have gone quiet",
      unassigned: "Tickets waiting in my group with nobody assigned",
      ticket_closed: "My tickets closed by the service desk",
    },
  },
};
