import { In, IsNull } from "typeorm";
import type { Actor } from "../../access/actor";
import type { Deps } from "../../platform/deps";
import { withTransaction } from "../../platform/db/transaction";
import { notFound } from "../../platform/http/errors";
import { Notification, NotificationMute } from "./notification.entity";
import { OPTIONAL_KINDS, type NotificationKind } from "./notify";

// Only the actor's own notices and preferences: the user id in every WHERE is the access rule.

/**
 * Mark one of the actor's notices read (again is harmless) and return it, for the page
 * to open its ticket. Someone else's notice, or none, is a 404.
 */
export async function markNoticeRead(deps: Deps, actor: Actor, id: number): Promise<Notification> {
  return withTransaction(deps.db, async (tx) => {
    const notice = await tx.findOne(Notification, { where: { id, userId: actor.id } });
    if (!notice) throw notFound("notification_not_found");
    if (!notice.readAt) {
      notice.readAt = deps.clock.now();
      await tx.update(Notification, { id, userId: actor.id, readAt: IsNull() }, { readAt: notice.readAt });
    }
    return notice;
  });
}

/** Mark every unread notice of the actor read. Returns how many. */
export async function markAllNoticesRead(deps: Deps, actor: Actor): Promise<number> {
  return withTransaction(deps.db, async (tx) => {
    const res = await tx.update(Notification, { userId: actor.id, readAt: IsNull() }, { readAt: deps.clock.now() });
    return res.affected ?? 0;
  });
}

/** The kinds the actor still wants; every other optional kind gets a mute row. Unknown kinds are ignored. */
export async function saveNotificationPreferences(deps: Deps, actor: Actor, receive: readonly string[]): Promise<void> {
  const wanted = new Set(receive);
  const muted: NotificationKind[] = OPTIONAL_KINDS.filter((k) => !wanted.has(k));
  await withTransaction(deps.db, async (tx) => {
    await tx.delete(NotificationMute, { userId: actor.id, kind: In([...OPTIONAL_KINDS]) });
    if (muted.length) await tx.insert(NotificationMute, muted.map((kind) => ({ userId: actor.id, kind })));
  });
}
