import type { Actor } from "../../../access/actor";
import { canTicket } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { rawEntities, rawQuery } from "../../../platform/db/raw";
import { Ticket } from "../../tickets/ticket.entity";
import type { TicketStatus } from "../../tickets/ticket.types";
import { latestUpdates, openMajors, type OpenMajor, type PublicUpdate } from "./open-majors";

/** How many children the parent's page lists (the count is always exact). */
export const CHILDREN_SHOWN = 200;

export interface PanelData {
  /** The major incident this ticket is attached to, with its latest public update. */
  parent: { ticket: Ticket; update: PublicUpdate | null } | null;
  /**
   * A major incident's children among its first CHILDREN_SHOWN that the viewer may read,
   * how many of those they may not (counted, never named), and how many there are in all.
   */
  children: { id: number; title: string; status: TicketStatus }[];
  hiddenChildren: number;
  childCount: number;
  /** How many employees follow it ("I am affected too"). */
  followers: number;
  /** The open major incidents this incident could be attached to. */
  candidates: OpenMajor[];
}

/** A child row with the columns canTicket reads (raw rows: numbers may come as strings, booleans as 0/1). */
type ChildRow = {
  id: number | string; title: string; status: TicketStatus; requester_id: number | string; tier: number | string;
  tiers_visited: number | string; assignee_id: number | string | null; major: boolean | number | string;
};
const readable = (actor: Actor, r: ChildRow): boolean => canTicket(actor, "read", {
  requesterId: Number(r.requester_id), tier: Number(r.tier), tiersVisited: Number(r.tiers_visited),
  assigneeId: r.assignee_id == null ? null : Number(r.assignee_id), major: r.major === true || r.major === 1 || r.major === "1",
});

/**
 * What the ticket page shows of major incidents. Nothing is read for a request; for an
 * ordinary incident only the cached list of open major incidents (staff view).
 */
export async function majorPanelData(deps: Deps, actor: Actor, t: Ticket, staffView: boolean): Promise<PanelData | null> {
  if (t.type !== "incident") return null;
  const data: PanelData = { parent: null, children: [], hiddenChildren: 0, childCount: 0, followers: 0, candidates: [] };
  if (t.parentId) {
    // every child's page during an outage: an open parent's latest update comes from the banner's cache
    const parentId = t.parentId;
    const [[parent], majors] = await Promise.all([rawEntities(deps.db, Ticket, "id = ?", [parentId]), openMajors(deps.db)]);
    const open = majors.find((m) => m.id === parentId);
    if (parent) data.parent = { ticket: parent, update: open ? open.update : (await latestUpdates(deps.db, [parentId])).get(parentId) ?? null };
  }
  if (!staffView) return data.parent ? data : null;
  if (t.major) {
    const [children, counts] = await Promise.all([
      rawQuery<ChildRow>(deps.db,
        "SELECT id, title, status, requester_id, tier, tiers_visited, assignee_id, major FROM tickets " +
        `WHERE parent_id = ? ORDER BY id LIMIT ${CHILDREN_SHOWN}`, [t.id]),
      rawQuery<{ children: number; followers: number }>(deps.db,
        "SELECT (SELECT COUNT(*) FROM tickets WHERE parent_id = ?) AS children, " +
        "(SELECT COUNT(*) FROM ticket_watchers WHERE ticket_id = ? AND reason = 'affected') AS followers", [t.id, t.id]),
    ]);
    const shown = children.filter((c) => readable(actor, c));
    data.children = shown.map((c) => ({ id: Number(c.id), title: c.title, status: c.status }));
    data.hiddenChildren = children.length - shown.length;
    data.childCount = Number(counts[0]?.children ?? 0);
    data.followers = Number(counts[0]?.followers ?? 0);
  } else if (!t.parentId) {
    data.candidates = (await openMajors(deps.db)).filter((m) => m.id !== t.id);
  }
  return data;
}
