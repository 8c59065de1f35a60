import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";
import type { HistoryKind } from "./ticket.types";

/** Every change to a ticket, written in the same transaction as the change. */
@Entity({ name: "ticket_history" })
export class TicketHistory {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  /** Null for the system (a scheduled job). */
  @Column({ name: "actor_id", type: "integer", nullable: true })
  actorId!: number | null;

  @Column({ type: "varchar", length: 20 })
  kind!: HistoryKind;

  @Column({ name: "from_value", type: "varchar", length: 200, nullable: true })
  fromValue!: string | null;

  @Column({ name: "to_value", type: "varchar", length: 200, nullable: true })
  toValue!: string | null;

  @Column({ type: "text", nullable: true })
  reason!: string | null;

  /** Escalation hand-over note, or other longer text that belongs to the change. */
  @Column({ type: "text", nullable: true })
  note!: string | null;

  @InstantColumn("created_at")
  createdAt!: Date;
}
