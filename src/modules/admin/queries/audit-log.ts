import type { Actor } from "../../../access/actor";
import { authorizeAdmin } from "../../../access/policies/admin.policy";
import type { Deps } from "../../../platform/deps";
import { decodeCursor, encodeCursor } from "../../../platform/http/cursor";
import { toDate } from "../../../platform/db/columns";
import { User } from "../../users/user.entity";
import { AuditEntry } from "../audit.entity";

export interface AuditRow {
  id: number;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown> | null;
  createdAt: Date;
}

/**
 * Newest first, keyset-paginated on the id: ids grow with time and are unique, where two
 * changes in the same millisecond would tie on created_at.
 */
export async function listAudit(deps: Deps, actor: Actor, cursor: string | undefined, limit = 50): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  authorizeAdmin(actor);
  const qb = deps.db.manager.createQueryBuilder(AuditEntry, "a")
    .select(["a.id AS id", "a.action AS action", "a.entity_type AS entity_type", "a.entity_id AS entity_id", "a.details AS details",
      "a.created_at AS created_at", "u.display_name AS actor_name"])
    .leftJoin(User, "u", "u.id = a.actor_id");
  const before = decodeCursor(cursor, 1);
  if (before) qb.where("a.id < :before", { before: before[0] });
  const raw = await qb.orderBy("a.id", "DESC").limit(limit + 1).getRawMany<Record<string, unknown>>();
  const rows = raw.slice(0, limit).map((r): AuditRow => ({
    id: Number(r.id), actorName: (r.actor_name as string | null) ?? null, action: String(r.action),
    entityType: String(r.entity_type), entityId: (r.entity_id as string | null) ?? null,
    // raw rows skip the simple-json transformer
    details: typeof r.details === "string" && r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    createdAt: toDate(r.created_at) as Date,
  }));
  const last = rows[rows.length - 1];
  return { rows, nextCursor: raw.length > limit && last ? encodeCursor([last.id]) : null };
}
