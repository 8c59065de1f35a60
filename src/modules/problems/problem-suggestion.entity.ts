import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";

/** The dimensions a cluster of incidents can share (besides its category). See suggest/cluster.ts. */
export const SUGGESTION_DIMENSIONS = ["location", "keyword", "asset"] as const;
export type SuggestionDimension = (typeof SUGGESTION_DIMENSIONS)[number];

/** JSON text of ticket ids <-> the ids (a column type both databases share). */
const idList = {
  to: (v: number[] | null | undefined) => (v == null ? v : JSON.stringify(v)),
  from: (v: string | null) => (v == null ? [] : (JSON.parse(v) as number[])),
};

/**
 * A suggested problem: a cluster of unlinked incidents of one category sharing a location
 * or a title keyword, kept by the problem-suggest job. The cluster key (category +
 * dimension + value) is stable, so a dismissal is remembered across refreshes; a row a
 * problem was created from keeps problem_id and is left alone.
 */
@Entity({ name: "problem_suggestions" })
export class ProblemSuggestion {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  /** "<categoryId>|<dimension>|<normalised value>". */
  @Column({ name: "cluster_key", type: "varchar", length: 300 })
  clusterKey!: string;

  @Column({ name: "category_id", type: "integer" })
  categoryId!: number;

  @Column({ type: "varchar", length: 20 })
  dimension!: SuggestionDimension;

  /** What the incidents share, as shown: "Lyon", "vpn", "disconnects + vpn". */
  @Column({ type: "varchar", length: 200 })
  value!: string;

  /** The incidents of the cluster at the last refresh, oldest first. */
  @Column({ name: "ticket_ids", type: "text", transformer: idList })
  ticketIds!: number[];

  @Column({ type: "integer" })
  count!: number;

  @InstantColumn("first_incident_at")
  firstIncidentAt!: Date;

  @InstantColumn("last_incident_at")
  lastIncidentAt!: Date;

  @InstantColumn("created_at")
  createdAt!: Date;

  /** The last run of the job that found this cluster. */
  @InstantColumn("refreshed_at")
  refreshedAt!: Date;

  @InstantColumn("dismissed_at", { nullable: true })
  dismissedAt!: Date | null;

  @Column({ name: "dismissed_by_id", type: "integer", nullable: true })
  dismissedById!: number | null;

  @Column({ name: "problem_id", type: "integer", nullable: true })
  problemId!: number | null;
}
