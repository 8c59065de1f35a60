import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { kbScope } from "../../../access/policies/kb.policy";
import { rawQuery } from "../../../platform/db/raw";
import { toDate } from "../../../platform/db/columns";
import type { KbAudience, KbStatus } from "../kb.entity";

/** What a problem's page says of its known-error article. */
export interface KnownErrorArticle {
  id: number;
  title: string;
  audience: KbAudience;
  status: KbStatus;
  /** When it was last saved (each publication from the problem is a save). */
  updatedAt: Date;
}

/**
 * The known-error article of a problem (the first one, if an editor made others by hand)
 * as this reader may see it, or null: problem readers are all editors today, and a wider
 * circle would see only what the knowledge base shows them.
 */
export async function knownErrorArticleOf(db: DataSource, actor: Actor, problemId: number): Promise<KnownErrorArticle | null> {
  const [r] = await rawQuery<{ id: number; title: string; audience: KbAudience; status: KbStatus; updated_at: unknown }>(db,
    `SELECT a.id, a.title, a.audience, a.status, a.updated_at FROM kb_articles a WHERE a.problem_id = ? AND ${kbScope(actor, { status: "all" })} ORDER BY a.id LIMIT 1`, [problemId]);
  return r ? { id: Number(r.id), title: r.title, audience: r.audience, status: r.status, updatedAt: toDate(r.updated_at)! } : null;
}

/** Where an article is read (the same page for the desk and the portal; what it shows depends on the reader). */
export const kbArticleUrl = (id: number) => `/kb/articles/${id}`;
