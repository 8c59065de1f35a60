import type { EntityManager } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeKb } from "../../../access/policies/kb.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { conflict, invalid, notFound } from "../../../platform/http/errors";
import { articleText } from "../markdown";
import { indexArticle } from "../search-index";
import { KbArticle, KbCategory, KbRevision, type KbAudience, type KbStatus } from "../kb.entity";

/** What an author writes; the tags already normalised (kb.schemas normalizeTags). */
export interface ArticleInput {
  title: string;
  summary?: string | null;
  body: string;
  categoryId?: number | null;
  tags?: string[];
  audience: KbAudience;
  status: KbStatus;
  reviewBy?: string | null;
}

/** Where a new article comes from: a problem's workaround, a resolved ticket. */
export interface ArticleOrigin {
  problemId?: number | null;
  sourceTicketId?: number | null;
}

/** The fields a revision keeps and compares, in the order "what changed" lists them. */
const REVISED = ["title", "summary", "body", "categoryId", "tags", "audience", "status", "reviewBy"] as const;
type Revised = Pick<KbArticle, (typeof REVISED)[number]>;

async function assertCategory(tx: EntityManager, id: number | null | undefined, keep: number | null): Promise<void> {
  if (id == null || id === keep) return;
  const c = await tx.findOne(KbCategory, { where: { id } });
  if (!c || !c.active) throw invalid({ category: "validation.choice" });
}

function revisionOf(a: KbArticle, number: number, actorId: number, changed: string, now: Date, note: string | null): Partial<KbRevision> {
  return {
    articleId: a.id, number, actorId, title: a.title, summary: a.summary, body: a.body, categoryId: a.categoryId, tags: a.tags,
    audience: a.audience, status: a.status, reviewBy: a.reviewBy, changed, note, createdAt: now,
  };
}

/**
 * The article's next revision, as it stands now: a save (the fields it changed), or a file
 * added or removed ("files", the file's name in the note), in the caller's transaction.
 */
export async function appendRevision(tx: EntityManager, a: KbArticle, actorId: number, changed: string, note: string | null, now: Date): Promise<void> {
  const last = await tx.createQueryBuilder(KbRevision, "r").select("MAX(r.number)", "n").where("r.article_id = :id", { id: a.id }).getRawOne<{ n: number }>();
  await tx.insert(KbRevision, revisionOf(a, Number(last?.n ?? 0) + 1, actorId, changed, now, note));
}

/** Saving while published (or publishing) is a review: the reviewer is who did it. */
function stamp(a: KbArticle, actor: Actor, now: Date): void {
  if (a.status !== "published") return;
  a.reviewerId = actor.id;
  a.publishedAt ??= now;
}

/** A new article (an editor's), its first revision and its words in the index, in one transaction. */
export async function createArticle(deps: Deps, actor: Actor, input: ArticleInput, origin: ArticleOrigin = {}, tx?: EntityManager): Promise<KbArticle> {
  authorizeKb(actor, "write");
  const run = async (m: EntityManager) => {
    await assertCategory(m, input.categoryId, null);
    const now = deps.clock.now();
    const a = m.create(KbArticle, {
      title: input.title, summary: input.summary ?? null, body: input.body, bodyText: articleText(input.body),
      categoryId: input.categoryId ?? null, tags: input.tags?.length ? input.tags.join(",") : null,
      audience: input.audience, status: input.status, reviewBy: input.reviewBy ?? null, authorId: actor.id, reviewerId: null,
      problemId: origin.problemId ?? null, sourceTicketId: origin.sourceTicketId ?? null, version: 1, createdAt: now, updatedAt: now,
      publishedAt: null,
    });
    stamp(a, actor, now);
    await m.save(a);
    await m.insert(KbRevision, revisionOf(a, 1, actor.id, "created", now, null));
    await indexArticle(m, a);
    return a;
  };
  return tx ? run(tx) : withTransaction(deps.db, run);
}

/**
 * Change an article on the version the editor saw (else 409 kb_article_changed): a new
 * revision with the fields that changed; nothing changed, nothing written. `note` says
 * why (a restore names its revision).
 */
export async function updateArticle(
  deps: Deps, actor: Actor, id: number, input: Partial<ArticleInput> & { version?: number }, note: string | null = null, tx?: EntityManager,
): Promise<KbArticle> {
  authorizeKb(actor, "write");
  const run = async (m: EntityManager) => {
    const a = await m.findOne(KbArticle, { where: { id } });
    if (!a) throw notFound("kb_article_not_found");
    if (input.version !== undefined && input.version !== a.version) throw conflict("kb_article_changed", "kb.errors.changed");
    await assertCategory(m, input.categoryId, a.categoryId);
    const next: Partial<Revised> = {
      title: input.title, summary: input.summary, body: input.body, categoryId: input.categoryId,
      tags: input.tags === undefined ? undefined : input.tags.length ? input.tags.join(",") : null,
      audience: input.audience, status: input.status, reviewBy: input.reviewBy,
    };
    const changed = REVISED.filter((k) => next[k] !== undefined && (next[k] ?? null) !== (a[k] ?? null));
    if (!changed.length) return a;
    const now = deps.clock.now();
    Object.assign(a, Object.fromEntries(changed.map((k) => [k, next[k] ?? null])));
    if (changed.includes("body")) a.bodyText = articleText(a.body);
    stamp(a, actor, now);
    a.updatedAt = now;
    // Only what a save owns is written: the view and vote counters move in their own
    // statements (record-view, record-feedback) and a stale copy of them must not come back.
    // The version moves only if nobody saved in between (two editors at once: one 409).
    const set: Partial<KbArticle> = {
      ...Object.fromEntries(changed.map((k) => [k, a[k]])),
      bodyText: a.bodyText, reviewerId: a.reviewerId, publishedAt: a.publishedAt, updatedAt: a.updatedAt, version: a.version + 1,
    };
    const res = await m.update(KbArticle, { id, version: a.version }, set);
    if (!res.affected) throw conflict("kb_article_changed", "kb.errors.changed");
    a.version += 1;
    await appendRevision(m, a, actor.id, changed.join(","), note, now);
    await indexArticle(m, a);
    return a;
  };
  return tx ? run(tx) : withTransaction(deps.db, run);
}

/** Bring back what a revision said (as a new revision: nothing of the history is lost). */
export async function restoreRevision(deps: Deps, actor: Actor, id: number, number: number, version?: number): Promise<KbArticle> {
  authorizeKb(actor, "write");
  return withTransaction(deps.db, async (tx) => {
    const r = await tx.findOne(KbRevision, { where: { articleId: id, number } });
    if (!r) throw notFound("kb_revision_not_found");
    return updateArticle(deps, actor, id, {
      title: r.title, summary: r.summary, body: r.body, categoryId: r.categoryId, tags: r.tags ? r.tags.split(",") : [],
      audience: r.audience, status: r.status, reviewBy: r.reviewBy, version,
    }, `restored:${number}`, tx);
  });
}
