import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { isKbEditor } from "../../../access/policies/kb.policy";
import { rawQuery } from "../../../platform/db/raw";
import type { KbArticle } from "../kb.entity";

/**
 * One more reading of an article: a single UPDATE, no transaction of its own (a lost
 * count is harmless, a slower page is not). The count says how often the knowledge base
 * answers its readers, so only a reader who is not an editor counts, and only on a
 * published article: an editor checking, fixing or previewing one is not looking for an answer.
 */
export async function recordView(db: DataSource, actor: Actor, article: Pick<KbArticle, "id" | "status">): Promise<void> {
  if (article.status !== "published" || isKbEditor(actor)) return;
  await rawQuery(db, "UPDATE kb_articles SET views = views + 1 WHERE id = ?", [article.id]);
}
