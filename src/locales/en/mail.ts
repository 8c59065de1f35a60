/** English strings of the mail pages and of the emails themselves. fr/mail.ts must have the same keys. */
export const mail = {
  nav: { label: "Email sections", settings: "Server and test", outbox: "Outbox" },
  off: "No SMTP server is set: messages are kept in the outbox as “held” and are sent once a server is set.",
  on: "Sending through {{server}}.",
  settings: {
    title: "Email",
    intro: "Niveau writes every email to an outbox first and sends it within a minute, trying again for a while when the server does not answer. Settings come from the environment (SMTP_HOST, SMTP_PORT…); what you change here overrides them, and the rest keeps following the environment.",
    server: "Server", host: "SMTP server", host_help: "A host name or an IP address. Empty: mail is off.",
    port: "Port", port_help: "587 (submission with STARTTLS), 465 (TLS) or 25.",
    secure: "TLS from the first byte (port 465)", secure_help: "Otherwise the connection is upgraded with STARTTLS when the server offers it.",
    account: "Account", user: "User name", user_help: "Empty: no authentication (a relay that trusts this server).",
    password: "Password", password_env: "Set by SMTP_PASSWORD.", password_missing: "Not set (SMTP_PASSWORD). It is never stored or shown here.",
    sender: "Sender", from: "From address", from_help: "As recipients see it, e.g. IT Service Desk <servicedesk@example.com>.",
    attempts: "Tries before giving up", attempts_help: "MAIL_MAX_ATTEMPTS; the waits between tries double from 1 minute up to 1 hour.",
    source_env: "from the environment", source_here: "set here",
    save: "Save the settings", reset: "Back to the environment's values", reset_help: "Forget every value set on this page.",
    test: "Send a test email", test_help: "Goes through the outbox and is sent at once with the settings above: the answer of the server is shown.",
    test_to: "Recipient", test_submit: "Send the test email",
    summary: "Outbox", summary_link: "Open the outbox",
  },
  outbox: {
    title: "Email outbox",
    intro: "The latest messages, newest first. A failed message can be sent again: it gets one more try within a minute.",
    filter: "Show", all: "All",
    when: "Queued", to: "Recipient", subject: "Subject", status: "Status", attempts: "Tries", detail: "Detail",
    sent_at: "Sent {{date}}", next_at: "Next try {{date}}", error: "Last error", about: "About {{type}} #{{id}}",
    retry: "Retry", retry_label: "Retry the message to {{to}}", retry_all: "Retry all failed ({{count}})",
    empty: "No message here.", held_note: "Held: mail is off. These messages are sent once an SMTP server is set.",
  },
  statuses: { pending: "Waiting", sending: "Sending", sent: "Sent", failed: "Failed", held: "Held" },
  flash: {
    settings_saved: "Email settings saved.", settings_reset: "Email settings are back to the environment's values.",
    test_sent: "Test email sent to {{to}}: the server accepted it.", test_failed: "The test email to {{to}} could not be sent: {{error}}",
    test_queued: "The test email to {{to}} is in the outbox: another process is sending it.",
    retried: "The message will be tried again within a minute.", retried_all: "{{count}} failed messages will be tried again within a minute.",
    nothing_to_retry: "There was no failed message to retry.",
  },
  errors: {
    host: "Enter a host name or an IP address (or leave it empty to turn mail off).", port: "Enter a port between 1 and 65535.",
    from: "Enter an address such as IT Service Desk <servicedesk@example.com>.",
    host_password: "The server must be the one of SMTP_HOST: the password of SMTP_PASSWORD is only sent to it.",
    tls_downgrade: "The environment reaches the server over TLS: keep it, so the password is never sent in clear.",
    off: "No SMTP server is set: set one and save before sending a test email.",
  },
  /** In the emails. */
  email: {
    brand: "IT service desk", hello: "Hello,", hello_name: "Hello {{name}},",
    footer: "This message was sent automatically by Niveau, the IT service desk.", field: "{{label}}: {{value}}",
  },
  templates: {
    test: {
      subject: "Niveau test email",
      body: "{{admin}} sent this test from the email settings of Niveau. If you can read it, Niveau can send email.",
      server: "Server", sender: "Sender", queued: "Queued", open: "Email outbox",
    },
    "sla-warning": {
      subject: "[{{number}}] SLA at risk: {{title}}",
      body: "The {{target}} target of {{number}} “{{title}}” is close: it is due {{due}}.",
      why: "You receive this because you work on this ticket. You can turn these warnings off in your profile:",
      prefs: "Notification preferences", open: "Open the ticket",
    },
    "sla-breach": {
      subject: "[{{number}}] SLA breached: {{title}}",
      body: "The {{target}} target of {{number}} “{{title}}” is breached: it was due {{due}}.",
      open: "Open the ticket",
    },
    "ticket-escalated-auto": {
      subject: "[{{number}}] Escalated to N{{tier}}: {{title}}",
      body: "{{number}} “{{title}}” was escalated automatically to N{{tier}}, your group's tier: its resolution target is breached. It waits for someone of your group to take it.",
      open: "Open the ticket",
    },
  },
};
