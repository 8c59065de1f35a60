import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";
import type { Channel, TicketType } from "../tickets/ticket.types";

/**
 * What the dashboard needs of one resolved ticket, computed by the kpi-facts job from the
 * ticket, its history and its SLA clock (see facts.ts for every field's rule). A ticket
 * reopened has no row until it is resolved again.
 */
@Entity({ name: "ticket_kpi_facts" })
export class TicketKpiFacts {
  @PrimaryColumn({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @Column({ type: "varchar", length: 10 })
  type!: TicketType;

  @Column({ type: "varchar", length: 12 })
  channel!: Channel;

  @Column({ name: "category_id", type: "integer", nullable: true })
  categoryId!: number | null;

  @Column({ type: "integer" })
  priority!: number;

  /** The tier it was resolved at. */
  @Column({ type: "integer" })
  tier!: number;

  @Column({ name: "group_id", type: "integer", nullable: true })
  groupId!: number | null;

  @Column({ name: "resolver_id", type: "integer", nullable: true })
  resolverId!: number | null;

  @Column({ name: "first_assignee_id", type: "integer", nullable: true })
  firstAssigneeId!: number | null;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("resolved_at")
  resolvedAt!: Date;

  @Column({ name: "first_response_seconds", type: "integer", nullable: true })
  firstResponseSeconds!: number | null;

  @Column({ name: "resolution_seconds", type: "integer" })
  resolutionSeconds!: number;

  @Column({ name: "tier1_seconds", type: "integer" })
  tier1Seconds!: number;

  @Column({ name: "tier2_seconds", type: "integer" })
  tier2Seconds!: number;

  @Column({ name: "tier3_seconds", type: "integer" })
  tier3Seconds!: number;

  @Column({ name: "response_met", type: "boolean", nullable: true })
  responseMet!: boolean | null;

  @Column({ name: "resolution_met", type: "boolean", nullable: true })
  resolutionMet!: boolean | null;

  @Column({ type: "boolean" })
  escalated!: boolean;

  @Column({ type: "boolean" })
  reopened!: boolean;

  @Column({ type: "boolean" })
  fcr!: boolean;

  @Column({ name: "kb_solved", type: "boolean" })
  kbSolved!: boolean;

  @InstantColumn("computed_at")
  computedAt!: Date;
}

/** The requester's rating of a resolved ticket: one per ticket, changeable for 24 hours after the first answer. */
@Entity({ name: "ticket_surveys" })
export class TicketSurvey {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @Column({ name: "requester_id", type: "integer", nullable: true })
  requesterId!: number | null;

  /** 1 (very dissatisfied) to 5 (very satisfied). */
  @Column({ type: "integer" })
  score!: number;

  @Column({ type: "text", nullable: true })
  comment!: string | null;

  @InstantColumn("first_answered_at")
  firstAnsweredAt!: Date;

  @InstantColumn("answered_at")
  answeredAt!: Date;

  /** When the low-score alert went out (once per ticket, whatever the changes). */
  @InstantColumn("alerted_at", { nullable: true })
  alertedAt!: Date | null;
}

/** How far a rollup job has read (the kpi-facts job: tickets changed up to this instant). */
@Entity({ name: "report_watermarks" })
export class ReportWatermark {
  @PrimaryColumn({ type: "varchar", length: 40 })
  name!: string;

  @InstantColumn("at")
  at!: Date;

  /** What the rollup was computed with: the kpi-facts job keeps a fingerprint of the SLA settings (calendars, holidays, targets). */
  @Column({ type: "varchar", length: 100, nullable: true })
  state!: string | null;
}
