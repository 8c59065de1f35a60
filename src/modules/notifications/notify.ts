import { In, type EntityManager } from "typeorm";
import type { Deps } from "../../platform/deps";
import { queueMails, templateExists } from "../../platform/mail";
import { User } from "../users/user.entity";
import { Ticket } from "../tickets/ticket.entity";
import { asksForSurvey, surveyMailData } from "../reporting/survey-token";
import { Notification, NotificationMute } from "./notification.entity";

/** Every kind of notice; the mail template of a kind is views/emails/<kind with dashes>.{html,text}.ejs. */
export const NOTIFICATION_KINDS = [
  "sla_warning", "sla_breach", "ticket_escalated_auto", "stale_digest", "unassigned", "pending_reminder", "pending_resolved", "ticket_auto_closed",
  "ticket_created", "ticket_reply", "ticket_pending", "ticket_resolved", "ticket_closed", "ticket_escalated",
  "major_update", "major_resolved", "ticket_merged",
  "asset_warranty",
  "approval_requested", "request_approved", "request_rejected",
  "survey_low_score",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a person may turn off; the rest (breaches, what is awaited from them) always reaches them. */
export const OPTIONAL_KINDS: readonly NotificationKind[] = ["sla_warning", "stale_digest", "unassigned", "ticket_closed"];

export interface NoticeTicket {
  id: number;
  number: string;
  title: string;
}

export interface Notice {
  kind: NotificationKind;
  ticket?: NoticeTicket | null;
  /** Values of the message: shown in the bell (translated with them) and given to the mail template. */
  params?: Record<string, string | number>;
  /** Given to the mail template only, never stored with the notice (a reply's text, a hand-over note, a digest's rows). */
  mailData?: Record<string, string | number | null | readonly Record<string, string | null>[]>;
}

/**
 * Tell these people, in the caller's transaction: an in-app notice each, and a mail in
 * their own language through the outbox (sent by the mail-outbox job; SMTP down loses
 * nothing and blocks nothing). Deactivated people and those who turned the kind off are
 * skipped. Returns how many were told.
 */
export async function notify(tx: EntityManager, deps: Deps, userIds: Iterable<number>, notice: Notice): Promise<number> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return 0;
  const [users, mutes] = await Promise.all([
    tx.find(User, { where: { id: In(ids), active: true } }),
    OPTIONAL_KINDS.includes(notice.kind) ? tx.find(NotificationMute, { where: { userId: In(ids), kind: notice.kind } }) : Promise.resolve([]),
  ]);
  const muted = new Set(mutes.map((m) => m.userId));
  const recipients = users.filter((u) => !muted.has(u.id));
  if (!recipients.length) return 0;
  const now = deps.clock.now();
  const params = { ...(notice.ticket ? { number: notice.ticket.number, title: notice.ticket.title } : {}), ...notice.params };
  await tx.insert(Notification, recipients.map((u) => ({ userId: u.id, kind: notice.kind, ticketId: notice.ticket?.id ?? null, params, createdAt: now, readAt: null })));
  const template = notice.kind.replaceAll("_", "-");
  if (templateExists(template)) {
    // the requester's resolution (or closing) email carries the satisfaction survey's signed links
    const surveyed = notice.ticket && asksForSurvey(deps.config, notice.kind)
      ? await tx.findOne(Ticket, { select: { id: true, requesterId: true }, where: { id: notice.ticket.id } }) : null;
    await queueMails(tx, deps, recipients.filter((u) => u.email).map((u) => ({
      to: u.email!, toName: u.displayName, locale: u.locale ?? deps.config.defaultLocale, template,
      data: {
        ...notice.mailData, ...params, ticketPath: notice.ticket ? `/tickets/${notice.ticket.number}` : null,
        ...(surveyed ? surveyMailData(deps.config, notice.kind, surveyed, u.id, now) : null),
      },
      related: notice.ticket ? { type: "ticket", id: notice.ticket.id } : undefined,
    })));
  }
  return recipients.length;
}
