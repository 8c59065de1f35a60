import type { MailConfig } from "../../platform/config";
import type { Translate } from "../../platform/i18n";
import { MAIL_EDITABLE_FIELDS, MAIL_STATUSES, type MailOverrides, type MailStatus, type OutboxItem } from "../../platform/mail";

/** The settings form's values: the effective ones (the checkbox as a boolean, the rest as text). */
export function mailSettingsValues(cfg: MailConfig): Record<string, string | boolean> {
  return Object.fromEntries(MAIL_EDITABLE_FIELDS.map((f) => [f, typeof cfg[f] === "boolean" ? cfg[f] : String(cfg[f])]));
}

/** Which fields the admin page overrides (shown next to each field). */
export function overriddenMailFields(overrides: MailOverrides): Record<string, boolean> {
  return Object.fromEntries(Object.keys(overrides).map((k) => [k, true]));
}

/** A badge carries the status as text; the colour only repeats it. */
const BADGES: Record<MailStatus, string> = {
  pending: "text-bg-primary", sending: "text-bg-info", sent: "text-bg-success", failed: "text-bg-danger", held: "text-bg-warning",
};

export function presentStatuses(counts: Record<MailStatus, number>, current: MailStatus | undefined, t: Translate) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return [
    { code: "", label: t("mail.outbox.all"), count: total, href: "/admin/mail/outbox", current: !current, badge: "text-bg-secondary" },
    ...MAIL_STATUSES.map((s) => ({ code: s, label: t(`mail.statuses.${s}`), count: counts[s], href: `/admin/mail/outbox?status=${s}`, current: current === s, badge: BADGES[s] })),
  ];
}

export function presentOutbox(rows: OutboxItem[], fmtDate: (d: Date | null) => string, t: Translate) {
  return rows.map((m) => ({
    id: m.id, queuedAt: m.createdAt, to: m.toAddress, toName: m.toName ?? "", subject: m.subject, template: m.template,
    status: m.status, statusLabel: t(`mail.statuses.${m.status}`), badge: BADGES[m.status], attempts: m.attempts,
    about: m.relatedType && m.relatedId != null ? t("mail.outbox.about", { type: m.relatedType, id: m.relatedId }) : "",
    when: m.status === "sent" ? t("mail.outbox.sent_at", { date: fmtDate(m.sentAt) })
      : m.status === "pending" && m.attempts > 0 ? t("mail.outbox.next_at", { date: fmtDate(m.nextAttemptAt) }) : "",
    // a pending message shows why its last try failed too
    error: m.status === "failed" || m.status === "pending" ? m.lastError ?? "" : "",
    canRetry: m.status === "failed",
  }));
}

/** Where a retry button brings the admin back: the list they were looking at. */
export function outboxUrl(status: MailStatus | undefined): string {
  return status ? `/admin/mail/outbox?status=${status}` : "/admin/mail/outbox";
}
