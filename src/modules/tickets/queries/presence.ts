import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { placeholders, rawQuery } from "../../../platform/db/raw";
import { TicketPresence } from "../presence.entity";
import { Ticket } from "../ticket.entity";
import { authorizeTicket } from "../../../access/policies/ticket.policy";
import { notFound } from "../../../platform/http/errors";

/** Seen within this window = still on the page (the page pings every 20 s). */
const FRESH_MS = 60_000;
/** Sightings are written in one batch this often, not one write per page view. */
const FLUSH_MS = 2_000;

interface Pending {
  rows: Map<string, { ticketId: number; userId: number; seenAt: number }>;
  timer: NodeJS.Timeout | null;
}
const pending = new WeakMap<DataSource, Pending>();

async function flush(db: DataSource, p: Pending): Promise<void> {
  p.timer = null;
  const rows = [...p.rows.values()];
  p.rows.clear();
  if (!rows.length || !db.isInitialized) return;
  await db.getRepository(TicketPresence).upsert(rows.map((r) => ({ ...r, seenAt: new Date(r.seenAt) })), ["ticketId", "userId"]);
}

/**
 * Record that the actor has the ticket open (written with the other sightings of the
 * next two seconds, so other processes see it that late at most); return the others
 * who have it open, from the database and from this process's unwritten sightings.
 */
export async function touchPresence(deps: Deps, actor: Actor, ticketId: number): Promise<string[]> {
  const now = deps.clock.now().getTime();
  let p = pending.get(deps.db);
  if (!p) {
    p = { rows: new Map(), timer: null };
    pending.set(deps.db, p);
  }
  p.rows.set(`${ticketId}:${actor.id}`, { ticketId, userId: actor.id, seenAt: now });
  if (!p.timer) {
    const state = p;
    p.timer = setTimeout(() => flush(deps.db, state).catch((err) => deps.logger.warn({ err }, "presence write failed")), FLUSH_MS);
    p.timer.unref();
  }
  const here = [...p.rows.values()].filter((r) => r.ticketId === ticketId && r.userId !== actor.id).map((r) => r.userId);
  const rows = await rawQuery<{ id: number; name: string }>(deps.db,
    "SELECT u.id, u.display_name AS name FROM ticket_presence p INNER JOIN users u ON u.id = p.user_id " +
    "WHERE p.ticket_id = ? AND p.user_id <> ? AND p.seen_at >= ? ORDER BY u.display_name", [ticketId, actor.id, now - FRESH_MS]);
  const names = new Map(rows.map((r) => [Number(r.id), r.name]));
  const missing = here.filter((id) => !names.has(id));
  if (missing.length) {
    const more = await rawQuery<{ id: number; name: string }>(deps.db,
      `SELECT id, display_name AS name FROM users WHERE id IN (${placeholders(missing.length)})`, missing);
    for (const r of more) names.set(Number(r.id), r.name);
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}

/** The presence ping of a ticket page: only for those who may read the ticket. */
export async function presenceOn(deps: Deps, actor: Actor, ticketId: number): Promise<string[]> {
  const t = await deps.db.manager.findOne(Ticket, { where: { id: ticketId } });
  if (!t) throw notFound("ticket_not_found");
  authorizeTicket(actor, "read", t);
  return touchPresence(deps, actor, ticketId);
}
