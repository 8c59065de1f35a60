import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";
import type { WeeklyHours } from "./business-time";
import type { SegmentKind } from "./sla-clock";

/** Business hours in one time zone (or around the clock), with its holidays. */
@Entity({ name: "sla_calendars" })
export class SlaCalendar {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ type: "varchar", length: 100, unique: true })
  name!: string;

  @Column({ type: "varchar", length: 64 })
  timezone!: string;

  @Column({ name: "always_open", type: "boolean", default: false })
  alwaysOpen!: boolean;

  /** WeeklyHours as JSON: weekday (0 = Sunday) -> [["08:00", "18:00"], ...]. */
  @Column({ type: "text", transformer: { to: (v: WeeklyHours) => JSON.stringify(v), from: (v: string) => JSON.parse(v) as WeeklyHours } })
  hours!: WeeklyHours;
}

@Entity({ name: "sla_holidays" })
@Index("uq_sla_holidays_day", ["calendarId", "day"], { unique: true })
export class SlaHoliday {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "calendar_id", type: "integer" })
  calendarId!: number;

  /** A local date, YYYY-MM-DD. */
  @Column({ type: "varchar", length: 10 })
  day!: string;

  @Column({ type: "varchar", length: 100 })
  name!: string;
}

/** The targets of one priority, in business minutes of its calendar. */
@Entity({ name: "sla_policies" })
export class SlaPolicy {
  @PrimaryColumn({ type: "integer" })
  priority!: number;

  @Column({ name: "calendar_id", type: "integer" })
  calendarId!: number;

  @Column({ name: "first_response_minutes", type: "integer" })
  firstResponseMinutes!: number;

  @Column({ name: "resolution_minutes", type: "integer" })
  resolutionMinutes!: number;

  /** At a resolution breach, move the ticket up a tier by itself. */
  @Column({ name: "auto_escalate", type: "boolean", default: false })
  autoEscalate!: boolean;
}

/** One event of a ticket's SLA clock; the due dates are always replayed from these. */
@Entity({ name: "ticket_sla_segments" })
@Index("ix_ticket_sla_segments_ticket", ["ticketId", "at"])
export class SlaSegment {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @Column({ type: "varchar", length: 10 })
  kind!: SegmentKind;

  @InstantColumn("at")
  at!: Date;

  @Column({ type: "varchar", length: 40, nullable: true })
  reason!: string | null;
}
