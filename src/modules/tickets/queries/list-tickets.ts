import type { SelectQueryBuilder } from "typeorm";
import type { Actor } from "../../../access/actor";
import { scopeTickets } from "../../../access/scopes";
import type { Deps } from "../../../platform/deps";
import { decodeCursor, encodeCursor } from "../../../platform/http/cursor";
import { invalid } from "../../../platform/http/errors";
import { Ticket } from "../ticket.entity";
import { parseNumber, type TicketStatus } from "../ticket.types";
import { escapeLike } from "./queue";

export interface TicketListFilter {
  status?: TicketStatus;
  tier?: number;
  /** "me" or a username. */
  assignee?: string;
  /** A title substring, or a ticket number. */
  q?: string;
  limit: number;
  cursor?: string;
}

export interface TicketList {
  tickets: Ticket[];
  nextCursor: string | null;
}

/**
 * Every ticket the actor may see (scopeTickets), newest first, keyset-paginated by id:
 * the cursor is the last id of the page, so a page costs the same however deep it is
 * and a ticket created meanwhile neither shifts nor repeats rows.
 */
export async function listTickets(deps: Deps, actor: Actor, f: TicketListFilter): Promise<TicketList> {
  const after = decodeCursor(f.cursor, 1);
  // a client that walks pages must not be silently sent back to the first one
  if (f.cursor && !after) throw invalid({ cursor: "validation.invalid" });
  const qb = scopeTickets(deps.db.getRepository(Ticket).createQueryBuilder("t"), actor);
  if (f.status) qb.andWhere("t.status = :status", { status: f.status });
  if (f.tier) qb.andWhere("t.tier = :tier", { tier: f.tier });
  if (f.assignee === "me") qb.andWhere("t.assignee_id = :me", { me: actor.id });
  else if (f.assignee) {
    // a local and a directory account may share a username: either one matches
    qb.andWhere("t.assignee_id IN (SELECT u.id FROM users u WHERE u.username = :assignee)", { assignee: f.assignee });
  }
  if (f.q) applySearch(qb, f.q);
  if (after) qb.andWhere("t.id < :after", { after: after[0] });
  const rows = await qb.orderBy("t.id", "DESC").limit(f.limit + 1).getMany();
  const tickets = rows.slice(0, f.limit);
  const last = tickets[tickets.length - 1];
  return { tickets, nextCursor: rows.length > f.limit && last ? encodeCursor([last.id]) : null };
}

/** "INC-000123" finds that ticket; bare digits find that number or a title containing them. */
function applySearch(qb: SelectQueryBuilder<Ticket>, q: string): void {
  const n = parseNumber(q);
  const like = `%${escapeLike(q.toLowerCase())}%`;
  if (n?.prefix) {
    qb.andWhere("t.id = :qid AND t.type = :qtype", { qid: n.id, qtype: n.prefix === "INC" ? "incident" : "request" });
  } else if (n) {
    qb.andWhere("(t.id = :qid OR LOWER(t.title) LIKE :q ESCAPE '\\')", { qid: n.id, q: like });
  } else {
    qb.andWhere("LOWER(t.title) LIKE :q ESCAPE '\\'", { q: like });
  }
}
