import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import type { Tier } from "../../access/roles";

/** A support group works at one tier (1 = N1 service desk, 2 = N2, 3 = N3). */
@Entity({ name: "support_groups" })
export class SupportGroup {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ type: "varchar", length: 100, unique: true })
  name!: string;

  @Column({ type: "integer" })
  tier!: Tier;

  @Column({ type: "varchar", length: 254, nullable: true })
  email!: string | null;
}

@Entity({ name: "group_members" })
export class GroupMember {
  @PrimaryColumn({ name: "group_id", type: "integer" })
  groupId!: number;

  @PrimaryColumn({ name: "user_id", type: "integer" })
  userId!: number;
}
