import path from "node:path";
import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { notFound } from "../../../platform/http/errors";
import type { TicketAttachment } from "../attachment.entity";
import { getTicket } from "./get-ticket";

/**
 * An attachment for download, with the file it is stored in: one the ticket page shows
 * this actor, and only those (get-ticket decides). Whoever may not read the ticket gets a
 * 404; an attachment of an internal note does not exist for a requester, nor any for a
 * follower; the files of duplicates merged into the ticket are downloaded from it.
 */
export async function getAttachment(deps: Deps, actor: Actor, ticketId: number, attachmentId: number): Promise<{ attachment: TicketAttachment; file: string }> {
  const d = await getTicket(deps, actor, ticketId);
  const a = [...d.attachments, ...(d.merged?.attachments ?? [])].find((x) => x.id === attachmentId);
  if (!a) throw notFound("attachment_not_found");
  return { attachment: a, file: path.join(deps.config.uploadDir, path.basename(a.storageKey)) };
}
