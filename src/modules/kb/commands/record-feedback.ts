import type { Actor } from "../../../access/actor";
import { authorizeKb, type KbArticleSubject } from "../../../access/policies/kb.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { txQuery } from "../../../platform/db/raw";
import { KbFeedback } from "../kb.entity";

export interface FeedbackInput {
  helpful: boolean;
  comment?: string | null;
}

/**
 * "Was this helpful?": one answer a person and article, which they may change. The
 * counters on the article move in the same transaction as the answer, and only when the
 * answer is new or flips, decided by the rows each statement touched (the unique index
 * on article + person and the row lock of the UPDATE): two submits at once never count twice.
 */
export async function recordFeedback(deps: Deps, actor: Actor, articleId: number, input: FeedbackInput): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const [a] = await txQuery<KbArticleSubject>(tx, "SELECT audience, status FROM kb_articles WHERE id = ?", [articleId]);
    authorizeKb(actor, "feedback", a ?? null);
    const at = deps.clock.now();
    const comment = input.comment ?? null;
    const column = (yes: boolean) => (yes ? "helpful_yes" : "helpful_no");
    const added = await txQuery(tx,
      `INSERT INTO kb_feedback (article_id, user_id, helpful, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (article_id, user_id) DO NOTHING RETURNING id`, [articleId, actor.id, input.helpful, comment, at.getTime(), at.getTime()]);
    if (added.length) {
      await txQuery(tx, `UPDATE kb_articles SET ${column(input.helpful)} = ${column(input.helpful)} + 1 WHERE id = ?`, [articleId]);
      return;
    }
    const mine = { articleId, userId: actor.id };
    const flipped = await tx.update(KbFeedback, { ...mine, helpful: !input.helpful }, { helpful: input.helpful, comment, updatedAt: at });
    if (flipped.affected) {
      const [up, down] = [column(input.helpful), column(!input.helpful)];
      await txQuery(tx, `UPDATE kb_articles SET ${up} = ${up} + 1, ${down} = CASE WHEN ${down} > 0 THEN ${down} - 1 ELSE 0 END WHERE id = ?`, [articleId]);
      return;
    }
    // the same answer again: only the comment may have changed
    await tx.update(KbFeedback, mine, { comment, updatedAt: at });
  });
}
