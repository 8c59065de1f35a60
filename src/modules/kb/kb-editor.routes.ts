import { articleInputOf } from "./kb.api-shape";
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import type { Translate } from "../../platform/i18n";
import { storedFiles } from "../../platform/uploads/upload";
import { idParam, renderForm } from "../admin/admin-page";
import { KB_AUDIENCES, KB_STATUSES, KbCategory, type KbArticle } from "./kb.entity";
import { articleFormSchema } from "./kb.schemas";
import { renderArticle } from "./markdown";
import { createArticle, restoreRevision, updateArticle, type ArticleInput } from "./commands/save-article";
import { addKbFiles, deleteKbFile } from "./commands/attachments";
import { allCategories } from "./queries/list-articles";
import { articleDetails, readArticle } from "./queries/get-article";
import { getRevision, listRevisions } from "./queries/revisions";
import { categoryOptions, editorContext, formOfArticle, formOfBody, revisionPage, revisionRow, type ArticleFormValues } from "./kb.presenter";
import { renderArticlePage } from "./article-page";

const versionSchema = z.object({ version: z.coerce.number({ error: "validation.invalid" }).int().positive("validation.invalid") });
const statusSchema = versionSchema.extend({ status: z.enum(KB_STATUSES, { error: "validation.choice" }) });

/** A refusal the editor can act on (a field to fix, someone else's save): shown in the page. */
const shownInPage = (err: unknown, also: number[] = []): err is AppError =>
  err instanceof AppError && [409, 422, ...also].includes(err.status);

/**
 * Writing the knowledge base (technicians, supervisors, admins): the article form with
 * its preview, publishing and archiving, the revisions and their restore, the files.
 * Every save goes through save-article (a revision each, 409 on a stale version).
 */
