import type { Actor } from "../actor";
import { tierMask } from "../actor";
import { notFound, forbidden } from "../../platform/http/errors";

export const TICKET_ACTIONS = [
  "read", "reply", "note", "see_internal", "take", "assign", "pending", "resume", "escalate", "deescalate",
  "classify", "resolve", "close", "reopen",
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** What the rules need to know of a ticket. */
export interface TicketSubject {
  requesterId: number;
  tier: number;
  tiersVisited: number;
  assigneeId: number | null;
  /** A major incident: the whole desk reads it (N2 opens its problem, N3 follows the outage). */
  major?: boolean;
}

const REQUESTER_ACTIONS: ReadonlySet<TicketAction> = new Set(["read", "reply", "close", "reopen"]);

/** The agent works the ticket: it sits at one of their tiers, or it is assigned to them. */
function works(actor: Actor, t: TicketSubject): boolean {
  if (actor.role === "supervisor") return true;
  if (actor.role !== "agent") return false;
  return actor.tiers.includes(t.tier as 1 | 2 | 3) || t.assigneeId === actor.id;
}

/**
 * Staff read a ticket that went through one of their tiers (N1 keeps sight of what it
 * escalated), and every major incident.
 */
function staffReads(actor: Actor, t: TicketSubject): boolean {
  if (actor.role === "supervisor") return true;
  if (actor.role !== "agent") return false;
  return (t.tiersVisited & tierMask(actor)) !== 0 || t.assigneeId === actor.id || t.major === true;
}

/**
 * The one place that says who may do what to a ticket. Whether the ticket's status
 * allows it is the state machine's business (409), not this (403/404).
 */
export function canTicket(actor: Actor, action: TicketAction, t: TicketSubject): boolean {
  const own = t.requesterId === actor.id;
  if (own && REQUESTER_ACTIONS.has(action)) return true;
  switch (action) {
    case "read":
    case "see_internal":
      return staffReads(actor, t);
    case "take":
      return actor.role === "supervisor" || (actor.role === "agent" && actor.tiers.includes(t.tier as 1 | 2 | 3));
    case "deescalate":
      // the supervisor, or the receiving tier that finds the ticket is not for it
      return actor.role === "supervisor" || (actor.role === "agent" && actor.tiers.includes(t.tier as 1 | 2 | 3));
    default:
      return works(actor, t);
  }
}

/** Staff log tickets for others (a phone call, an email); everyone else only for themselves. */
export function canCreateFor(actor: Actor, requesterId: number): boolean {
  return requesterId === actor.id || actor.role === "agent" || actor.role === "supervisor";
}

/** Someone who may not read the ticket must not learn it exists: 404. Else 403. */
export function authorizeTicket(actor: Actor, action: TicketAction, t: TicketSubject): void {
  if (!canTicket(actor, "read", t)) throw notFound("ticket_not_found");
  if (!canTicket(actor, action, t)) throw forbidden("ticket_action_forbidden", "errors.ticket_action_forbidden");
}
