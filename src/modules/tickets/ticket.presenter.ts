import type { Translate } from "../../platform/i18n";
import type { Actor } from "../../access/actor";
import { canTicket, type TicketAction } from "../../access/policies/ticket.policy";
import { canTransition, type Transition } from "./state-machine";
import type { TicketDetail } from "./queries/get-ticket";
import type { TicketAttachment } from "./attachment.entity";
import type { TicketHistory } from "./history.entity";
import { formatNumber } from "./ticket.types";
import { isStaff } from "../../access/roles";

export interface TimelineItem {
  type: "comment" | "event";
  at: Date;
  actor: string;
  internal?: boolean;
  byStaff?: boolean;
  body?: string;
  attachments?: TicketAttachment[];
  text?: string;
  reason?: string | null;
  note?: string | null;
}

const ACTIONS: [keyof Can, TicketAction, Transition][] = [
  ["reply", "reply", "reply"], ["note", "note", "note"], ["take", "take", "take"], ["assign", "assign", "assign"],
  ["pending", "pending", "pending"], ["resume", "resume", "resume"], ["escalate", "escalate", "escalate"],
  ["deescalate", "deescalate", "deescalate"], ["classify", "classify", "classify"], ["resolve", "resolve", "resolve"],
  ["close", "close", "close"], ["reopen", "reopen", "reopen"],
];

export type Can = Record<
  "reply" | "note" | "take" | "assign" | "pending" | "resume" | "escalate" | "deescalate" | "classify" | "resolve" | "close" | "reopen",
  boolean
>;

/** What the actor can do now: allowed by the policy AND by the status (templates never decide). */
export function ticketCan(actor: Actor, d: TicketDetail): Can {
  const t = d.ticket;
  const can = {} as Can;
  for (const [flag, action, transition] of ACTIONS) can[flag] = canTicket(actor, action, t) && canTransition(transition, t.status);
  can.take &&= t.assigneeId !== actor.id;
  can.escalate &&= t.tier < 3;
  can.deescalate &&= t.tier > 1;
  return can;
}

/** A history row as a sentence, with names instead of ids. */
function describe(h: TicketHistory, d: TicketDetail, t: Translate): string {
  const user = (v: string | null) => (v ? d.users.get(Number(v)) ?? "?" : t("ticket.nobody"));
  const group = (v: string | null) => (v ? d.groups.get(Number(v))?.name ?? "?" : "—");
  const value = (v: string | null): string => {
    switch (h.kind) {
      case "status": case "closed": case "reopened": return v ? t(`status.${v}`) : "—";
      case "taken": case "assigned": return user(v);
      case "group": return group(v);
      case "category": return v ? d.categories.get(Number(v)) ?? "?" : t("ticket.no_category");
      case "priority": return v ? `P${v}` : "—";
      case "impact": return v ? t(`level.${v}`) : "—";
      case "urgency": return v ? t(`urgency_level.${v}`) : "—";
      case "escalated": case "deescalated": return v ? `N${v}` : "—";
      case "pending": return v && h.fromValue !== v ? t(`pending_reason.${v}`) : v ?? "";
      case "resolved": return v ? t(`resolution_code.${v}`) : "";
      default: return v ?? "";
    }
  };
  return t(`history.${h.kind}`, { from: value(h.fromValue), to: value(h.toValue) });
}

export function presentTimeline(d: TicketDetail, t: Translate): TimelineItem[] {
  const byComment = new Map<number, TicketAttachment[]>();
  for (const a of d.attachments) if (a.commentId) byComment.set(a.commentId, [...(byComment.get(a.commentId) ?? []), a]);
  const items: TimelineItem[] = [
    ...d.comments.map((c) => ({
      type: "comment" as const, at: c.createdAt, actor: d.users.get(c.authorId) ?? "?", internal: c.internal,
      byStaff: c.authorId !== d.ticket.requesterId, body: c.body, attachments: byComment.get(c.id) ?? [],
    })),
    ...d.history.map((h) => ({
      type: "event" as const, at: h.createdAt, actor: h.actorId ? d.users.get(h.actorId) ?? "?" : t("ticket.system"),
      // a reason the system wrote is a code ("sla:resolution_breached"), said in the reader's language
      text: describe(h, d, t), reason: h.reason?.startsWith("sla:") ? t(`sla.history.${h.reason.slice(4)}`) : h.reason, note: h.note,
    })),
  ];
  // at the same instant the change comes first ("created" before the first reply)
  return items.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.type === b.type ? 0 : a.type === "event" ? -1 : 1));
}

export function presentTicket(d: TicketDetail, actor: Actor, t: Translate) {
  const tk = d.ticket;
  return {
    id: tk.id,
    number: formatNumber(tk.type, tk.id),
    type: tk.type,
    title: tk.title,
    description: tk.description,
    status: tk.status,
    priority: tk.priority,
    tier: tk.tier,
    impact: tk.impact,
    urgency: tk.urgency,
    pendingReason: tk.pendingReason,
    /** What the agent said is awaited when setting the ticket pending (shown to the requester). */
    awaiting: tk.status === "pending" ? [...d.history].reverse().find((h) => h.kind === "pending")?.reason ?? null : null,
    resolution: tk.resolution,
    resolutionCode: tk.resolutionCode,
    reopenCount: tk.reopenCount,
    version: tk.version,
    channel: tk.channel,
    callbackPhone: tk.callbackPhone,
    createdAt: tk.createdAt,
    updatedAt: tk.updatedAt,
    resolvedAt: tk.resolvedAt,
    closedAt: tk.closedAt,
    categoryId: tk.categoryId,
    category: d.category?.name ?? null,
    groupId: tk.groupId,
    group: d.group?.name ?? null,
    assigneeId: tk.assigneeId,
    assignee: d.assignee?.displayName ?? null,
    requester: {
      name: d.requester.displayName, username: d.requester.username, email: d.requester.email, phone: d.requester.phone,
      department: d.requester.department, location: d.requester.location, vip: d.requester.vip,
    },
    attachments: d.attachments.filter((a) => a.commentId === null),
    timeline: presentTimeline(d, t),
    isRequester: tk.requesterId === actor.id,
    staffView: isStaff(actor.role) && d.seesInternal,
    can: ticketCan(actor, d),
  };
}
export type TicketView = ReturnType<typeof presentTicket>;
