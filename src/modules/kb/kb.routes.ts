import fs from "node:fs";
import { Router } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError, notFound } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { localDate } from "../../platform/http/format";
import { isKbEditor } from "../../access/policies/kb.policy";
import { idParam } from "../admin/admin-page";
import { feedbackSchema, searchQuerySchema } from "./kb.schemas";
import { KB_STATUS_FILTERS, browsableCategory, listArticles, statusFilterOf } from "./queries/list-articles";
import { kbIndex } from "./queries/kb-index";
import { getKbFile } from "./queries/get-article";
import { recordFeedback } from "./commands/record-feedback";
import { articleRow, hitRow, INLINE_IMAGE_TYPES } from "./kb.presenter";
import { renderArticlePage } from "./article-page";

/** `?fb=1`: the article page shown again after a "was this helpful?" answer, which is no new reading. */
const FEEDBACK_SENT = "1";

/** A keyset cursor from the query string: the last id of the previous page. */
const beforeOf = (v: unknown): number | null => (typeof v === "string" && /^\d{1,12}$/.test(v) ? Number(v) : null);

/**
 * The knowledge base as every signed-in person reads it: search, categories, popular
 * articles, an article, its files, "was this helpful?". Editors get more on the same pages
 * (drafts, archived and agent-only articles, what to review) through the same queries,
 * whose scope (kbScope) decides what each reader may see.
 */
export function kbRoutes(deps: Deps): Router {
  const r = Router();
  const db = deps.db;

  route(r, "get", "/kb", "user", async (req, res) => {
    const actor = req.actor!;
    const editor = isKbEditor(actor);
    const { q } = parse(searchQuerySchema, req.query);
    const status = statusFilterOf(actor, req.query.status);
    // "review by" dates are days where the desk works
    const today = localDate(deps.clock.now(), deps.config.defaultTimezone);
    const { hits, categories, popular, list, review } = await kbIndex(db, actor, { q, status, before: beforeOf(req.query.before), today });
    res.render("kb/index", {
      title: res.locals.t("kb.title"), q, status, statuses: editor ? KB_STATUS_FILTERS : [],
      hits: hits.map(hitRow), categories, popular: popular.map(articleRow), review: review.map(articleRow),
      list: list ? { rows: list.rows.map(articleRow), next: list.next } : null,
      can: { edit: editor },
    });
  });

  route(r, "get", "/kb/categories/:id", "user", async (req, res) => {
    const actor = req.actor!;
    const category = await browsableCategory(db, actor, idParam(req, "kb_category_not_found"));
    if (!category) throw notFound("kb_category_not_found");
    const status = statusFilterOf(actor, req.query.status);
    const page = await listArticles(db, actor, { categoryId: category.id, status, before: beforeOf(req.query.before) });
    res.render("kb/category", {
      title: category.name, category: { id: category.id, name: category.name, description: category.description, active: category.active },
      status, statuses: isKbEditor(actor) ? KB_STATUS_FILTERS : [],
      rows: page.rows.map(articleRow), next: page.next, can: { edit: isKbEditor(actor) },
    });
  });

  // not someone reading: a HEAD request (a link checker, a preview), nor the page coming
  // back after their answer to "was this helpful?" (FEEDBACK_SENT, the POST's redirect)
  route(r, "get", "/kb/articles/:id", "user", (req, res) =>
    renderArticlePage(deps, req, res, { view: req.method === "GET" && req.query.fb !== FEEDBACK_SENT }));

  route(r, "post", "/kb/articles/:id/feedback", "user", async (req, res) => {
    const id = idParam(req, "kb_article_not_found");
    try {
      const input = parse(feedbackSchema, req.body ?? {});
      await recordFeedback(deps, req.actor!, id, { helpful: input.helpful === "yes", comment: input.comment });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      return renderArticlePage(deps, req, res, { status: 422, err, values: req.body ?? {} });
    }
    flash(req, "success", "kb.flash.thanks");
    res.redirect(303, `/kb/articles/${id}?fb=${FEEDBACK_SENT}#feedback`);
  });

  // the name in the path is for people reading the link; the id alone decides which file
  route(r, "get", "/kb/files/:id/:filename", "user", async (req, res) => {
    const { attachment: f, file } = await getKbFile(deps, req.actor!, Number(req.params.id) || 0);
    if (!fs.existsSync(file)) throw notFound("kb_file_not_found");
    res.set("x-content-type-options", "nosniff");
    res.set("content-security-policy", "default-src 'none'; sandbox");
    // who may read it depends on who asks: no shared cache keeps it
    res.set("cache-control", "private, no-cache");
    res.attachment(f.filename).type(f.mimeType);
    if (INLINE_IMAGE_TYPES.includes(f.mimeType)) res.set("content-disposition", res.get("content-disposition")!.replace(/^attachment/, "inline"));
    res.sendFile(file, { cacheControl: false });
  });
  return r;
}
