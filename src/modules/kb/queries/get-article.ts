import path from "node:path";
import type { DataSource } from "typeorm";
import type { Actor } from "../../../access/actor";
import { authorizeKb, isKbEditor, type KbArticleSubject } from "../../../access/policies/kb.policy";
import type { Deps } from "../../../platform/deps";
import { rawEntities, rawQuery } from "../../../platform/db/raw";
import { toDate } from "../../../platform/db/columns";
import { notFound } from "../../../platform/http/errors";
import { formatNumber, type TicketType } from "../../tickets/ticket.types";
import { formatProblemNumber } from "../../problems/problem.entity";
import { displayNames } from "../../users/queries/display-names";
import { KbArticle, KbAttachment, KbCategory } from "../kb.entity";

/** An article this reader may read; any other (unknown, draft, agent-only for an employee) is a 404. */
export async function readArticle(db: DataSource, actor: Actor, id: number): Promise<KbArticle> {
  const [a] = Number.isSafeInteger(id) && id > 0 ? await rawEntities(db, KbArticle, "id = ?", [id]) : [];
  authorizeKb(actor, "read", a ?? null);
  return a;
}

interface KbComment {
  helpful: boolean;
  comment: string;
  name: string;
  at: Date;
}

/** What the editors see beside an article: who wrote it, how it helps, where it came from. */
interface KbEditorFacts {
  author: string | null;
  reviewer: string | null;
  comments: KbComment[];
  deflections: number;
  /** "INC-000123": the ticket it was written from. */
  sourceTicket: string | null;
  /** "PRB-000042": the problem it is the known error of. */
  problem: string | null;
}

export interface KbArticleDetails {
  category: Pick<KbCategory, "id" | "name" | "active"> | null;
  files: KbAttachment[];
  /** The reader's own answer to "was this helpful?". */
  mine: { helpful: boolean; comment: string | null } | null;
  editor: KbEditorFacts | null;
}

/** The latest comments left with a "was this helpful?" answer. */
const COMMENTS = 5;

async function editorFacts(db: DataSource, a: KbArticle): Promise<KbEditorFacts> {
  const [comments, [deflected], ticket] = await Promise.all([
    rawQuery<{ helpful: boolean | number; comment: string; display_name: string; updated_at: unknown }>(db,
      `SELECT f.helpful, f.comment, u.display_name, f.updated_at FROM kb_feedback f JOIN users u ON u.id = f.user_id
        WHERE f.article_id = ? AND f.comment IS NOT NULL ORDER BY f.updated_at DESC, f.id DESC LIMIT ?`, [a.id, COMMENTS]),
    rawQuery<{ n: number | string }>(db, "SELECT COUNT(*) AS n FROM kb_deflections WHERE article_id = ?", [a.id]),
    a.sourceTicketId ? rawQuery<{ type: TicketType }>(db, "SELECT type FROM tickets WHERE id = ?", [a.sourceTicketId]) : Promise.resolve([]),
  ]);
  const who = await displayNames(db, [a.authorId, a.reviewerId]);
  return {
    author: a.authorId ? who.get(a.authorId)?.displayName ?? null : null,
    reviewer: a.reviewerId ? who.get(a.reviewerId)?.displayName ?? null : null,
    comments: comments.map((c) => ({ helpful: c.helpful === true || Number(c.helpful) === 1, comment: c.comment, name: c.display_name, at: toDate(c.updated_at)! })),
    deflections: Number(deflected?.n ?? 0),
    sourceTicket: ticket[0] && a.sourceTicketId ? formatNumber(ticket[0].type, a.sourceTicketId) : null,
    problem: a.problemId ? formatProblemNumber(a.problemId) : null,
  };
}

/** Around an article already read (readArticle): its category, files, the reader's answer, and the editors' facts. */
export async function articleDetails(db: DataSource, actor: Actor, a: KbArticle): Promise<KbArticleDetails> {
  const [category, files, mine, editor] = await Promise.all([
    a.categoryId ? rawEntities(db, KbCategory, "id = ?", [a.categoryId]) : Promise.resolve([]),
    rawEntities(db, KbAttachment, "article_id = ? ORDER BY id", [a.id]),
    rawQuery<{ helpful: boolean | number; comment: string | null }>(db, "SELECT helpful, comment FROM kb_feedback WHERE article_id = ? AND user_id = ?", [a.id, actor.id]),
    isKbEditor(actor) ? editorFacts(db, a) : Promise.resolve(null),
  ]);
  const c = category[0];
  return {
    category: c ? { id: c.id, name: c.name, active: c.active } : null,
    files,
    mine: mine[0] ? { helpful: mine[0].helpful === true || Number(mine[0].helpful) === 1, comment: mine[0].comment } : null,
    editor,
  };
}

/** A file of an article, for download: whoever may not read the article gets a 404. */
export async function getKbFile(deps: Deps, actor: Actor, fileId: number): Promise<{ attachment: KbAttachment; file: string }> {
  const [f] = Number.isSafeInteger(fileId) && fileId > 0 ? await rawEntities(deps.db, KbAttachment, "id = ?", [fileId]) : [];
  if (!f) throw notFound("kb_file_not_found");
  // what the rule needs, not the whole body
  const [a] = await rawQuery<KbArticleSubject>(deps.db, "SELECT audience, status FROM kb_articles WHERE id = ?", [f.articleId]);
  authorizeKb(actor, "read", a ?? null);
  return { attachment: f, file: path.join(deps.config.uploadDir, path.basename(f.storageKey)) };
}
