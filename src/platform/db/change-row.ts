import { Column, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "./columns";

/**
 * One recorded change of a record (a problem, an asset): who, when, what kind, which field,
 * from what to what, a note. Each history table adds the record it belongs to.
 */
export abstract class ChangeRow<K extends string> {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "actor_id", type: "integer", nullable: true })
  actorId!: number | null;

  @Column({ type: "varchar", length: 20 })
  kind!: K;

  /** The field a "field" row changed (title, location ...); null for the other kinds. */
  @Column({ type: "varchar", length: 30, nullable: true })
  field!: string | null;

  @Column({ name: "from_value", type: "varchar", length: 200, nullable: true })
  fromValue!: string | null;

  @Column({ name: "to_value", type: "varchar", length: 200, nullable: true })
  toValue!: string | null;

  @Column({ type: "text", nullable: true })
  note!: string | null;

  @InstantColumn("created_at")
  createdAt!: Date;
}
