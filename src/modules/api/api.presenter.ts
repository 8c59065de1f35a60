import type { Actor } from "../../access/actor";
import type { Tier } from "../../access/roles";
import type { Ticket } from "../tickets/ticket.entity";
import type { TicketComment } from "../tickets/comment.entity";
import type { TicketHistory } from "../tickets/history.entity";
import { formatNumber, type Channel, type HistoryKind, type Level, type TicketStatus, type TicketType } from "../tickets/ticket.types";
import type { Refs } from "./api.refs";
import { slaBadge } from "../sla/badge";
import type { SlaState } from "../sla/sla-clock";
import type { PolicyView } from "../sla/policies";

/**
 * The JSON shapes of API v1: a stable contract, so every field is listed explicitly
 * (a new entity column never leaks out by accident) and ids become names.
 */
export interface MeJson {
  username: string;
  displayName: string;
  email: string | null;
  role: Actor["role"];
  provider: "local" | "ldap";
  locale: "en" | "fr" | null;
  groups: { name: string; tier: Tier }[];
}

export interface TicketJson {
  number: string;
  type: TicketType;
  title: string;
  description: string;
  status: TicketStatus;
  impact: Level;
  urgency: Level;
  priority: string;
  tier: Tier;
  group: string | null;
  category: string | null;
  requester: string;
  assignee: string | null;
  channel: Channel;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  version: number;
  firstResponseAt: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  /** The SLA badge: the state of the target that matters now, and when it is due (null while paused). */
  sla: { state: SlaState; target: "response" | "resolution"; dueAt: string | null } | null;
  /** A merged duplicate: the ticket it went into (this one is closed and read-only). */
  mergedInto: string | null;
  /** A major incident, and what employees see of it (null: its title). */
  major: boolean;
  publicTitle: string | null;
  /** The major incident this one is attached to. */
  parent: string | null;
  /** The assets it is about: in the answers about one ticket (read, create, link), not in lists. */
  assets?: { tag: string; name: string }[];
}

/** What the SLA state of a ticket is computed with. */
export interface SlaContext {
  policies: Map<number, PolicyView>;
  now: Date;
}

/**
 * What a follower (the requester of a duplicate merged into the ticket) reads of it: its
 * public face, an allow-list — never who asked, how it is classified, who works it, its
 * SLA or history. `title` is the public title; `comments` the public staff replies.
 */
export interface WatcherJson {
  number: string;
  type: TicketType;
  title: string;
  status: TicketStatus;
  resolution: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  following: true;
  comments: CommentJson[];
}

export interface CommentJson {
  id: number;
  author: string | null;
  body: string;
  internal: boolean;
  createdAt: string;
}

export interface HistoryJson {
  kind: HistoryKind;
  actor: string | null;
  from: string | number | null;
  to: string | number | null;
  reason: string | null;
  note: string | null;
  createdAt: string;
}

/** A moment as the API writes it (ISO 8601, UTC); null stays null. */
export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function meJson(a: Actor): MeJson {
  return {
    username: a.username, displayName: a.displayName, email: a.email, role: a.role, provider: a.provider, locale: a.locale,
    groups: a.groups.map((g) => ({ name: g.name, tier: g.tier })),
  };
}

export function ticketJson(t: Ticket, refs: Refs, slaCtx: SlaContext): TicketJson {
  const badge = slaBadge(t, slaCtx.policies, slaCtx.now);
  return {
    number: formatNumber(t.type, t.id), type: t.type, title: t.title, description: t.description, status: t.status,
    impact: t.impact, urgency: t.urgency, priority: `P${t.priority}`, tier: t.tier,
    group: t.groupId ? refs.groups.get(t.groupId) ?? null : null,
    category: t.categoryId ? refs.categories.get(t.categoryId) ?? null : null,
    requester: refs.users.get(t.requesterId) ?? "",
    assignee: t.assigneeId ? refs.users.get(t.assigneeId) ?? null : null,
    channel: t.channel, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString(),
    resolvedAt: iso(t.resolvedAt), closedAt: iso(t.closedAt), reopenCount: t.reopenCount, version: t.version,
    firstResponseAt: iso(t.firstResponseAt), firstResponseDueAt: iso(t.firstResponseDueAt), resolutionDueAt: iso(t.resolutionDueAt),
    sla: badge ? { state: badge.state, target: badge.target, dueAt: iso(badge.dueAt) } : null,
    mergedInto: t.mergedIntoId ? formatNumber(t.type, t.mergedIntoId) : null,
    major: t.major, publicTitle: t.publicTitle, parent: t.parentId ? formatNumber("incident", t.parentId) : null,
  };
}

export function watcherJson(t: Ticket, comments: CommentJson[]): WatcherJson {
  return {
    number: formatNumber(t.type, t.id), type: t.type, title: t.publicTitle ?? t.title, status: t.status, resolution: t.resolution,
    resolvedAt: iso(t.resolvedAt), closedAt: iso(t.closedAt), following: true, comments,
  };
}

export function commentJson(c: TicketComment, refs: Refs): CommentJson {
  return { id: c.id, author: refs.users.get(c.authorId) ?? null, body: c.body, internal: c.internal, createdAt: c.createdAt.toISOString() };
}

/** History stores ids and codes as text; the API gives the same names and types as the ticket JSON. */
function historyValue(kind: HistoryKind, v: string | null, refs: Refs): string | number | null {
  if (v === null) return null;
  switch (kind) {
    case "taken": case "assigned": return refs.users.get(Number(v)) ?? null;
    case "group": return refs.groups.get(Number(v)) ?? null;
    case "category": return refs.categories.get(Number(v)) ?? null;
    case "priority": return `P${v}`;
    case "escalated": case "deescalated": return Number(v);
    default: return v;
  }
}

export function historyJson(h: TicketHistory, refs: Refs): HistoryJson {
  return {
    kind: h.kind, actor: h.actorId ? refs.users.get(h.actorId) ?? null : null,
    from: historyValue(h.kind, h.fromValue, refs), to: historyValue(h.kind, h.toValue, refs),
    reason: h.reason, note: h.note, createdAt: h.createdAt.toISOString(),
  };
}
