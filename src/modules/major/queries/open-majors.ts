import { publicReplySql } from "../../tickets/queries/public-replies";
import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { cacheFor, type TtlCache } from "../../../platform/cache";
import { placeholders, rawQuery } from "../../../platform/db/raw";
import { toDate } from "../../../platform/db/columns";
import type { TicketStatus } from "../../tickets/ticket.types";
import { incidentNumber } from "../rules";

export interface PublicUpdate {
  body: string;
  at: Date;
}

export interface OpenMajor {
  id: number;
  number: string;
  title: string;
  publicTitle: string | null;
  status: TicketStatus;
  requesterId: number;
  /** The latest public update (a public staff reply since it was marked): what the banner shows. */
  update: PublicUpdate | null;
}

/**
 * The open major incidents are read on every portal home and new-ticket page, on every
 * portal ticket creation (the title matcher) and every agent's ticket page (the "attach
 * to" list): kept per process for a few seconds. A change made in this process to a major
 * incident (marked, unmarked, a public update, a status change) clears it at once
 * (ticket.changed, see app.ts); other changes leave it, so a busy desk does not empty it
 * all the time. Another app process, or a resolved major incident reopened, shows after
 * at most TTL_MS.
 */
const TTL_MS = 5000;
const caches = new WeakMap<DataSource, TtlCache<OpenMajor[]>>();
/** The ids of the major incidents in the cached list (absent while none is loaded). */
const cachedIds = new WeakMap<DataSource, Set<number>>();

/** Forget the list; given a change, only when it concerns a major incident (or the list is still loading). */
export function invalidateOpenMajors(db: DataSource, change?: { ticketId: number; action: string }): void {
  const ids = cachedIds.get(db);
  if (change && change.action !== "major" && ids && !ids.has(change.ticketId)) return;
  cachedIds.delete(db);
  caches.get(db)?.clear();
}

/**
 * A public update of a major incident: a public staff reply (publicReplySql, the one
 * definition the followers of any ticket read too), made at or after the incident's latest marking — the replies written to its
 * requester before it became a major incident stay theirs. The marking is the newest
 * "major" history row from "not major" to a title (from_value NULL, to_value the title; a
 * change of public title has both): `marks` joins it, read on ix_ticket_history_kind
 * (ticket_id, kind, id) once per ticket, so only the ticket's few "major" rows, never the
 * "child" row of each attached incident (its placeholders come first in the statement).
 */
const staffPublic = (c: string) => publicReplySql(c, "tk.requester_id");
const marks = (c: string, n: number) =>
  "INNER JOIN (SELECT h.ticket_id, MAX(h.id) AS id FROM ticket_history h " +
  `WHERE h.ticket_id IN (${placeholders(n)}) AND h.kind = 'major' AND h.from_value IS NULL AND h.to_value IS NOT NULL GROUP BY h.ticket_id) m ON m.ticket_id = ${c}.ticket_id ` +
  `INNER JOIN ticket_history mh ON mh.id = m.id AND ${c}.created_at >= mh.created_at`;

/** The latest public update of each of these tickets (one statement for all of them). */
export async function latestUpdates(db: DataSource, ids: number[]): Promise<Map<number, PublicUpdate>> {
  if (!ids.length) return new Map();
  const rows = await rawQuery<{ ticket_id: number; body: string; created_at: string | number }>(db,
    "SELECT c.ticket_id, c.body, c.created_at FROM ticket_comments c WHERE c.id IN (" +
    `SELECT MAX(c2.id) FROM ticket_comments c2 INNER JOIN tickets tk ON tk.id = c2.ticket_id ${marks("c2", ids.length)} ` +
    `WHERE c2.ticket_id IN (${placeholders(ids.length)}) AND ${staffPublic("c2")} GROUP BY c2.ticket_id)`,
    [...ids, ...ids]);
  return new Map(rows.map((r) => [Number(r.ticket_id), { body: r.body, at: toDate(r.created_at) as Date }]));
}

/** Every public update of a ticket, oldest first. */
export async function publicUpdates(db: DataSource, id: number): Promise<PublicUpdate[]> {
  const rows = await rawQuery<{ body: string; created_at: string | number }>(db,
    `SELECT c.body, c.created_at FROM ticket_comments c INNER JOIN tickets tk ON tk.id = c.ticket_id ${marks("c", 1)} ` +
    `WHERE c.ticket_id = ? AND ${staffPublic("c")} ORDER BY c.id`, [id, id]);
  return rows.map((r) => ({ body: r.body, at: toDate(r.created_at) as Date }));
}

async function load(db: DataSource): Promise<OpenMajor[]> {
  // word for word the partial index's WHERE (migration MajorIncidents): an empty index on a normal day
  const rows = await rawQuery<{ id: number; title: string; public_title: string | null; status: TicketStatus; requester_id: number }>(db,
    "SELECT t.id, t.title, t.public_title, t.status, t.requester_id FROM tickets t " +
    "WHERE t.major = TRUE AND t.status IN ('new', 'open', 'pending', 'escalated') ORDER BY t.id", []);
  cachedIds.set(db, new Set(rows.map((r) => Number(r.id))));
  if (!rows.length) return [];
  const updates = await latestUpdates(db, rows.map((r) => Number(r.id)));
  return rows.map((r) => ({
    id: Number(r.id), number: incidentNumber(Number(r.id)), title: r.title, publicTitle: r.public_title, status: r.status,
    requesterId: Number(r.requester_id), update: updates.get(Number(r.id)) ?? null,
  }));
}

export function openMajors(db: DataSource): Promise<OpenMajor[]> {
  return cacheFor(caches, db, TTL_MS).get("all", () => load(db));
}

/** How this person stands with a major incident: its requester, the requester of a child, a follower, or none of these. */
export type Standing = { kind: "mine" } | { kind: "child"; number: string } | { kind: "following"; removable: boolean } | { kind: "none" };

/** The person's standing with each of these major incidents: two small indexed reads, only when some are open. */
export async function standings(db: DataSource, actor: Actor, majors: Pick<OpenMajor, "id" | "requesterId">[]): Promise<Map<number, Standing>> {
  const out = new Map<number, Standing>();
  if (!majors.length) return out;
  const ids = majors.map((m) => m.id);
  const [follows, children] = await Promise.all([
    rawQuery<{ ticket_id: number; reason: string }>(db,
      `SELECT ticket_id, reason FROM ticket_watchers WHERE user_id = ? AND ticket_id IN (${placeholders(ids.length)})`, [actor.id, ...ids]),
    rawQuery<{ id: number; parent_id: number }>(db,
      `SELECT id, parent_id FROM tickets WHERE requester_id = ? AND parent_id IN (${placeholders(ids.length)}) ORDER BY id`, [actor.id, ...ids]),
  ]);
  for (const m of majors) {
    const child = children.find((c) => Number(c.parent_id) === m.id);
    const follow = follows.find((f) => Number(f.ticket_id) === m.id);
    out.set(m.id, m.requesterId === actor.id ? { kind: "mine" }
      : child ? { kind: "child", number: incidentNumber(Number(child.id)) }
        : follow ? { kind: "following", removable: follow.reason === "affected" } : { kind: "none" });
  }
  return out;
}
