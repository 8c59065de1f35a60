import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeKb } from "../../../access/policies/kb.policy";
import { rawEntities, rawQuery } from "../../../platform/db/raw";
import { toDate } from "../../../platform/db/columns";
import { notFound } from "../../../platform/http/errors";
import { KbRevision } from "../kb.entity";

/** One line of an article's history (no body: the list would carry every version of it). */
export interface KbRevisionRow {
  number: number;
  actor: string | null;
  at: Date;
  changed: string[];
  note: string | null;
}

/** Every save of an article, the latest first. Editors only; an unknown article is a 404. */
export async function listRevisions(db: DataSource, actor: Actor, articleId: number): Promise<KbRevisionRow[]> {
  authorizeKb(actor, "write");
  const rows = await rawQuery<{ number: number; display_name: string | null; created_at: unknown; changed: string | null; note: string | null }>(db,
    `SELECT r.number, u.display_name, r.created_at, r.changed, r.note FROM kb_revisions r LEFT JOIN users u ON u.id = r.actor_id
      WHERE r.article_id = ? ORDER BY r.number DESC`, [articleId]);
  if (!rows.length) throw notFound("kb_article_not_found");
  return rows.map((r) => ({
    number: Number(r.number), actor: r.display_name, at: toDate(r.created_at)!, changed: r.changed ? r.changed.split(",") : [], note: r.note,
  }));
}

/** One revision, whole (what the article said then). */
export async function getRevision(db: DataSource, actor: Actor, articleId: number, number: number): Promise<KbRevision> {
  authorizeKb(actor, "write");
  const [r] = Number.isSafeInteger(number) && number > 0 ? await rawEntities(db, KbRevision, "article_id = ? AND number = ?", [articleId, number]) : [];
  if (!r) throw notFound("kb_revision_not_found");
  return r;
}

/** "restored:3" -> 3: the revision a save brought back. */
export function restoredFrom(note: string | null): number | null {
  const m = /^restored:(\d+)$/.exec(note ?? "");
  return m ? Number(m[1]) : null;
}
