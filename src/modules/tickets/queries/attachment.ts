import path from "node:path";
import type { Actor } from "../../../access/actor";
import { authorizeTicket, canTicket } from "../../../access/policies/ticket.policy";
import type { Deps } from "../../../platform/deps";
import { notFound } from "../../../platform/http/errors";
import { Ticket } from "../ticket.entity";
import { TicketAttachment } from "../attachment.entity";
import { TicketComment } from "../comment.entity";

/**
 * An attachment for download, with the file it is stored in. Whoever may not read the
 * ticket gets a 404; an attachment of an internal note does not exist for a requester.
 */
export async function getAttachment(deps: Deps, actor: Actor, ticketId: number, attachmentId: number): Promise<{ attachment: TicketAttachment; file: string }> {
  const m = deps.db.manager;
  const t = await m.findOne(Ticket, { where: { id: ticketId } });
  if (!t) throw notFound("ticket_not_found");
  authorizeTicket(actor, "read", t);
  const a = await m.findOne(TicketAttachment, { where: { id: attachmentId, ticketId } });
  if (!a) throw notFound("attachment_not_found");
  if (a.commentId && !canTicket(actor, "see_internal", t)) {
    const comment = await m.findOne(TicketComment, { where: { id: a.commentId } });
    if (!comment || comment.internal) throw notFound("attachment_not_found");
  }
  return { attachment: a, file: path.join(deps.config.uploadDir, path.basename(a.storageKey)) };
}
