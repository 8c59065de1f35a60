import type { EntityManager } from "typeorm";
import type { Actor } from "../../access/actor";
import { AuditEntry } from "./audit.entity";

/** Written in the transaction of the admin change it records. */
export async function audit(
  tx: EntityManager, actor: Actor, action: string, entityType: string, entityId: string | number | null,
  details: Record<string, unknown> | null, now: Date,
): Promise<void> {
  await tx.save(tx.create(AuditEntry, {
    actorId: actor.id > 0 ? actor.id : null, action, entityType, entityId: entityId == null ? null : String(entityId),
    details, createdAt: now,
  }));
}
