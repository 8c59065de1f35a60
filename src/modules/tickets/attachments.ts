import type { EntityManager } from "typeorm";
import type { StoredUpload } from "../../platform/uploads/stored-file";
import { TicketAttachment } from "./attachment.entity";

/** Record files already stored by the upload middleware against a ticket (and a comment). */
export async function insertAttachments(
  tx: EntityManager, ticketId: number, commentId: number | null, files: StoredUpload[], uploadedById: number, now: Date,
): Promise<void> {
  if (!files.length) return;
  await tx.insert(TicketAttachment, files.map((f) => ({
    ticketId, commentId, filename: f.originalName, mimeType: f.mimeType, size: f.size,
    storageKey: f.storageKey, uploadedById, createdAt: now,
  })));
}
