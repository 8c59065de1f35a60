import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";

/** One in-app notice: what happened (a kind and its values, translated when shown), about which ticket, read or not. */
@Entity({ name: "notifications" })
@Index("ix_notifications_user", ["userId", "id"])
export class Notification {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "user_id", type: "integer" })
  userId!: number;

  @Column({ type: "varchar", length: 40 })
  kind!: string;

  @Column({ name: "ticket_id", type: "integer", nullable: true })
  ticketId!: number | null;

  /** The values of the message (JSON): number, title, names, counts. */
  @Column({ type: "text", transformer: { to: (v: Record<string, unknown>) => JSON.stringify(v ?? {}), from: (v: string) => JSON.parse(v) as Record<string, unknown> } })
  params!: Record<string, string | number>;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("read_at", { nullable: true })
  readAt!: Date | null;
}

/** A kind a person turned off (only the non-essential kinds can be). */
@Entity({ name: "notification_mutes" })
export class NotificationMute {
  @PrimaryColumn({ name: "user_id", type: "integer" })
  userId!: number;

  @PrimaryColumn({ type: "varchar", length: 40 })
  kind!: string;
}