export function kbEditorRoutes(deps: Deps, upload: RequestHandler): Router {
  const r = Router();
  const db = deps.db;

  type Shown = { status?: number; err?: AppError; preview?: string | null };
  const renderEditor = async (req: Request, res: Response, a: KbArticle | null, form: ArticleFormValues, opts: Shown = {}) => {
    const t = res.locals.t as Translate;
    const [all, details] = await Promise.all([allCategories(db), a ? articleDetails(db, req.actor!, a) : null]);
    renderForm(res, "kb/edit", {
      title: a ? t("kb.editor.edit_title", { title: a.title }) : t("kb.editor.new_title"),
      form, categories: categoryOptions(all, form.category), audiences: KB_AUDIENCES, statuses: KB_STATUSES,
      preview: opts.preview ?? null, ...editorContext(a, details), uploads: deps.config.uploads, conflict: opts.err?.status === 409,
    }, opts.status, opts.err);
  };

  route(r, "get", "/kb/new", "kb-editor", (req, res) => renderEditor(req, res, null, formOfArticle(null)));
  route(r, "get", "/kb/articles/:id/edit", "kb-editor", async (req, res) => {
    const a = await readArticle(db, req.actor!, idParam(req, "kb_article_not_found"));
    await renderEditor(req, res, a, formOfArticle(a));
  });

  /** Save (a new article, or a new revision of one), or show the same form with the body rendered, saving nothing. */
  const save = async (req: Request, res: Response, id: number | null) => {
    const actor = req.actor!;
    const current = id ? await readArticle(db, actor, id) : null;
    const form = formOfBody(req.body ?? {});
    if ((req.body ?? {})._action === "preview") return renderEditor(req, res, current, form, { preview: renderArticle(form.body) });
    try {
      const input = parse(articleFormSchema, { ...form, version: current ? form.version : undefined });
      const data: ArticleInput = { ...articleInputOf(input), title: input.title, body: input.body, audience: input.audience, status: input.status };
      const a = current ? await updateArticle(deps, actor, current.id, { ...data, version: input.version }) : await createArticle(deps, actor, data);
      flash(req, "success", current ? "kb.flash.saved" : "kb.flash.created");
      res.redirect(303, `/kb/articles/${a.id}`);
    } catch (err) {
      if (!shownInPage(err)) throw err;
      // a stale page: what was typed stays, on the current version, so saving again is a deliberate overwrite
      const fresh = err.status === 409 && current ? await readArticle(db, actor, current.id) : current;
      const kept = err.status === 409 && fresh ? { ...form, version: String(fresh.version) } : form;
      await renderEditor(req, res, fresh, kept, { status: err.status, err });
    }
  };
  route(r, "post", "/kb/articles", "kb-editor", (req, res) => save(req, res, null));
  route(r, "post", "/kb/articles/:id", "kb-editor", (req, res) => save(req, res, idParam(req, "kb_article_not_found")));

  // publish, archive, back to draft: from the article page, on the version it showed
  route(r, "post", "/kb/articles/:id/status", "kb-editor", async (req, res) => {
    const id = idParam(req, "kb_article_not_found");
    let status: string;
    try {
      const input = parse(statusSchema, req.body ?? {});
      await updateArticle(deps, req.actor!, id, input);
      status = input.status;
    } catch (err) {
      if (!shownInPage(err)) throw err;
      return renderArticlePage(deps, req, res, { status: err.status, err });
    }
    flash(req, "success", `kb.flash.status_${status}`);
    res.redirect(303, `/kb/articles/${id}`);
  });

  // ---- revisions
  route(r, "get", "/kb/articles/:id/revisions", "kb-editor", async (req, res) => {
    const t = res.locals.t as Translate;
    const a = await readArticle(db, req.actor!, idParam(req, "kb_article_not_found"));
    const rows = await listRevisions(db, req.actor!, a.id);
    res.render("kb/revisions", { title: t("kb.revisions.title", { title: a.title }), article: { id: a.id, title: a.title }, rows: rows.map((x) => revisionRow(x, t)) });
  });

  const showRevision = async (req: Request, res: Response, status?: number, err?: AppError) => {
    const t = res.locals.t as Translate;
    const a = await readArticle(db, req.actor!, idParam(req, "kb_article_not_found"));
    const rev = await getRevision(db, req.actor!, a.id, Number(req.params.n));
    const category = rev.categoryId ? await db.manager.findOne(KbCategory, { where: { id: rev.categoryId } }) : null;
    renderForm(res, "kb/revision", {
      title: t("kb.revisions.one_title", { n: rev.number, title: a.title }),
      article: { id: a.id, title: a.title, version: a.version }, revision: revisionPage(rev, category?.name ?? null, t),
    }, status, err);
  };
  route(r, "get", "/kb/articles/:id/revisions/:n", "kb-editor", (req, res) => showRevision(req, res));
  route(r, "post", "/kb/articles/:id/revisions/:n/restore", "kb-editor", async (req, res) => {
    const id = idParam(req, "kb_article_not_found");
    const n = Number(req.params.n) || 0;
    try {
      await restoreRevision(deps, req.actor!, id, n, parse(versionSchema, req.body ?? {}).version);
    } catch (err) {
      if (!shownInPage(err)) throw err;
      return showRevision(req, res, err.status, err);
    }
    flash(req, "success", "kb.flash.restored", { n });
    res.redirect(303, `/kb/articles/${id}`);
  });

  // ---- files (the multipart form's CSRF token is checked by the upload middleware, after multer)
  route(r, "post", "/kb/articles/:id/files", "kb-editor", upload, async (req, res) => {
    const id = idParam(req, "kb_article_not_found");
    try {
      if (req.uploadError) throw req.uploadError;
      await addKbFiles(deps, req.actor!, id, storedFiles(req));
    } catch (err) {
      if (!shownInPage(err, [413])) throw err;
      const a = await readArticle(db, req.actor!, id);
      return renderEditor(req, res, a, formOfArticle(a), { status: err.status, err });
    }
    flash(req, "success", "kb.flash.files_added");
    res.redirect(303, `/kb/articles/${id}/edit#files`);
  });
  route(r, "post", "/kb/files/:id/delete", "kb-editor", async (req, res) => {
    const f = await deleteKbFile(deps, req.actor!, idParam(req, "kb_file_not_found"));
    flash(req, "success", "kb.flash.file_deleted", { name: f.filename });
    res.redirect(303, `/kb/articles/${f.articleId}/edit#files`);
  });
  return r;
}
