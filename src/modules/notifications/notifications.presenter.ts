import type { Translate } from "../../platform/i18n";
import { AT_RISK_FRACTION } from "../sla/sla-clock";
import type { Notification } from "./notification.entity";
import { NOTIFICATION_KINDS, type NotificationKind } from "./notify";
import { UNREAD_CAP } from "./queries";

type FmtDate = (d: Date | null) => string;

const KINDS = new Set<string>(NOTIFICATION_KINDS);
/** The warning threshold as people read it ("75%"). */
export const AT_RISK_PERCENT = Math.round(AT_RISK_FRACTION * 100);

/** The bell's badge ("99+" past the cap) and its accessible name ("Notifications, 3 unread"), one text. */
export function presentBell(count: number, t: Translate): { badge: string; label: string } {
  const badge = count >= UNREAD_CAP ? `${UNREAD_CAP - 1}+` : count > 0 ? String(count) : "";
  return { badge, label: t("notifications.bell.label") + (badge ? t("notifications.bell.unread", { count: badge }) : "") };
}

function instant(v: unknown): Date | null {
  if (typeof v !== "string" && typeof v !== "number") return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The message of a notice in the reader's language, from its kind and values. A kind this
 * version does not know (a newer one, a row kept across a downgrade) shows its code and ticket.
 */
export function noticeText(kind: string, params: Record<string, unknown>, t: Translate, fmtDate: FmtDate): string {
  const number = params.number ?? "";
  const key = `notifications.kinds.${kind}`;
  // a kind without its text yet reads as the key itself
  if (!KINDS.has(kind) || t(key) === key) return t("notifications.unknown", { kind, number });
  const target = params.target === "response" || params.target === "resolution" ? t(`notifications.targets.${params.target}`) : "";
  return t(key, {
    ...params, number, title: params.title ?? "", target, percent: AT_RISK_PERCENT,
    due: fmtDate(instant(params.due)), since: fmtDate(instant(params.since)),
  });
}

/** Where a notice leads: its ticket (by the number people know), or nowhere. */
const MAJOR_KINDS = new Set<string>(["major_update", "major_resolved"]);

export function noticeHref(n: Pick<Notification, "kind" | "ticketId" | "params">): string | null {
  const number = n.params?.number;
  // an approver reads the request on its approval page (they may not open the ticket)
  if (n.kind === "approval_requested" && typeof n.params?.approval === "number") return `/approvals/${n.params.approval}`;
  // the followers of a major incident read its public page, not the ticket
  if (MAJOR_KINDS.has(n.kind) && typeof number === "string" && /^INC-\d+$/.test(number)) return `/major/${number}`;
  // the warranty digest names no ticket: the inventory's "warranty ending soon" view
  if (n.kind === "asset_warranty") return "/assets?warranty=soon";
  if (typeof number === "string" && /^[A-Z]{3}-\d+$/.test(number)) return `/tickets/${number}`;
  return n.ticketId ? `/tickets/${n.ticketId}` : null;
}

export function presentNotices(rows: Notification[], t: Translate, fmtDate: FmtDate) {
  return rows.map((n) => ({
    id: n.id, unread: !n.readAt, createdAt: n.createdAt, when: fmtDate(n.createdAt),
    text: noticeText(n.kind, n.params ?? {}, t, fmtDate), href: noticeHref(n),
  }));
}

/** The profile's checkboxes: one per kind a person may turn off. */
export function presentPreferences(prefs: { kind: NotificationKind; receive: boolean }[], t: Translate) {
  return prefs.map((p) => {
    const key = `notifications.prefs.kinds.${p.kind}`;
    const label = t(key, { percent: AT_RISK_PERCENT });
    return { kind: p.kind, receive: p.receive, label: label === key ? p.kind : label };
  });
}

/** The links between pages: the first (newest) when not on it, the next (older) when there is one. */
export function pageLinks(cursor: string | undefined, nextCursor: string | null) {
  return {
    firstUrl: cursor ? "/notifications" : null,
    nextUrl: nextCursor ? `/notifications?cursor=${encodeURIComponent(nextCursor)}` : null,
  };
}
