import type { Actor } from "../../access/actor";
import { authorizeAdmin } from "../../access/policies/admin.policy";
import type { Deps } from "../../platform/deps";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor";
import { listOutbox, mailSettings, outboxCounts, type MailSettings, type MailStatus, type OutboxItem } from "../../platform/mail";

/** What the settings page shows: the effective settings and the outbox counts. */
export async function mailOverview(deps: Deps, actor: Actor): Promise<{ settings: MailSettings; counts: Record<MailStatus, number> }> {
  authorizeAdmin(actor);
  const [settings, counts] = await Promise.all([mailSettings(deps.db, deps.config.mail), outboxCounts(deps.db)]);
  return { settings, counts };
}

export const OUTBOX_PAGE = 50;

export interface OutboxPage {
  rows: OutboxItem[];
  counts: Record<MailStatus, number>;
  /** False when mail is off (held messages wait for a server). */
  enabled: boolean;
  nextCursor: string | null;
}

/** A page of the outbox, newest first, optionally one status only. */
export async function outboxPage(deps: Deps, actor: Actor, q: { status?: MailStatus; cursor?: string }): Promise<OutboxPage> {
  authorizeAdmin(actor);
  const before = decodeCursor(q.cursor, 1)?.[0];
  const [{ rows, more }, counts, settings] = await Promise.all([
    listOutbox(deps.db, { status: q.status, before, limit: OUTBOX_PAGE }), outboxCounts(deps.db), mailSettings(deps.db, deps.config.mail),
  ]);
  const last = rows[rows.length - 1];
  return { rows, counts, enabled: settings.enabled, nextCursor: more && last ? encodeCursor([last.id]) : null };
}
