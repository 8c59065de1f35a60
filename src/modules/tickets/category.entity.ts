import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity({ name: "categories" })
export class Category {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ type: "varchar", length: 100, unique: true })
  name!: string;

  /** Where new tickets of this category land (a tier-1 group normally). */
  @Column({ name: "default_group_id", type: "integer", nullable: true })
  defaultGroupId!: number | null;

  @Column({ type: "boolean", default: true })
  active!: boolean;
}
