import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { User } from "../../users/user.entity";
import { TicketPresence } from "../presence.entity";

/** Seen within this window = still on the page (the page pings every 20 s). */
const FRESH_MS = 60_000;

/** Record that the actor has the ticket open; return the others who have it open too. */
export async function touchPresence(deps: Deps, actor: Actor, ticketId: number): Promise<string[]> {
  const now = deps.clock.now();
  await deps.db.getRepository(TicketPresence).upsert({ ticketId, userId: actor.id, seenAt: now }, ["ticketId", "userId"]);
  const rows = await deps.db.getRepository(TicketPresence).createQueryBuilder("p")
    .innerJoin(User, "u", "u.id = p.user_id")
    .select("u.display_name", "name")
    .where("p.ticket_id = :ticketId AND p.user_id <> :me AND p.seen_at >= :since", { ticketId, me: actor.id, since: now.getTime() - FRESH_MS })
    .orderBy("u.display_name")
    .getRawMany<{ name: string }>();
  return rows.map((r) => r.name);
}
