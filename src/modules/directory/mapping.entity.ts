import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";
import type { Role } from "../../access/roles";

/** A directory group (by DN or by CN) gives a role and, optionally, support-group memberships. */
@Entity({ name: "directory_mappings" })
export class DirectoryMapping {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  /** What the admin typed: a DN ("CN=IT-N2,OU=Groups,DC=corp,DC=example") or a CN ("IT-N2"). */
  @Column({ name: "group_ref", type: "varchar", length: 500 })
  groupRef!: string;

  /** The same, normalised (lower case, no spaces around "=" and ","): one mapping per group. */
  @Column({ name: "group_key", type: "varchar", length: 500, unique: true })
  groupKey!: string;

  @Column({ type: "varchar", length: 20 })
  role!: Role;

  @InstantColumn("created_at")
  createdAt!: Date;
}

@Entity({ name: "directory_mapping_groups" })
export class DirectoryMappingGroup {
  @PrimaryColumn({ name: "mapping_id", type: "integer" })
  mappingId!: number;

  @PrimaryColumn({ name: "group_id", type: "integer" })
  groupId!: number;
}
