import type { Request, Response } from "express";
import type { Deps } from "../../platform/deps";
import type { AppError } from "../../platform/http/errors";
import { idParam, renderForm } from "../admin/admin-page";
import { articleDetails, readArticle } from "./queries/get-article";
import { recordView } from "./commands/record-view";
import { articlePage } from "./kb.presenter";

/**
 * The article page: shown on a reader's visit (which counts as a view), and again after a
 * form on it was refused (feedback, publish, archive) with the message and what was typed.
 */
export async function renderArticlePage(
  deps: Deps, req: Request, res: Response, opts: { view?: boolean; status?: number; err?: AppError; values?: Record<string, unknown> } = {},
): Promise<void> {
  const actor = req.actor!;
  const a = await readArticle(deps.db, actor, idParam(req, "kb_article_not_found"));
  const [details] = await Promise.all([articleDetails(deps.db, actor, a), opts.view ? recordView(deps.db, actor, a) : undefined]);
  renderForm(res, "kb/article", { title: a.title, ...articlePage(a, details, actor), values: opts.values ?? {} }, opts.status, opts.err);
}
