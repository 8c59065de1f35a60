import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";

/** A "related" link from a ticket to another ticket or to a problem; shown on both sides. */
@Entity({ name: "ticket_links" })
export class TicketLink {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @Column({ name: "other_ticket_id", type: "integer", nullable: true })
  otherTicketId!: number | null;

  @Column({ name: "problem_id", type: "integer", nullable: true })
  problemId!: number | null;

  @Column({ name: "created_by_id", type: "integer", nullable: true })
  createdById!: number | null;

  @InstantColumn("created_at")
  createdAt!: Date;
}

export const WATCH_REASONS = ["merged", "affected"] as const;
export type WatchReason = (typeof WATCH_REASONS)[number];

/**
 * Someone who follows a ticket they did not raise: the requester of a duplicate merged into
 * it, or an employee "affected too" by a major incident. They hear of its public updates.
 */
@Entity({ name: "ticket_watchers" })
export class TicketWatcher {
  @PrimaryColumn({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @PrimaryColumn({ name: "user_id", type: "integer" })
  userId!: number;

  @Column({ type: "varchar", length: 20 })
  reason!: WatchReason;

  @InstantColumn("created_at")
  createdAt!: Date;
}
