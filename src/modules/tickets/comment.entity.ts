import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";

/** A public reply (the requester sees it) or an internal note (agents only). */
@Entity({ name: "ticket_comments" })
export class TicketComment {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @Column({ name: "author_id", type: "integer" })
  authorId!: number;

  @Column({ type: "text" })
  body!: string;

  @Column({ type: "boolean" })
  internal!: boolean;

  @InstantColumn("created_at")
  createdAt!: Date;
}
