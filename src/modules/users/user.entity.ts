import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";
import type { Role } from "../../access/roles";

@Entity({ name: "users" })
@Index("uq_users_provider_username", ["provider", "username"], { unique: true })
export class User {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ type: "varchar", length: 100 })
  username!: string;

  /** local or ldap: a local "alice" and a directory "alice" are two identities. */
  @Column({ type: "varchar", length: 10, default: "local" })
  provider!: "local" | "ldap";

  @Column({ name: "display_name", type: "varchar", length: 200 })
  displayName!: string;

  @Column({ type: "varchar", length: 254, nullable: true })
  email!: string | null;

  @Column({ type: "varchar", length: 50, nullable: true })
  phone!: string | null;

  @Column({ type: "varchar", length: 120, nullable: true })
  department!: string | null;

  @Column({ type: "varchar", length: 120, nullable: true })
  location!: string | null;

  @Column({ type: "varchar", length: 5, nullable: true })
  locale!: "en" | "fr" | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  timezone!: string | null;

  @Column({ type: "boolean", default: false })
  vip!: boolean;

  /** Who approves this person's catalog requests (admin-set, or the directory's manager attribute). */
  @Column({ name: "manager_id", type: "integer", nullable: true })
  managerId!: number | null;

  @Column({ type: "varchar", length: 20 })
  role!: Role;

  @Column({ type: "boolean", default: true })
  active!: boolean;

  @Column({ name: "password_hash", type: "varchar", length: 255, nullable: true })
  passwordHash!: string | null;

  /** Where a directory account lives in the directory (refreshed at each sign-in and sync). */
  @Column({ name: "directory_dn", type: "varchar", length: 1000, nullable: true })
  directoryDn!: string | null;

  /** Who deactivated the account: a sync reactivates only the ones it deactivated itself. */
  @Column({ name: "deactivated_by", type: "varchar", length: 20, nullable: true })
  deactivatedBy!: "admin" | "directory" | null;

  @InstantColumn("directory_synced_at", { nullable: true })
  directorySyncedAt!: Date | null;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("updated_at")
  updatedAt!: Date;
}
