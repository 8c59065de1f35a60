import path from "node:path";
import type { Actor } from "../../../access/actor";
import { authorizeTicket, canTicket } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { rawEntities, rawQuery } from "../../../platform/db/raw";
import { notFound } from "../../../platform/http/errors";
import { TicketAttachment } from "../attachment.entity";
import { Ticket } from "../ticket.entity";
import { mergedSourceView } from "./links";

/**
 * An attachment for download, with the file it is stored in: exactly those the ticket
 * page shows this actor (get-ticket's rules, without reading the whole ticket). Whoever may
 * not read the ticket gets a 404, a follower included (they see no file); an attachment of
 * an internal note does not exist for a requester. A file of a duplicate merged into the
 * ticket is downloaded from it by those mergedSourceView lets see that duplicate (staff who
 * read it; its internal notes' files if they see those), never by the ticket's requester.
 * At most four small reads by primary key: the ticket, the attachment, the duplicate it
 * belongs to (only then), its comment's internal flag (only when that decides).
 */
export async function getAttachment(deps: Deps, actor: Actor, ticketId: number, attachmentId: number): Promise<{ attachment: TicketAttachment; file: string }> {
  const db = deps.db;
  const [[ticket], [a]] = await Promise.all([
    rawEntities(db, Ticket, "id = ?", [ticketId]),
    rawEntities(db, TicketAttachment, "id = ?", [attachmentId]),
  ]);
  if (!ticket) throw notFound("ticket_not_found");
  authorizeTicket(actor, "read", ticket);
  if (!a) throw notFound("attachment_not_found");
  let seesInternal: boolean;
  if (a.ticketId === ticket.id) seesInternal = canTicket(actor, "see_internal", ticket);
  else {
    const [source] = await rawEntities(db, Ticket, "id = ? AND merged_into_id = ?", [a.ticketId, ticket.id]);
    const view = source ? mergedSourceView(actor, source) : "none";
    if (view === "none") throw notFound("attachment_not_found");
    seesInternal = view === "internal";
  }
  if (a.commentId !== null && !seesInternal) {
    const shown = await rawQuery(db, "SELECT 1 AS x FROM ticket_comments WHERE id = ? AND internal = FALSE", [a.commentId]);
    if (!shown.length) throw notFound("attachment_not_found");
  }
  return { attachment: a, file: path.join(deps.config.uploadDir, path.basename(a.storageKey)) };
}
