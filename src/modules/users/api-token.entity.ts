import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";

/** Bearer tokens are kept as SHA-256 hashes; the clear token is shown once. */
@Entity({ name: "api_tokens" })
export class ApiToken {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "user_id", type: "integer" })
  userId!: number;

  @Column({ type: "varchar", length: 100 })
  name!: string;

  @Column({ name: "token_hash", type: "varchar", length: 64, unique: true })
  tokenHash!: string;

  /** First characters of the token, to recognise it in a list. */
  @Column({ type: "varchar", length: 12 })
  prefix!: string;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("last_used_at", { nullable: true })
  lastUsedAt!: Date | null;

  @InstantColumn("revoked_at", { nullable: true })
  revokedAt!: Date | null;
}
