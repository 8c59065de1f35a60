/** English strings of major incidents (portal banner, public page, desk panel). fr/major.ts must have the same keys. */
export const major = {
  badge: "Major incident",
  /** A queue row attached to a major incident: handled through it. */
  attached_badge: "part of {{number}}",
  latest: "Latest update ({{when}}):",
  no_update: "IT is working on it. Updates will be posted here.",
  follow: "I am affected too",
  follow_hint: "You will be told of each update and of the resolution: no need to report it yourself.",
  unfollow: "I am no longer affected",
  all_updates: "See all the updates",
  banner: { aware: "IT knows about this problem and is working on it." },
  standing: {
    mine: "You reported this incident.",
    child: "Your ticket {{number}} is attached to it: its updates reach you there.",
    following: "You follow this incident: you will be told of its updates.",
  },
  child: {
    heading: "Part of a wider incident: “{{title}}”",
    heading_staff: "Attached to the major incident “{{title}}”",
    explain: "Other people have the same problem and IT is working on it. Its updates reach you here, and your ticket is resolved with it.",
  },
  page: {
    open: "IT knows about this problem and is working on it. Updates are posted below.",
    resolved: "This incident is resolved. If something still does not work for you, report it from the portal.",
    resolution: "What was done:", updates: "Updates, newest first", it: "IT service desk", desk: "Open {{number}} on the desk",
  },
  proposal: {
    heading: "This looks like “{{title}}”",
    text: "IT already knows about this problem and is working on it. Instead of a new ticket, you can follow it and be told of each update.",
    create: "No, create my ticket",
    files: "Attachments you chose were not kept: if you create your ticket, choose them again.",
  },
  panel: {
    heading: "Major incident", mark: "Mark as a major incident", attach_to: "Attach to a major incident", attach: "Attach",
    public_title: "Public title (what employees see)", public_title_help: "Plain words, no internal details. Empty: the ticket's title.",
    edit_title: "Change the public title", shown_as: "Employees see:", public_page: "public page",
    counts: "Incidents attached: {{children}} · people affected who follow it: {{followers}}",
    attach_label: "Attach incidents (their numbers, separated by spaces or commas)",
    detach: "Detach", detach_label: "Detach {{number}}", detach_self: "Detach from {{number}}", more: "… and {{count}} more.",
    hidden: "… and {{count}} more you cannot open.",
    unmark: "No longer a major incident", unmark_hint: "To unmark it, detach its incidents first.",
  },
  history: {
    marked: "marked as a major incident, shown to employees as “{{title}}”",
    unmarked: "no longer a major incident",
    retitled: "public title of the major incident: “{{from}}” → “{{to}}”",
    attached: "attached to the major incident {{number}}",
    detached: "detached from the major incident {{number}}",
    child_attached: "incident {{number}} attached",
    child_detached: "incident {{number}} detached",
  },
  flash: {
    following: "You follow “{{title}}”: you will be told of its updates. No ticket was created.",
    unfollowed: "You no longer follow “{{title}}”.",
    attached: "Incidents attached: {{count}}.",
    detached: "{{number}} detached.",
  },
  /** Next to the field (no values): the message at the top names the ticket. */
  fields: {
    not_incident: "Only incidents can be major incidents or attached to one.",
    not_major: "This is not a major incident.",
    self: "A ticket cannot be attached to itself.",
    child_is_major: "A major incident cannot be attached to another.",
    no_such_incident: "No incident has this number.",
    bad_numbers: "Enter incident numbers like INC-000123, separated by spaces or commas.",
    too_many: "Too many incidents at once.",
  },
  errors: {
    not_incident: "{{number}} is a request: only incidents can be major incidents or attached to one.",
    not_major: "{{number}} is not a major incident.",
    parent_closed: "The major incident {{number}} is resolved or closed: nothing more can be attached to it or followed.",
    already_attached: "{{number}} is already attached to {{parent}}: detach it there first.",
    self: "{{number}} cannot be attached to itself.",
    child_is_major: "{{number}} is itself a major incident: it cannot be attached to another.",
    child_closed: "{{number}} is resolved or closed: only open incidents can be attached.",
    is_child: "This incident is attached to {{number}}: detach it first to make it a major incident.",
    has_children: "Incidents are still attached to it ({{count}}): detach them first.",
    no_such_incident: "No incident has the number {{number}}.",
    bad_numbers: "“{{value}}” is not an incident number (like INC-000123).",
    too_many: "At most {{max}} incidents at once.",
    not_attached: "{{number}} is not attached to a major incident.",
  },
};

/** The subjects and texts of the major-incident emails (merged into mail.templates by en.ts). */
export const majorMail = {
  "major-update": {
    subject: "Major incident update: {{title}}",
    body: "IT posted an update on “{{title}}”, which you said affects you:",
    open: "See all the updates",
    why: "You receive this because you clicked “I am affected too”. You can stop on the incident's page.",
  },
  "major-resolved": {
    subject: "Resolved: {{title}}",
    body: "The major incident “{{title}}” is resolved.",
    solution: "What was done:",
    open: "See the incident",
    again: "If something still does not work for you, report it from the portal.",
  },
};
