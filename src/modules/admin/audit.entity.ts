import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";

/** Every admin change: who, what, when. */
@Entity({ name: "audit_log" })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "actor_id", type: "integer", nullable: true })
  actorId!: number | null;

  @Column({ type: "varchar", length: 50 })
  action!: string;

  @Column({ name: "entity_type", type: "varchar", length: 30 })
  entityType!: string;

  @Column({ name: "entity_id", type: "varchar", length: 50, nullable: true })
  entityId!: string | null;

  @Column({ type: "simple-json", nullable: true })
  details!: Record<string, unknown> | null;

  @InstantColumn("created_at")
  createdAt!: Date;
}
