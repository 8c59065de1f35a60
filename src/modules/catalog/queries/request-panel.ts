import { rawEntities } from "../../../platform/db/raw";
import type { Actor } from "../../../access/actor";
import { canTicket } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import type { Ticket } from "../../tickets/ticket.entity";
import { CatalogItem, CatalogRequest, type RequestAnswer } from "../catalog.entity";
import { formatAnswer, iconOf } from "../catalog.presenter";

export interface RequestPanel {
  item: { id: number; name: string; icon: string };
  answers: RequestAnswer[];
  /** formatAnswer, for the partial: it formats in the reader's language (t and locale are the view's). */
  format: typeof formatAnswer;
}

/**
 * The answers of a request made from the catalog, for its ticket page: whoever reads the
 * ticket (its requester, the staff who work it). A follower of a merged duplicate reads
 * only its public face, and an incident or a free-form request has none: null.
 */
export async function requestPanel(deps: Deps, actor: Actor, ticket: Ticket): Promise<RequestPanel | null> {
  if (ticket.type !== "request" || !canTicket(actor, "read", ticket)) return null;
  const m = deps.db.manager;
  const [request] = await rawEntities(deps.db, CatalogRequest, "ticket_id = ?", [ticket.id]);
  if (!request) return null;
  const item = await m.findOne(CatalogItem, { select: { id: true, name: true, icon: true }, where: { id: request.itemId } });
  return { item: { id: request.itemId, name: item?.name ?? ticket.title, icon: item ? iconOf(item) : "box" }, answers: request.answers, format: formatAnswer };
}
