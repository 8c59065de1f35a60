import { heldByApproval } from "./workflow";
import type { Translate } from "../../platform/i18n";
import type { Actor } from "../../access/actor";
import { canTicket, type TicketAction } from "../../access/policies/ticket.policy";
import { canTransition, type Transition } from "./state-machine";
import type { TicketDetail } from "./queries/get-ticket";
import type { TicketAttachment } from "./attachment.entity";
import type { TicketHistory } from "./history.entity";
import { formatNumber } from "./ticket.types";
import { isStaff } from "../../access/roles";
import { describeMajorHistory } from "../major";
import { describeCatalogHistory } from "../catalog";
import { describeKbHistory } from "../kb";

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
  /** On a ticket that duplicates were merged into: where the item comes from ("from INC-000045"). */
  from?: string;
}

const ACTIONS: [keyof Can, TicketAction, Transition][] = [
  ["reply", "reply", "reply"], ["note", "note", "note"], ["take", "take", "take"], ["assign", "assign", "assign"],
  ["pending", "pending", "pending"], ["resume", "resume", "resume"], ["escalate", "escalate", "escalate"],
  ["deescalate", "deescalate", "deescalate"], ["classify", "classify", "classify"], ["resolve", "resolve", "resolve"],
  ["close", "close", "close"], ["reopen", "reopen", "reopen"],
];

/** The actions of the desk's action card (replies and notes have their own forms). */
const CARD_ACTIONS = ["take", "assign", "pending", "resume", "escalate", "deescalate", "classify", "resolve", "close", "reopen"] as const;

export type Can = Record<
  "reply" | "note" | "take" | "assign" | "pending" | "resume" | "escalate" | "deescalate" | "classify" | "resolve" | "close" | "reopen",
  boolean
>;

/** What the actor can do now: allowed by the policy AND by the status (templates never decide). */
export function ticketCan(actor: Actor, d: TicketDetail): Can {
  const t = d.ticket;
  const can = {} as Can;
  // a merged duplicate is read-only, and a follower only reads
  const readOnly = t.mergedIntoId != null || d.watching === true;
  for (const [flag, action, transition] of ACTIONS) can[flag] = !readOnly && canTicket(actor, action, t) && canTransition(transition, t.status);
  can.take &&= t.assigneeId !== actor.id;
  can.escalate &&= t.tier < 3;
  can.deescalate &&= t.tier > 1;
  // a request waiting for its approver moves on by the decision only (workflow assertTransition)
  for (const a of ["resume", "escalate", "deescalate"] as const) if (heldByApproval(t, a)) can[a] = false;
  return can;
}

/** A history row as a sentence, with names instead of ids. */
function describe(h: TicketHistory, d: TicketDetail, t: Translate): string {
  // major incidents (marked, attached, detached) read as sentences of their own
  const major = describeMajorHistory(h, t);
  if (major !== null) return major;
  // approvals, fulfilment tasks and asset hand-over of catalog requests
  const catalog = describeCatalogHistory(h, t);
  if (catalog !== null) return catalog;
  // knowledge-base articles linked, unlinked, or the one that solved it
  const kb = describeKbHistory(h, t);
  if (kb !== null) return kb;
  // an asset linked (its tag in `to`) or unlinked (in `from`)
  if (h.kind === "asset") return t(h.toValue ? "history.asset_linked" : "history.asset_unlinked", { tag: h.toValue ?? h.fromValue ?? "" });
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
    ...mergedItems(d, t),
  ];
  // at the same instant the change comes first ("created" before the first reply)
  return items.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.type === b.type ? 0 : a.type === "event" ? -1 : 1));
}

/**
 * The duplicates merged into this ticket, as get-ticket let this actor see them, each item
 * tagged with the ticket it comes from; for staff, each duplicate's description too.
 */
function mergedItems(d: TicketDetail, t: Translate): TimelineItem[] {
  const m = d.merged;
  if (!m?.tickets.length) return [];
  const sources = new Map(m.tickets.map((s) => [s.id, { number: formatNumber(s.type, s.id), requesterId: s.requesterId }]));
  const from = (ticketId: number) => t("links.from", { number: sources.get(ticketId)?.number ?? "?" });
  const files = (commentId: number | null, ticketId: number) => m.attachments.filter((a) => a.commentId === commentId && a.ticketId === ticketId);
  const name = (id: number | null) => (id ? d.users.get(id) ?? "?" : t("ticket.system"));
  return [
    ...(d.seesInternal ? m.tickets.map((s): TimelineItem => ({
      type: "comment", at: s.createdAt, actor: name(s.requesterId), internal: false, byStaff: false, body: s.description,
      attachments: files(null, s.id), from: t("links.source_description", { number: sources.get(s.id)?.number ?? "?" }),
    })) : []),
    ...m.comments.map((c): TimelineItem => ({
      type: "comment", at: c.createdAt, actor: name(c.authorId), internal: c.internal, byStaff: c.authorId !== sources.get(c.ticketId)?.requesterId,
      body: c.body, attachments: files(c.id, c.ticketId), from: from(c.ticketId),
    })),
    // the duplicate's own "merged into" line says what this ticket's "merged in" line says
    ...m.history.filter((h) => h.kind !== "merged").map((h): TimelineItem => ({
      type: "event", at: h.createdAt, actor: name(h.actorId), text: describe(h, d, t),
      reason: h.reason?.startsWith("sla:") ? t(`sla.history.${h.reason.slice(4)}`) : h.reason, note: h.note, from: from(h.ticketId),
    })),
  ];
}

export function presentTicket(d: TicketDetail, actor: Actor, t: Translate) {
  const tk = d.ticket;
  const can = ticketCan(actor, d);
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
    // a merged duplicate's resolution is said in the reader's language (the stored text is the desk's default one)
    resolution: tk.mergedIntoId && tk.resolutionCode === "duplicate" ? t("links.resolution", { into: formatNumber(tk.type, tk.mergedIntoId) }) : tk.resolution,
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
    can,
    /** Whether the desk's action card has anything to offer (a closed ticket, or one at another tier, has not). */
    hasActions: CARD_ACTIONS.some((k) => can[k]),
    /** A merged duplicate: the ticket it went into (this one is read-only). */
    mergedInto: tk.mergedIntoId ? formatNumber(tk.type, tk.mergedIntoId) : null,
    mergedFrom: (d.merged?.tickets ?? []).map((s) => formatNumber(s.type, s.id)),
    /** A follower's restricted view. */
    watching: d.watching === true,
    /** A major incident (the desk shows a badge; the panel comes from the major module). */
    major: tk.major,
  };
}
export type TicketView = ReturnType<typeof presentTicket>;
