import type { Actor } from "../../../access/actor";
import { authorizeKb } from "../../../access/policies/kb.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { KbArticle, KbDeflection } from "../kb.entity";
import { TYPED_MAX } from "../queries/suggestions";

/**
 * "This solved my problem" while writing a ticket: the ticket is never sent, and the
 * knowledge base counts it (which article, the words typed, who). Only for an article
 * the person may read, once published (else 404, as for any article they may not read).
 */
export function recordDeflection(deps: Deps, actor: Actor, articleId: number, words: string): Promise<KbDeflection> {
  return withTransaction(deps.db, async (tx) => {
    const article = await tx.findOne(KbArticle, { select: { id: true, audience: true, status: true }, where: { id: articleId } });
    authorizeKb(actor, "feedback", article ?? null);
    const query = words.replace(/\s+/g, " ").trim().slice(0, TYPED_MAX) || null;
    const row = tx.create(KbDeflection, { articleId, userId: actor.id, query, createdAt: deps.clock.now() });
    await tx.insert(KbDeflection, row);
    return row;
  });
}
