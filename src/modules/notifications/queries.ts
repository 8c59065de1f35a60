import { LessThan } from "typeorm";
import type { Actor } from "../../access/actor";
import type { Deps } from "../../platform/deps";
import { rawQuery } from "../../platform/db/raw";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor";
import { Notification, NotificationMute } from "./notification.entity";
import { OPTIONAL_KINDS, type NotificationKind } from "./notify";

// A person's notices are theirs alone: every query here is scoped to the actor's own id,
// which is the whole access rule (there is no role that reads another person's bell).

/** The bell shows "99+" past this: counting stops there, so a huge backlog costs no more. */
export const UNREAD_CAP = 100;

/**
 * How many of the actor's notices are unread, up to UNREAD_CAP. Reads only the partial
 * index ix_notifications_unread (user_id WHERE read_at IS NULL).
 */
export async function unreadCount(deps: Deps, actor: Actor): Promise<number> {
  const rows = await rawQuery<{ n: number | string }>(deps.db,
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM notifications WHERE user_id = ? AND read_at IS NULL LIMIT ${UNREAD_CAP}) unread`, [actor.id]);
  return Number(rows[0]?.n ?? 0);
}

export const NOTICES_PAGE = 30;

export interface NoticePage {
  rows: Notification[];
  /** The cursor of the next (older) page, or null on the last one. */
  nextCursor: string | null;
}

/** A page of the actor's notices, newest first, keyset on id (ix_notifications_user). */
export async function listNotices(deps: Deps, actor: Actor, q: { cursor?: string }): Promise<NoticePage> {
  const before = decodeCursor(q.cursor, 1)?.[0];
  const rows = await deps.db.getRepository(Notification).find({
    where: { userId: actor.id, ...(before ? { id: LessThan(before) } : {}) }, order: { id: "DESC" }, take: NOTICES_PAGE + 1,
  });
  const more = rows.length > NOTICES_PAGE;
  if (more) rows.pop();
  const last = rows[rows.length - 1];
  return { rows, nextCursor: more && last ? encodeCursor([last.id]) : null };
}

/** For each kind a person may turn off: whether they receive it. */
export async function notificationPreferences(deps: Deps, actor: Actor): Promise<{ kind: NotificationKind; receive: boolean }[]> {
  const mutes = await deps.db.getRepository(NotificationMute).find({ where: { userId: actor.id } });
  const muted = new Set(mutes.map((m) => m.kind));
  return OPTIONAL_KINDS.map((kind) => ({ kind, receive: !muted.has(kind) }));
}
