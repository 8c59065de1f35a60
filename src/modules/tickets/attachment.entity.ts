import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";

@Entity({ name: "ticket_attachments" })
export class TicketAttachment {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  /** The reply or note it came with; null when attached to the ticket at creation. */
  @Column({ name: "comment_id", type: "integer", nullable: true })
  commentId!: number | null;

  @Column({ type: "varchar", length: 255 })
  filename!: string;

  @Column({ name: "mime_type", type: "varchar", length: 100 })
  mimeType!: string;

  @Column({ type: "integer" })
  size!: number;

  /** Random file name under the upload folder; never derived from user input. */
  @Column({ name: "storage_key", type: "varchar", length: 64 })
  storageKey!: string;

  @Column({ name: "uploaded_by_id", type: "integer" })
  uploadedById!: number;

  @InstantColumn("created_at")
  createdAt!: Date;
}
