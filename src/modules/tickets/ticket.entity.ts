import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";
import type { Tier } from "../../access/roles";
import type { Channel, Level, PendingReason, ResolutionCode, TicketStatus, TicketType } from "./ticket.types";

/**
 * The id is the ticket number: one sequence for incidents and requests, shown as
 * INC-000123 or REQ-000124. Indexes are declared in the migrations (they follow the queues).
 */
@Entity({ name: "tickets" })
export class Ticket {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ type: "varchar", length: 10 })
  type!: TicketType;

  @Column({ type: "varchar", length: 12 })
  channel!: Channel;

  @Column({ name: "requester_id", type: "integer" })
  requesterId!: number;

  @Column({ type: "varchar", length: 200 })
  title!: string;

  @Column({ type: "text" })
  description!: string;

  @Column({ name: "category_id", type: "integer", nullable: true })
  categoryId!: number | null;

  @Column({ type: "varchar", length: 6 })
  impact!: Level;

  @Column({ type: "varchar", length: 6 })
  urgency!: Level;

  /** 1..4 for P1..P4, so "ORDER BY priority" puts P1 first. */
  @Column({ type: "integer" })
  priority!: number;

  @Column({ type: "integer" })
  tier!: Tier;

  @Column({ name: "group_id", type: "integer", nullable: true })
  groupId!: number | null;

  @Column({ name: "assignee_id", type: "integer", nullable: true })
  assigneeId!: number | null;

  @Column({ type: "varchar", length: 10 })
  status!: TicketStatus;

  @Column({ name: "pending_reason", type: "varchar", length: 20, nullable: true })
  pendingReason!: PendingReason | null;

  @Column({ name: "resolution_code", type: "varchar", length: 20, nullable: true })
  resolutionCode!: ResolutionCode | null;

  @Column({ type: "text", nullable: true })
  resolution!: string | null;

  /** Bit mask of the tiers the ticket went through (1, 2, 4): agents of those tiers keep reading it. */
  @Column({ name: "tiers_visited", type: "integer" })
  tiersVisited!: number;

  @Column({ name: "callback_phone", type: "varchar", length: 50, nullable: true })
  callbackPhone!: string | null;

  @Column({ name: "problem_id", type: "integer", nullable: true })
  problemId!: number | null;

  @Column({ name: "parent_id", type: "integer", nullable: true })
  parentId!: number | null;

  /** A major incident: other incidents are attached to it as children, the portal shows its banner. */
  @Column({ type: "boolean", default: false })
  major!: boolean;

  /** What employees see of a major incident (banner, public page); the title when empty. */
  @Column({ name: "public_title", type: "varchar", length: 200, nullable: true })
  publicTitle!: string | null;

  /** A duplicate merged into another ticket: read-only, pointing there. */
  @Column({ name: "merged_into_id", type: "integer", nullable: true })
  mergedIntoId!: number | null;

  @Column({ name: "reopen_count", type: "integer", default: 0 })
  reopenCount!: number;

  /** Optimistic lock: every change is UPDATE ... WHERE version = the version the user saw. */
  @Column({ type: "integer", default: 1 })
  version!: number;

  @Column({ name: "updated_by_id", type: "integer", nullable: true })
  updatedById!: number | null;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("updated_at")
  updatedAt!: Date;

  @InstantColumn("first_response_at", { nullable: true })
  firstResponseAt!: Date | null;

  @InstantColumn("resolved_at", { nullable: true })
  resolvedAt!: Date | null;

  @InstantColumn("closed_at", { nullable: true })
  closedAt!: Date | null;

  @InstantColumn("last_public_activity_at")
  lastPublicActivityAt!: Date;

  // ---- what the watch jobs keep (see modules/sla/jobs)
  /** Since when the ticket is stale (no public activity for its tier's threshold); null when it is not. */
  @InstantColumn("stale_since", { nullable: true })
  staleSince!: Date | null;

  /** 0 nobody told yet, 1 the assignee (or group) was told, 2 the supervisor too. */
  @Column({ name: "stale_level", type: "integer", default: 0 })
  staleLevel!: number;

  /** When it entered a queue untaken (new or escalated); null once someone works it. */
  @InstantColumn("queued_at", { nullable: true })
  queuedAt!: Date | null;

  @InstantColumn("unassigned_alerted_at", { nullable: true })
  unassignedAlertedAt!: Date | null;

  /** Reminders sent to the requester while it waits on them. */
  @Column({ name: "pending_reminders", type: "integer", default: 0 })
  pendingReminders!: number;

  // ---- SLA (replayed from ticket_sla_segments on every change; see modules/sla)
  @InstantColumn("first_response_due_at", { nullable: true })
  firstResponseDueAt!: Date | null;

  @InstantColumn("resolution_due_at", { nullable: true })
  resolutionDueAt!: Date | null;

  /** The nearest target still running: first response, else resolution; null while paused or stopped. */
  @InstantColumn("sla_next_due_at", { nullable: true })
  slaNextDueAt!: Date | null;

  /** When the nearest 75% warning falls due (sla-watch); null when none is pending. */
  @InstantColumn("sla_next_warn_at", { nullable: true })
  slaNextWarnAt!: Date | null;

  @InstantColumn("sla_paused_at", { nullable: true })
  slaPausedAt!: Date | null;

  @InstantColumn("sla_response_warned_at", { nullable: true })
  slaResponseWarnedAt!: Date | null;

  @InstantColumn("sla_resolution_warned_at", { nullable: true })
  slaResolutionWarnedAt!: Date | null;

  @InstantColumn("sla_response_breached_at", { nullable: true })
  slaResponseBreachedAt!: Date | null;

  @InstantColumn("sla_resolution_breached_at", { nullable: true })
  slaResolutionBreachedAt!: Date | null;
}
