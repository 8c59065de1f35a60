import { Column, Entity, PrimaryColumn } from "typeorm";
import { bigintNumber } from "./columns";

@Entity({ name: "sessions" })
export class SessionRow {
  @PrimaryColumn({ type: "varchar", length: 128 })
  sid!: string;

  @Column({ type: "text" })
  data!: string;

  /** Epoch ms after which the session is void (idle timeout, rolled on activity). */
  @Column({ name: "expires_at", type: "bigint", transformer: bigintNumber })
  expiresAt!: number;

  /** Lets us end every session of a user at once (deactivation, password change). */
  @Column({ name: "user_id", type: "integer", nullable: true })
  userId!: number | null;
}
