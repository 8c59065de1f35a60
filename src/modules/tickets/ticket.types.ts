export const TICKET_TYPES = ["incident", "request"] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const CHANNELS = ["portal", "email", "phone", "chat", "api", "monitoring"] as const;
export type Channel = (typeof CHANNELS)[number];

export const LEVELS = ["high", "medium", "low"] as const;
export type Level = (typeof LEVELS)[number];

export const STATUSES = ["new", "open", "pending", "escalated", "resolved", "closed"] as const;
export type TicketStatus = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly TicketStatus[] = ["new", "open", "pending", "escalated"];

export const PENDING_REASONS = ["requester", "third_party", "change"] as const;
/** What an agent may choose when setting a ticket pending. */
export type ChosenPendingReason = (typeof PENDING_REASONS)[number];
/** Those, and "approval": a catalog request waiting for its approver (set and lifted by the catalog module only). */
export type PendingReason = ChosenPendingReason | "approval";

export const RESOLUTION_CODES = ["fixed", "workaround", "no_fault", "duplicate", "cancelled"] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const HISTORY_KINDS = [
  "created", "taken", "assigned", "status", "pending", "resumed", "escalated", "deescalated",
  "impact", "urgency", "priority", "category", "group", "resolved", "closed", "reopened", "attachment", "problem",
  "major", "parent", "child", "merged", "merged_in", "related", "unrelated", "asset",
  "approved", "rejected", "task", "handover", "kb_article", "kb_solved",
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export function formatNumber(type: TicketType, id: number): string {
  return `${type === "incident" ? "INC" : "REQ"}-${String(id).padStart(6, "0")}`;
}

/** "INC-000123", "REQ-000123" or "123" -> 123; the prefix must match the type when checked later. */
export function parseNumber(s: string): { id: number; prefix: "INC" | "REQ" | null } | null {
  const m = /^(?:(INC|REQ)-)?0*(\d{1,12})$/i.exec(s.trim());
  if (!m) return null;
  const id = Number(m[2]);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  return { id, prefix: m[1] ? (m[1].toUpperCase() as "INC" | "REQ") : null };
}

export function tierBit(tier: number): number {
  return 1 << (tier - 1);
}
