import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { rawQuery } from "../../../platform/db/raw";
import { TicketPresence } from "../presence.entity";

/** Seen within this window = still on the page (the page pings every 20 s). */
const FRESH_MS = 60_000;
/** A reload within this time does not write again: the window above is much longer. */
const WRITE_EVERY_MS = 15_000;
const lastWrite = new Map<string, number>();

/** Record that the actor has the ticket open; return the others who have it open too. */
export async function touchPresence(deps: Deps, actor: Actor, ticketId: number): Promise<string[]> {
  const now = deps.clock.now().getTime();
  const key = `${ticketId}:${actor.id}`;
  const last = lastWrite.get(key);
  if (last === undefined || now - last >= WRITE_EVERY_MS || now < last) {
    await deps.db.getRepository(TicketPresence).upsert({ ticketId, userId: actor.id, seenAt: new Date(now) }, ["ticketId", "userId"]);
    if (lastWrite.size > 50_000) lastWrite.clear();
    lastWrite.set(key, now);
  }
  const rows = await rawQuery<{ name: string }>(deps.db,
    "SELECT u.display_name AS name FROM ticket_presence p INNER JOIN users u ON u.id = p.user_id " +
    "WHERE p.ticket_id = ? AND p.user_id <> ? AND p.seen_at >= ? ORDER BY u.display_name", [ticketId, actor.id, now - FRESH_MS]);
  return rows.map((r) => r.name);
}
