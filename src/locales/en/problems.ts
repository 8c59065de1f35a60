/** English strings of problem management. fr/problems.ts must have the same keys. */
export const problems = {
  title: "Problems", known_errors: "Known errors", all: "All problems", views: "Problem lists", new: "New problem", create: "Create the problem",
  search: "Title or workaround", status_label: "Status", number: "Number", empty: "No problem matches.",
  status: { new: "New", investigating: "Investigating", known_error: "Known error", resolved: "Resolved", closed: "Closed" },
  description: "Description", affected: "Affected service or equipment", workaround: "Workaround", resolution: "Resolution (permanent fix)",
  incidents: "Linked incidents ({{count}})", first_started: "The first one started {{when}}.", started: "Reported", no_incidents: "No incident linked yet.",
  by: { category: "By category", location: "By location", department: "By department" },
  link_label: "Link an incident (its number)", link: "Link", unlink: "Unlink", unlink_label: "Unlink {{ticket}}",
  publish_workaround: "Publish a workaround", notify_requesters: "Also send it to the requesters as a public reply",
  workaround_help: "The problem becomes a known error; every linked open incident gets the workaround as an internal note, and so will incidents linked later.",
  publish: "Publish the workaround", resolve: "Resolve the problem", resolve_incidents: "Resolve every linked open incident with it",
  search_known_errors: "Search the known errors", search_button: "Search", linking_for: "Linking {{ticket}}: choose the known error that matches.", back_to: "Back to {{ticket}}", link_to: "Link {{ticket}}", unknown: "not given", history: "History", open_from_incident: "Open a problem from this incident",
  kinds: {
    created: "problem created", status: "status: {{from}} → {{to}}", field: "changed", linked: "incident {{to}} linked", unlinked: "incident {{from}} unlinked",
    workaround: "workaround published", resolved: "resolved", owner: "owner: {{from}} → {{to}}",
  },
  flash: {
    created: "Problem {{number}} created.", linked: "{{ticket}} linked.", unlinked: "{{ticket}} unlinked.",
    workaround: "Workaround published to {{count}} open incidents.", resolved: "Problem resolved; {{count}} incidents resolved with it.",
  },
  errors: {
    no_such_incident: "No incident has this number.",
    not_incident: "Only incidents can be linked to a problem.",
    already_linked: "This incident is already linked to {{number}}.",
    problem_closed: "This problem is resolved or closed: it cannot change any more.",
  },
};
