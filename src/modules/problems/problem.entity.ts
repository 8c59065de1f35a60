import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";
import { ChangeRow } from "../../platform/db/change-row";

export const PROBLEM_STATUSES = ["new", "investigating", "known_error", "resolved", "closed"] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const OPEN_PROBLEM_STATUSES: readonly ProblemStatus[] = ["new", "investigating", "known_error"];

/** A problem: the cause behind one or many incidents, shown as PRB-000042. */
@Entity({ name: "problems" })
export class Problem {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ type: "varchar", length: 200 })
  title!: string;

  @Column({ type: "text" })
  description!: string;

  @Column({ name: "category_id", type: "integer", nullable: true })
  categoryId!: number | null;

  /** The affected service or asset, in words (a link once assets exist). */
  @Column({ type: "varchar", length: 200, nullable: true })
  affected!: string | null;

  @Column({ type: "integer" })
  priority!: number;

  @Column({ name: "owner_id", type: "integer", nullable: true })
  ownerId!: number | null;

  @Column({ name: "group_id", type: "integer", nullable: true })
  groupId!: number | null;

  @Column({ type: "varchar", length: 15 })
  status!: ProblemStatus;

  @Column({ type: "text", nullable: true })
  symptoms!: string | null;

  @Column({ name: "root_cause", type: "text", nullable: true })
  rootCause!: string | null;

  @Column({ type: "text", nullable: true })
  impact!: string | null;

  @Column({ type: "text", nullable: true })
  workaround!: string | null;

  @Column({ name: "permanent_fix", type: "text", nullable: true })
  permanentFix!: string | null;

  @Column({ type: "text", nullable: true })
  resolution!: string | null;

  @Column({ type: "integer", default: 1 })
  version!: number;

  @Column({ name: "created_by_id", type: "integer", nullable: true })
  createdById!: number | null;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("updated_at")
  updatedAt!: Date;

  @InstantColumn("known_error_at", { nullable: true })
  knownErrorAt!: Date | null;

  @InstantColumn("resolved_at", { nullable: true })
  resolvedAt!: Date | null;

  @InstantColumn("closed_at", { nullable: true })
  closedAt!: Date | null;
}

export type ProblemHistoryKind = "created" | "status" | "field" | "linked" | "unlinked" | "workaround" | "resolved" | "owner";

/** One change of a problem (the same model as a ticket's history). */
@Entity({ name: "problem_history" })
export class ProblemHistory extends ChangeRow<ProblemHistoryKind> {
  @Column({ name: "problem_id", type: "integer" })
  problemId!: number;
}

export const formatProblemNumber = (id: number) => `PRB-${String(id).padStart(6, "0")}`;
export function parseProblemNumber(s: string): number | null {
  const m = /^PRB-(\d{1,9})$/i.exec(s.trim());
  return m ? Number(m[1]) : null;
}
