import { Entity, PrimaryColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";

/** Who has a ticket open right now (kept in the DB so several app processes agree). */
@Entity({ name: "ticket_presence" })
export class TicketPresence {
  @PrimaryColumn({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @PrimaryColumn({ name: "user_id", type: "integer" })
  userId!: number;

  @InstantColumn("seen_at")
  seenAt!: Date;
}
