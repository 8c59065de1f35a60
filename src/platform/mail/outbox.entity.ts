import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../db/columns";
import type { Locale } from "../i18n";

/**
 * pending: waiting for its next attempt; sending: claimed by one process (its lease ends at
 * next_attempt_at); sent; failed: gave up (last_error says why); held: mail is off.
 */
export const MAIL_STATUSES = ["pending", "sending", "sent", "failed", "held"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** One message of the outbox, rendered when it was queued (subject and both bodies). */
@Entity({ name: "mail_outbox" })
export class MailOutboxRow {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "to_address", type: "varchar", length: 320 })
  toAddress!: string;

  @Column({ name: "to_name", type: "varchar", length: 200, nullable: true })
  toName!: string | null;

  @Column({ type: "varchar", length: 5 })
  locale!: Locale;

  @Column({ type: "varchar", length: 100 })
  template!: string;

  @Column({ type: "text" })
  subject!: string;

  @Column({ type: "text" })
  html!: string;

  @Column({ type: "text" })
  text!: string;

  /** What the message is about, e.g. "ticket" / 123 (no foreign key: any module may send). */
  @Column({ name: "related_type", type: "varchar", length: 50, nullable: true })
  relatedType!: string | null;

  @Column({ name: "related_id", type: "integer", nullable: true })
  relatedId!: number | null;

  @Column({ type: "varchar", length: 10 })
  status!: MailStatus;

  /** Tries so far, counted when a try starts (a process that dies mid-send still used one). */
  @Column({ type: "integer" })
  attempts!: number;

  /** pending: due from then; sending: the claim's lease ends then. */
  @InstantColumn("next_attempt_at")
  nextAttemptAt!: Date;

  /** The process (and try) holding the claim while sending. */
  @Column({ name: "claimed_by", type: "varchar", length: 100, nullable: true })
  claimedBy!: string | null;

  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("sent_at", { nullable: true })
  sentAt!: Date | null;

  @Column({ name: "message_id", type: "varchar", length: 500, nullable: true })
  messageId!: string | null;
}
