import { z } from "zod";
import type { Actor } from "../../../access/actor";
import { authorizeKb } from "../../../access/policies/kb.policy";
import { authorizeProblem } from "../../../access/policies/problem.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { AppError, notFound } from "../../../platform/http/errors";
import { translator, type Translate } from "../../../platform/i18n";
import { Problem } from "../../problems/problem.entity";
import { assertMove } from "../../problems/problem-states";
import { KB_AUDIENCES, KbArticle, type KbAudience } from "../kb.entity";
import { normalizeTags } from "../kb.schemas";
import { plainToMarkdown } from "../markdown";
import { createArticle, updateArticle, type ArticleInput } from "./save-article";

/** The tag every known-error article carries (the knowledge base can be filtered on it). */
export const KNOWN_ERROR_TAG = "known-error";

/** The problem page's form: who may read the article (everyone unless told). */
export const knownErrorFormSchema = z.object({
  audience: z.enum(KB_AUDIENCES, { error: "validation.choice" }).default("everyone"),
});

/**
 * The article of a problem, written in the desk's default language (the language its
 * readers share; an editor may translate it afterwards): the title "Known error: ...",
 * what people notice (the problem's description), the workaround, and where things stand.
 */
function knownErrorArticle(p: Problem, t: Translate, audience: KbAudience): Omit<ArticleInput, "tags"> {
  const title = t("kbProblems.article.title", { title: p.title });
  const body = [
    `## ${t("kbProblems.article.symptoms")}`, "", plainToMarkdown(p.description), "",
    `## ${t("kbProblems.article.workaround")}`, "", plainToMarkdown(p.workaround ?? ""), "",
    `## ${t("kbProblems.article.status")}`, "", t("kbProblems.article.status_text"), "",
  ].join("\n");
  return { title: title.length > 200 ? `${title.slice(0, 199)}…` : title, body, audience, status: "published" };
}

/**
 * Publish a problem's workaround as ITS known-error article: the first time a new
 * published article (problemId set, tag known-error), afterwards a new revision of that
 * same article with the problem's current words (an editor's other tags and category are
 * kept). For those who may edit the problem (404 for who may not read problems, 403 for
 * the others), while it is open (409 problem_closed), and only once it has a workaround
 * (422 no_workaround). The problem row is locked on PostgreSQL so two clicks at once make
 * one article, not two.
 */
export async function publishKnownError(deps: Deps, actor: Actor, problemId: number, audience: KbAudience): Promise<{ article: KbArticle; created: boolean }> {
  authorizeProblem(actor, "read");
  authorizeProblem(actor, "edit");
  authorizeKb(actor, "write");
  return withTransaction(deps.db, async (tx) => {
    const lock = tx.connection.options.type === "postgres" ? { lock: { mode: "pessimistic_write" as const } } : {};
    const p = await tx.findOne(Problem, { where: { id: problemId }, ...lock });
    if (!p) throw notFound("problem_not_found");
    authorizeProblem(actor, "edit", p);
    assertMove("publish_workaround", p.status);
    if (!p.workaround?.trim()) throw new AppError(422, "no_workaround", "kbProblems.errors.no_workaround");
    const input = knownErrorArticle(p, translator(deps.config.defaultLocale), audience);
    const existing = await tx.findOne(KbArticle, { where: { problemId: p.id }, order: { id: "ASC" } });
    if (!existing) {
      return { article: await createArticle(deps, actor, { ...input, tags: [KNOWN_ERROR_TAG] }, { problemId: p.id }, tx), created: true };
    }
    const tags = normalizeTags([...(existing.tags ? existing.tags.split(",") : []), KNOWN_ERROR_TAG]);
    return { article: await updateArticle(deps, actor, existing.id, { ...input, tags }, null, tx), created: false };
  });
}
