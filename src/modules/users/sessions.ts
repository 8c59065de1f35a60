import type { EntityManager } from "typeorm";
import { SessionRow } from "../../platform/db/session.entity";

/** A deactivated user, or one whose password changed, is signed out everywhere at once. */
export async function endSessions(tx: EntityManager, userId: number, exceptSid?: string): Promise<void> {
  const qb = tx.createQueryBuilder().delete().from(SessionRow).where("user_id = :userId", { userId });
  if (exceptSid) qb.andWhere("sid <> :sid", { sid: exceptSid });
  await qb.execute();
}
